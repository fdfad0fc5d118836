using SocialCapital.Model;

namespace SocialCapital.Synthetic;

/// <summary>Parameters of a generated city (docs/generator.md). Defaults: 10,000 people, one area per 2,000
/// people (at least 3), seed 1, homophily 0.7, 20 contacts on average, dates relative to 2026-01-01, the mentoring
/// lifecycle and the coaching on, no planted effect.</summary>
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

    /// <summary>Whether the city also gets its mentoring programme's lifecycle and its people's employment history:
    /// <c>outcome</c> and <c>end_reason</c> columns in <c>ties.csv</c> (ended mentoring ties get an outcome),
    /// <c>proposals.csv</c> and <c>status_history.csv</c>. Drawn from a random stream of their own after everything
    /// else, so the other columns of <c>nodes.csv</c> and <c>ties.csv</c> are the same either way. Default true.</summary>
    public bool Lifecycle { get; init; } = true;

    /// <summary>Whether the city also gets its coaching service (docs/generator.md, "Coaching"): Work Hubs (a <c>hub</c> for
    /// every person), coaches' <c>specialisms</c>, caseload <c>capacity</c> and languages, citizens' needs (added to the
    /// <c>goals</c> of citizens out of work), coaching episodes over about 18 months with coach changes (ended coaching ties)
    /// and <c>contacts.csv</c>, the meetings. Drawn from a random stream of its own: which citizens have a coach on the
    /// reference date and who it is are the same either way, as are every other tie, the proposals and the employment
    /// history. Without it the coaching ties are as drawn before coaching existed (one per coached citizen, started any day of
    /// the ten years before) and no <c>contacts.csv</c> is written. Default true.</summary>
    public bool Coaching { get; init; } = true;

    /// <summary>A known effect of in-work contacts on moving into work, planted in the employment history
    /// (docs/generator.md, "The planted effect"): a citizen out of work on <see cref="EffectBaseline"/> moves into work
    /// within six months with a chance whose odds are multiplied by 1 + Effect for each of their in-work contacts on that
    /// date (any person–person tie, as the engine counts contacts), by a logistic model with shifts for age band, SES band,
    /// area and time out of work — the model <c>Evidence</c> fits, so Effect is its odds ratio − 1 per in-work contact
    /// (≈ the relative rise in the chance while chances are near the <see cref="EffectBaseRate"/>). From 0 to 1; 0 plants
    /// a placebo (the same model with no effect). Needs <see cref="Lifecycle"/>. With a value, <c>nodes.csv</c>'s
    /// employment is each person's status after the six months, so it differs from a city without one; the default,
    /// null, plants nothing and leaves <c>nodes.csv</c> as drawn.</summary>
    public double? Effect { get; init; }

    /// <summary>The planted model's chance of moving into work within six months with no in-work contact for its reference
    /// group (25-34, low SES, out of work under 6 months, an area with no shift): 0.10.</summary>
    public const double EffectBaseRate = 0.10;

    /// <summary>The planted model's baseline date: six months before <see cref="ReferenceDate"/>.</summary>
    public DateOnly EffectBaseline => ReferenceDate.AddMonths(-6);

    internal int AreaCount => Areas ?? Math.Max(3, People / 2_000);

    /// <summary>Checks the options: <see cref="People"/> ≥ 10, <see cref="Areas"/> from 1 to <see cref="People"/>,
    /// <see cref="Homophily"/> from 0 to 1, <see cref="MeanContacts"/> above 0 and at most 1,000, <see cref="Effect"/> null or
    /// from 0 to 1 and only with <see cref="Lifecycle"/>. The generator calls it
    /// before it writes anything; the CLI checks its flags by it.</summary>
    /// <returns>Every problem found; empty when the options are valid.</returns>
    public IReadOnlyList<OptionProblem> Validate() => new OptionRules()
        .Check(People >= 10, nameof(People), People, "must be at least 10")
        .Check(AreaCount >= 1 && AreaCount <= People, nameof(Areas), Areas, "must be from 1 to the number of people")
        .Check(Homophily >= 0 && Homophily <= 1, nameof(Homophily), Homophily, "must be from 0 to 1")
        .Check(MeanContacts > 0 && MeanContacts <= 1000, nameof(MeanContacts), MeanContacts, "must be above 0 and at most 1000")
        .Check(Effect is not { } e || e >= 0 && e <= 1, nameof(Effect), Effect, "must be from 0 to 1")
        .Check(Effect is null || Lifecycle, nameof(Effect), Effect, "needs the lifecycle (it is planted in the employment history)")
        .Problems;

    internal void ThrowIfInvalid() => InvalidOptionsException.ThrowIfAny(Validate());
}
