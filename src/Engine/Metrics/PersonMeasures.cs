using SocialCapital.Model;

namespace SocialCapital.Metrics;

/// <summary>A person's social-capital measures over their active person–person contacts (docs/measures.md,
/// SCIENCE.md). <see cref="double.NaN"/> marks a value that is undefined for this person.</summary>
public readonly record struct PersonMeasures
{
    /// <summary>The person's node index in the snapshot.</summary>
    public int Index { get; init; }

    /// <summary>The person's id.</summary>
    public string Id { get; init; }

    /// <summary>Citizen, mentor or coach.</summary>
    public NodeKind Kind { get; init; }

    /// <summary>The person's area, or <see langword="null"/> when unknown.</summary>
    public string? Area { get; init; }

    /// <summary>Number of contacts.</summary>
    public int Degree { get; init; }

    /// <summary>Sum of the contacts' strengths.</summary>
    public double Strength { get; init; }

    /// <summary>Contacts classed bonding.</summary>
    public int Bonding { get; init; }

    /// <summary>Contacts classed bridging.</summary>
    public int Bridging { get; init; }

    /// <summary>Contacts classed linking.</summary>
    public int Linking { get; init; }

    /// <summary>Mean bridging score b over all contacts (linking ones included); NaN without contacts.</summary>
    public double BridgingScore { get; init; }

    /// <summary>Local clustering 2T/(k(k−1)), unweighted; 0 when k &lt; 2 (Watts–Strogatz, networkx).</summary>
    public double Clustering { get; init; }

    /// <summary>Burt's constraint; NaN without contacts.</summary>
    public double Constraint { get; init; }

    /// <summary>Burt's effective size; NaN without contacts.</summary>
    public double EffectiveSize { get; init; }

    /// <summary>Effective size / degree; NaN without contacts.</summary>
    public double Efficiency { get; init; }

    /// <summary>Burt's hierarchy; NaN with fewer than two contacts.</summary>
    public double Hierarchy { get; init; }

    /// <summary>E-I index on work status, (2e − k)/k over contacts of known status; NaN when the person's or
    /// every contact's status is unknown.</summary>
    public double EiWork { get; init; }

    /// <summary>Individual economic connectedness, 2 × high-SES share of contacts of known SES (Chetty et al.
    /// 2022); NaN when no contact's SES is known.</summary>
    public double EconomicConnectedness { get; init; }

    /// <summary>Work connectedness: in-work share of contacts in or out of work, over the same share in the
    /// whole population; NaN when no contact is in or out of work.</summary>
    public double WorkConnectedness { get; init; }

    /// <summary>Contacts who are in work (employed or self-employed).</summary>
    public int InWorkContacts { get; init; }
}
