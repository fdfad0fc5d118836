namespace SocialCapital.Metrics;

/// <summary>Suppression of small cells in the reports for analysts (the programme report, the coaching report): counts
/// from 1 to k − 1, and shares and medians over fewer than k or with such a numerator, are null, and
/// <see cref="Suppressed"/> says one was. Not thread-safe: one per report (or per row) being made.</summary>
internal sealed class SmallCells(int k)
{
    /// <summary>Whether some cell was suppressed.</summary>
    public bool Suppressed { get; private set; }

    private bool Small(int n) => n > 0 && n < k;

    /// <summary>Whether a count would be suppressed.</summary>
    public bool IsSmall(int n) => Small(n);

    /// <summary>Counts that add up to a shown total, each suppressed as <see cref="Count"/> does; when exactly one is,
    /// the smallest other non-zero one is too (secondary suppression), or the one would be the total less the rest.</summary>
    public int?[] Parts(params int[] parts)
    {
        var shown = new int?[parts.Length];
        var hidden = 0;
        for (var i = 0; i < parts.Length; i++)
            if ((shown[i] = Count(parts[i])) is null) hidden++;
        if (hidden != 1) return shown;
        var next = -1;
        for (var i = 0; i < parts.Length; i++)
            if (shown[i] is { } n && n > 0 && (next < 0 || n < parts[next])) next = i;
        if (next >= 0) shown[next] = null;
        return shown;
    }

    /// <summary>The count, or null (and <see cref="Suppressed"/>) when it is from 1 to k − 1.</summary>
    public int? Count(int n)
    {
        if (!Small(n)) return n;
        Suppressed = true;
        return null;
    }

    /// <summary><paramref name="part"/> ÷ <paramref name="whole"/>; null when either is small (suppressed) or the whole is 0.</summary>
    public double? Share(int part, int whole)
    {
        if (Small(part) || Small(whole)) { Suppressed = true; return null; }
        return whole == 0 ? null : (double)part / whole;
    }

    /// <summary><see cref="Share"/>, and also null when the rest (<paramref name="whole"/> − <paramref name="part"/>) is
    /// small: with the whole shown, the share would give the rest away.</summary>
    public double? ShareWithRest(int part, int whole)
    {
        if (Small(whole - part)) { Suppressed = true; return null; }
        return Share(part, whole);
    }

    /// <summary>The median (<see cref="Inequality.Median"/>); null when there are 1 to k − 1 values (suppressed) or none.
    /// Sorts the list.</summary>
    public double? Median(List<int> values)
    {
        if (Small(values.Count)) { Suppressed = true; return null; }
        if (values.Count == 0) return null;
        return Inequality.Median(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(values));
    }
}
