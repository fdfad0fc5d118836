using SocialCapital.Model;

namespace SocialCapital.Synthetic;

/// <summary>A city made in memory by <see cref="CityGenerator.Create"/>: its records, in the order
/// <see cref="CityGenerator.Generate"/> writes them, and what they hold. Immutable; safe to share between threads.</summary>
public sealed class GeneratedCity
{
    internal GeneratedCity(IReadOnlyList<NodeRecord> nodes, IReadOnlyList<TieRecord> ties, CitySummary summary)
    {
        Nodes = nodes;
        Ties = ties;
        Summary = summary;
    }

    /// <summary>The nodes: the people (ids <c>p1</c>… padded to one width), then the employers and peer groups.</summary>
    public IReadOnlyList<NodeRecord> Nodes { get; }

    /// <summary>The ties: person–person ties first, then the institutional ones.</summary>
    public IReadOnlyList<TieRecord> Ties { get; }

    /// <summary>The mentoring proposals, in the order of <c>proposals.csv</c>; empty without the lifecycle.</summary>
    public IReadOnlyList<ProposalRecord> Proposals { get; internal init; } = [];

    /// <summary>The employment changes, in the order of <c>status_history.csv</c> (by person, then date); empty without the lifecycle.</summary>
    public IReadOnlyList<StatusChange> StatusHistory { get; internal init; } = [];

    /// <summary>The coaches' meetings with citizens, in the order of <c>contacts.csv</c> (by citizen, then date); empty
    /// without the coaching.</summary>
    public IReadOnlyList<ContactRecord> Contacts { get; internal init; } = [];

    /// <summary>Counts: nodes, ties, people, areas, person–person ties, proposals, status changes, hubs, coaching ties, contacts.</summary>
    public CitySummary Summary { get; }
}
