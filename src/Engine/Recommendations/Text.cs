namespace SocialCapital.Recommendations;

/// <summary>How recommendation records print themselves: a headline, then the reasons in brackets.</summary>
internal static class Text
{
    public static string Describe(string headline, IReadOnlyList<string> reasons) =>
        reasons.Count == 0 ? headline : $"{headline} ({string.Join("; ", reasons)})";
}
