namespace SocialCapital.Recommendations;

/// <summary>The hard rules of mentor matching, in the order they are checked: the first a pair breaks is the one that
/// excludes it. <see cref="MentorMatching.ForCitizen"/> ranks only pairs that break none, and
/// <see cref="MentorMatching.Explain"/> names the rule for one pair; both use the same checks.</summary>
public enum MentorRule
{
    /// <summary>No rule is broken: the mentor is eligible.</summary>
    None = 0,

    /// <summary>The mentor has no free place: capacity − current mentees − places held by pending proposals is 0 (or no
    /// capacity is stated).</summary>
    NoFreePlace,

    /// <summary>The mentor lives in another area (or the citizen's area is unknown) and any area was not allowed.</summary>
    OtherArea,

    /// <summary>The mentor mentors, or has mentored, this citizen.</summary>
    PastOrCurrentMentor,

    /// <summary>The citizen declined this mentor before: a declined pair is never proposed or suggested again.</summary>
    DeclinedBefore,

    /// <summary>A proposal of this mentor to this citizen is pending.</summary>
    AlreadyProposed,

    /// <summary>The caller excluded the pair (<see cref="MatchOptions.ExcludedPairs"/>).</summary>
    ExcludedByCaller,

    /// <summary>The citizen lists languages and the mentor speaks none of them.</summary>
    NoSharedLanguage,
}
