namespace SocialCapital.Synthetic;

/// <summary>Parameters of a generated city (docs/generator.md). Defaults: 10,000 people, one area per 2,000
/// people (at least 3), seed 1, homophily 0.7, 20 contacts on average, dates relative to 2026-01-01.</summary>
public sealed record CityOptions
{
    /// <summary>People (citizens, mentors, coaches), ≥ 10; default 10,000.</summary>
    public int People { get; init; } = 10_000;

    /// <summary>Areas; default one per 2,000 people, at least 3.</summary>
    public int? Areas { get; init; }

    /// <summary>Seed; the same options give byte-identical files. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Homophily in [0, 1]: the chance a contact is sought in one's own area, and the strength of the
    /// preference for people alike in work status, SES band and age band. 0 = partners at random
    /// (a Chung–Lu graph); default 0.7.</summary>
    public double Homophily { get; init; } = 0.7;

    /// <summary>Mean number of person–person contacts per person, &gt; 0; default 20.</summary>
    public double MeanContacts { get; init; } = 20;

    /// <summary>The date the city is "as of": tie start and end dates are drawn before it. Default 2026-01-01.</summary>
    public DateOnly ReferenceDate { get; init; } = new(2026, 1, 1);

    internal int AreaCount => Areas ?? Math.Max(3, People / 2_000);

    internal void Validate()
    {
        if (People < 10) throw new ArgumentOutOfRangeException(nameof(People), People, "A city needs at least 10 people.");
        if (AreaCount < 1 || AreaCount > People) throw new ArgumentOutOfRangeException(nameof(Areas), Areas, "Areas must be between 1 and the number of people.");
        if (!(Homophily >= 0 && Homophily <= 1)) throw new ArgumentOutOfRangeException(nameof(Homophily), Homophily, "Homophily must be between 0 and 1.");
        if (!(MeanContacts > 0 && MeanContacts <= 1000)) throw new ArgumentOutOfRangeException(nameof(MeanContacts), MeanContacts, "MeanContacts must be above 0 and at most 1000.");
    }
}
