using System.Globalization;
using System.Text;

namespace SocialCapital.Model;

/// <summary>The one rule for text the format stores (area codes, sectors, list items, extra attributes) and for area
/// codes wherever they are written (tokens' area claims): no control characters, no invisible format characters (bidi
/// overrides such as U+202E, zero-width spaces and joiners, the byte-order mark, the TAG characters), no line or paragraph
/// separators, no unassigned code points or variation selectors, no whitespace but the plain space, no unpaired
/// surrogates — such text displays as something it is not.</summary>
public static class TextRule
{
    /// <summary>Why <paramref name="text"/> breaks the rule, or <see langword="null"/> when it keeps it (or is null).
    /// Thread-safe.</summary>
    /// <param name="text">The text.</param>
    /// <param name="freeText">Free text (an extra attribute's value): line breaks, tabs and every kind of space are allowed too.</param>
    /// <returns>A reason naming the character and its position, e.g. <c>holds an invisible or control character (U+202E
    /// at position 2)</c>.</returns>
    public static string? Problem(string? text, bool freeText = false)
    {
        if (text is null) return null;
        var position = 0;
        for (var i = 0; i < text.Length; i += char.IsSurrogatePair(text, i) ? 2 : 1)
        {
            position++;
            if (!Rune.TryGetRuneAt(text, i, out var rune))
                return $"holds an unpaired surrogate (U+{(int)text[i]:X4} at position {position})";
            if (freeText && Rune.IsWhiteSpace(rune) && Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.LineSeparator
                    or UnicodeCategory.ParagraphSeparator)) continue; // free text may break lines, tab and use any space
            if (IsHidden(rune))
                return $"holds an invisible or control character (U+{rune.Value:X4} at position {position})";
        }
        return null;
    }

    /// <summary><paramref name="text"/> with each control, format or surrogate character written as <c>\uXXXX</c>, so a
    /// message shows what was sent. Thread-safe.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The text, made visible.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static string Visible(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i += char.IsSurrogatePair(text, i) ? 2 : 1)
            if (!Rune.TryGetRuneAt(text, i, out var rune)) builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)text[i]:X4}");
            else if (IsHidden(rune)) builder.Append(CultureInfo.InvariantCulture, $"\\u{rune.Value:X4}");
            else builder.Append(rune.ToString());
        return builder.ToString();
    }

    /// <summary>Control and format characters (including the supplementary planes' TAG characters U+E0000–E007F), line
    /// and paragraph separators, unassigned code points, variation selectors, and whitespace other than the plain space
    /// (a no-break space makes "A1\u00A0" look like "A1").</summary>
    private static bool IsHidden(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.OtherNotAssigned
        || rune.Value is (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF)
        || (Rune.IsWhiteSpace(rune) && rune.Value != ' ');
}
