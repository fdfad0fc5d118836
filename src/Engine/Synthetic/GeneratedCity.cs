using SocialCapital.Interchange;
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

    /// <summary>The city as a validated <see cref="Dataset"/> that shares its records instead of copying them, so a
    /// national-scale city (10M people, 100M ties) fits beside its snapshot; equal to
    /// <see cref="Dataset.Create"/> of the same records.</summary>
    /// <returns>The dataset.</returns>
    /// <exception cref="DataValidationException">Never for a generated city, whose records are valid by construction;
    /// validated all the same, as every dataset is.</exception>
    public Dataset ToDataset() => Dataset.CreateShared(Nodes, Ties, [], Proposals, StatusHistory, Contacts);

    /// <summary>Counts: nodes, ties, people, areas, person–person ties, proposals, status changes, hubs, coaching ties, contacts.</summary>
    public CitySummary Summary { get; }
}
