namespace SocialCapital.Recommendations;

/// <summary>The mentor matches of one citizen, best first, and why other mentors were not eligible.</summary>
public sealed class MentorMatchResult
{
    internal MentorMatchResult(string citizen, IReadOnlyList<MentorMatch> matches, int eligible, IneligibleCounts ineligible)
    {
        Citizen = citizen;
        Matches = matches;
        Eligible = eligible;
        Ineligible = ineligible;
    }

    /// <summary>The citizen's id.</summary>
    public string Citizen { get; }

    /// <summary>The matches, best first (at most the requested number).</summary>
    public IReadOnlyList<MentorMatch> Matches { get; }

    /// <summary>How many mentors passed every hard rule.</summary>
    public int Eligible { get; }

    /// <summary>How many mentors each hard rule ruled out.</summary>
    public IneligibleCounts Ineligible { get; }

    /// <summary>The result in words: the citizen, how many matches of how many eligible mentors, and why others were not.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        var text = FormattableString.Invariant($"{Matches.Count} mentor matches for citizen {Citizen} ({Eligible} eligible)");
        return Ineligible.ToString() is { Length: > 0 } why ? $"{text}; {why}" : text;
    }
}
