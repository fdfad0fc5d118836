namespace SocialCapital;

/// <summary>Small helpers for messages in plain English.</summary>
internal static class Words
{
    /// <summary>The word with its indefinite article: "an employer", "a citizen".</summary>
    public static string A(string word) => (word.Length > 0 && "aeiou".Contains(word[0]) ? "an " : "a ") + word;
}
