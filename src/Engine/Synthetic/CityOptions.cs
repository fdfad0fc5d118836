using SocialCapital.Model;

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

    /// <summary>Checks the options: <see cref="People"/> ≥ 10, <see cref="Areas"/> from 1 to <see cref="People"/>,
    /// <see cref="Homophily"/> from 0 to 1, <see cref="MeanContacts"/> above 0 and at most 1,000. The generator calls it
    /// before it writes anything; the CLI checks its flags by it.</summary>
    /// <returns>Every problem found; empty when the options are valid.</returns>
    public IReadOnlyList<OptionProblem> Validate() => new OptionRules()
        .Check(People >= 10, nameof(People), People, "must be at least 10")
        .Check(AreaCount >= 1 && AreaCount <= People, nameof(Areas), Areas, "must be from 1 to the number of people")
        .Check(Homophily >= 0 && Homophily <= 1, nameof(Homophily), Homophily, "must be from 0 to 1")
        .Check(MeanContacts > 0 && MeanContacts <= 1000, nameof(MeanContacts), MeanContacts, "must be above 0 and at most 1000")
        .Problems;

    internal void ThrowIfInvalid() => InvalidOptionsException.ThrowIfAny(Validate());
}
