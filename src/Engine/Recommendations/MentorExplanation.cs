namespace SocialCapital.Recommendations;

/// <summary>"Why not this mentor?" for one (citizen, mentor) pair: the hard rule that excludes the mentor, in words, or —
/// when none does — the match as the ranking scores it, with its rank among the eligible mentors.</summary>
public sealed record MentorExplanation
{
    /// <summary>The citizen's id.</summary>
    public required string Citizen { get; init; }

    /// <summary>The mentor's id.</summary>
    public required string Mentor { get; init; }

    /// <summary>Whether the mentor passes every hard rule.</summary>
    public bool Eligible => Rule == MentorRule.None;

    /// <summary>The first hard rule the pair breaks; <see cref="MentorRule.None"/> when eligible.</summary>
    public MentorRule Rule { get; init; }

    /// <summary>The answer in plain words: the rule and the facts behind it, or the rank of an eligible mentor.</summary>
    public required string Why { get; init; }

    /// <summary>How many mentors are eligible for the citizen under the same options.</summary>
    public int EligibleMentors { get; init; }

    /// <summary>The match with its score parts, reasons and rank (1 = best) when eligible; otherwise null.</summary>
    public MentorMatch? Match { get; init; }

    /// <summary>The explanation in words: mentor, citizen and <see cref="Why"/>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"mentor {Mentor} for citizen {Citizen}: {Why}";
}
