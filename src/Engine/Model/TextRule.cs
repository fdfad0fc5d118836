using System.Globalization;
using System.Text;

namespace SocialCapital.Model;

/// <summary>The one rule for text the format stores (area codes, sectors, list items, extra attributes) and for area
/// codes wherever they are written (tokens' area claims): no control characters, no invisible format characters (bidi
/// overrides such as U+202E, zero-width spaces and joiners, the byte-order mark), no unpaired surrogates — such text
/// displays as something it is not.</summary>
public static class TextRule
{
    /// <summary>Why <paramref name="text"/> breaks the rule, or <see langword="null"/> when it keeps it (or is null).
    /// Thread-safe.</summary>
    /// <param name="text">The text.</param>
    /// <param name="freeText">Free text (an extra attribute's value): line breaks and tabs are allowed too.</param>
    /// <returns>A reason naming the character and its position, e.g. <c>holds an invisible or control character (U+202E
    /// at position 2)</c>.</returns>
    public static string? Problem(string? text, bool freeText = false)
    {
        if (text is null) return null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (freeText && c is '\n' or '\r' or '\t') continue;
            if (IsHidden(c)) return $"holds an invisible or control character (U+{(int)c:X4} at position {i + 1})";
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
        foreach (var c in text)
            if (IsHidden(c)) builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            else builder.Append(c);
        return builder.ToString();
    }

    private static bool IsHidden(char c) =>
        char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate;
}
