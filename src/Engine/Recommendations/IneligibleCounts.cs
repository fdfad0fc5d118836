namespace SocialCapital.Recommendations;

/// <summary>How many mentors each hard rule ruled out for one citizen, so an empty or short list can be explained.</summary>
public sealed class IneligibleCounts
{
    /// <summary>Mentors with no free place (or no stated capacity).</summary>
    public int NoFreePlace { get; internal set; }

    /// <summary>Mentors with a free place in another area (or any, when the citizen's area is unknown).</summary>
    public int OtherArea { get; internal set; }

    /// <summary>Mentors who mentor, or have mentored, this citizen.</summary>
    public int PastOrCurrentMentor { get; internal set; }

    /// <summary>Mentors this citizen declined before: a declined pair is never proposed or suggested again.</summary>
    public int DeclinedBefore { get; internal set; }

    /// <summary>Mentors already proposed to this citizen, the proposal still pending.</summary>
    public int AlreadyProposed { get; internal set; }

    /// <summary>Mentors sharing none of the citizen's languages.</summary>
    public int NoSharedLanguage { get; internal set; }

    /// <summary>Pairs the caller excluded.</summary>
    public int ExcludedByCaller { get; internal set; }

    /// <summary>Counts one mentor ruled out by <paramref name="rule"/> (<see cref="MentorRule.None"/> counts nothing).</summary>
    internal void Add(MentorRule rule, int count = 1)
    {
        switch (rule)
        {
            case MentorRule.NoFreePlace: NoFreePlace += count; break;
            case MentorRule.OtherArea: OtherArea += count; break;
            case MentorRule.PastOrCurrentMentor: PastOrCurrentMentor += count; break;
            case MentorRule.DeclinedBefore: DeclinedBefore += count; break;
            case MentorRule.AlreadyProposed: AlreadyProposed += count; break;
            case MentorRule.ExcludedByCaller: ExcludedByCaller += count; break;
            case MentorRule.NoSharedLanguage: NoSharedLanguage += count; break;
        }
    }

    /// <summary>The counts in words, e.g. "12 mentors have no free place; 3 live in another area", or empty.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        var parts = new List<string>();
        void Add(int n, string what) { if (n > 0) parts.Add($"{n} {(n == 1 ? "mentor" : "mentors")} {what}"); }
        Add(NoFreePlace, "with no free place");
        Add(OtherArea, "in another area (allow any area to include them)");
        Add(PastOrCurrentMentor, "already mentoring or having mentored this citizen");
        Add(DeclinedBefore, "declined by this citizen before");
        Add(AlreadyProposed, "already proposed to this citizen (pending)");
        Add(NoSharedLanguage, "sharing none of the citizen's languages");
        Add(ExcludedByCaller, "excluded by the caller");
        return string.Join("; ", parts);
    }
}
