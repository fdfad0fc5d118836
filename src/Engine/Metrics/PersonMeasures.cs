using SocialCapital.Model;

namespace SocialCapital.Metrics;

/// <summary>A person's social-capital measures over their active person–person contacts (docs/measures.md;
/// Chetty et al. 2022, Burt 1992). <see langword="null"/> marks a value that is undefined for this person (JSON
/// <c>null</c>, an empty CSV cell). Rows are stored compactly (an undefined value costs no more than a defined one).
/// Immutable; safe to share between threads.</summary>
public readonly record struct PersonMeasures
{
    private readonly double _bridgingScore, _constraint, _effectiveSize, _efficiency, _hierarchy, _eiWork,
        _economicConnectedness, _workConnectedness;

    /// <summary>The person's node index in the snapshot (internal: indices never leave the engine; use <see cref="Id"/>).</summary>
    internal int Index { get; init; }

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

    /// <summary>Mean bridging score b over all contacts (linking ones included); null without contacts.</summary>
    public double? BridgingScore { get => Undefined.ToNullable(_bridgingScore); init => _bridgingScore = Undefined.ToStored(value); }

    /// <summary>Local clustering 2T/(k(k−1)), unweighted; 0 when k &lt; 2 (Watts–Strogatz, networkx).</summary>
    public double Clustering { get; init; }

    /// <summary>Burt's constraint; null without contacts.</summary>
    public double? Constraint { get => Undefined.ToNullable(_constraint); init => _constraint = Undefined.ToStored(value); }

    /// <summary>Burt's effective size; null without contacts.</summary>
    public double? EffectiveSize { get => Undefined.ToNullable(_effectiveSize); init => _effectiveSize = Undefined.ToStored(value); }

    /// <summary>Effective size / degree; null without contacts.</summary>
    public double? Efficiency { get => Undefined.ToNullable(_efficiency); init => _efficiency = Undefined.ToStored(value); }

    /// <summary>Burt's hierarchy; null with fewer than two contacts.</summary>
    public double? Hierarchy { get => Undefined.ToNullable(_hierarchy); init => _hierarchy = Undefined.ToStored(value); }

    /// <summary>E-I index on work status, (2e − k)/k over contacts of known status; null when the person's or
    /// every contact's status is unknown.</summary>
    public double? EiWork { get => Undefined.ToNullable(_eiWork); init => _eiWork = Undefined.ToStored(value); }

    /// <summary>Individual economic connectedness, 2 × high-SES share of contacts of known SES (Chetty et al.
    /// 2022); null when no contact's SES is known.</summary>
    public double? EconomicConnectedness { get => Undefined.ToNullable(_economicConnectedness); init => _economicConnectedness = Undefined.ToStored(value); }

    /// <summary>Work connectedness: in-work share of contacts in or out of work, over the same share in the
    /// whole population; null when no contact is in or out of work.</summary>
    public double? WorkConnectedness { get => Undefined.ToNullable(_workConnectedness); init => _workConnectedness = Undefined.ToStored(value); }

    /// <summary>Contacts who are in work (employed or self-employed).</summary>
    public int InWorkContacts { get; init; }
}
