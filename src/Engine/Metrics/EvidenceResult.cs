namespace SocialCapital.Metrics;

/// <summary>One coefficient of the evidence model: its name (<c>in_work_contacts</c>, <c>age_band=16-24</c>, …), its
/// estimate on the log-odds scale and its cluster-robust standard error.</summary>
/// <param name="Name">The term: <c>(intercept)</c>, <c>in_work_contacts</c>, or <c>factor=level</c> for a level of a control
/// (the first level present of each control is the reference, left out).</param>
/// <param name="Estimate">The coefficient (log odds).</param>
/// <param name="StandardError">Its cluster-robust (CR1) standard error.</param>
public sealed record EvidenceTerm(string Name, double Estimate, double StandardError);

/// <summary>The evidence model's estimate (<see cref="Evidence"/>): the odds ratio of moving into work within the window
/// per extra in-work contact, with its 95% interval, the average relative risk, the sample and the caveats. Aggregates
/// only: no person's row. Immutable.</summary>
public sealed record EvidenceResult
{
    /// <summary>The follow-up window, in months.</summary>
    public required int WindowMonths { get; init; }

    /// <summary>The start dates of the windows, oldest first.</summary>
    public required IReadOnlyList<DateOnly> Starts { get; init; }

    /// <summary>The people-periods fitted: citizens out of work on a start date (after dropping those in levels nobody or
    /// everybody left, <see cref="Dropped"/>).</summary>
    public required int PeoplePeriods { get; init; }

    /// <summary>Of <see cref="PeoplePeriods"/>, those who moved into work within the window.</summary>
    public required int Events { get; init; }

    /// <summary>The areas (clusters of the standard errors) among the people-periods fitted.</summary>
    public required int Clusters { get; init; }

    /// <summary>People-periods left out because a level of a control (an area, a band) had nobody — or everybody — moving
    /// into work: such a level's coefficient is infinite and its people carry no information on the exposure.</summary>
    public required int Dropped { get; init; }

    /// <summary>Mean number of in-work contacts at the start over the people-periods fitted.</summary>
    public required double MeanInWorkContacts { get; init; }

    /// <summary>The coefficient of in-work contacts (log odds per contact).</summary>
    public required double Coefficient { get; init; }

    /// <summary>Its cluster-robust standard error (CR1).</summary>
    public required double StandardError { get; init; }

    /// <summary>The critical value of the 95% intervals: Student's t with <see cref="Clusters"/> − 1 degrees of freedom.</summary>
    public required double CriticalValue { get; init; }

    /// <summary>The odds ratio per extra in-work contact, exp(<see cref="Coefficient"/>).</summary>
    public double OddsRatio => Math.Exp(Coefficient);

    /// <summary>Lower end of the odds ratio's 95% interval.</summary>
    public double OddsRatioLow => Math.Exp(Coefficient - CriticalValue * StandardError);

    /// <summary>Upper end of the odds ratio's 95% interval.</summary>
    public double OddsRatioHigh => Math.Exp(Coefficient + CriticalValue * StandardError);

    /// <summary>The relative effect of one more in-work contact, <see cref="OddsRatio"/> − 1 (0.14 = 14% higher odds): the
    /// figure to set next to the literature's 13–15% (<see cref="Evidence.LiteratureLow"/>, <see cref="Evidence.LiteratureHigh"/>).</summary>
    public double RelativeEffect => OddsRatio - 1;

    /// <summary>Lower end of the relative effect's 95% interval.</summary>
    public double RelativeEffectLow => OddsRatioLow - 1;

    /// <summary>Upper end of the relative effect's 95% interval.</summary>
    public double RelativeEffectHigh => OddsRatioHigh - 1;

    /// <summary>The average relative risk of one more in-work contact: the mean fitted chance of moving into work with one
    /// more in-work contact each, over the mean fitted chance with the contacts they had.</summary>
    public required double RelativeRisk { get; init; }

    /// <summary>Lower end of its 95% interval (delta method on its logarithm, cluster-robust).</summary>
    public required double RelativeRiskLow { get; init; }

    /// <summary>Upper end of its 95% interval.</summary>
    public required double RelativeRiskHigh { get; init; }

    /// <summary>Newton iterations the fit took.</summary>
    public required int Iterations { get; init; }

    /// <summary>Every coefficient, in the model's order: intercept, in-work contacts, then the levels of age band, SES band,
    /// time out of work and area (fixed effects).</summary>
    public required IReadOnlyList<EvidenceTerm> Terms { get; init; }

    /// <summary>What the estimate is and is not: association, not causation, and the assumptions it rests on.</summary>
    public required IReadOnlyList<string> Caveats { get; init; }
}
