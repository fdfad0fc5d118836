using SocialCapital.Model;

namespace SocialCapital.Interchange;

/// <summary>A validated set of nodes and ties, with the mentoring programme's proposals and the people's employment
/// history and the coaches' contacts with citizens: what a dataset folder (<c>nodes.csv</c>, <c>ties.csv</c>, optionally
/// <c>proposals.csv</c>, <c>status_history.csv</c> and <c>contacts.csv</c>) holds. Immutable; safe to share across threads.</summary>
public sealed class Dataset
{
    internal Dataset(IReadOnlyList<NodeRecord> nodes, IReadOnlyList<TieRecord> ties, IReadOnlyList<string> attributeColumns,
        ResolvedTies? resolved = null)
    {
        Nodes = nodes;
        Ties = ties;
        AttributeColumns = attributeColumns;
        Resolved = resolved;
    }

    /// <summary>Where each tie's ends are in <see cref="Nodes"/>, as validation found them; spares the snapshot build
    /// a second lookup of every id.</summary>
    internal ResolvedTies? Resolved { get; }

    /// <summary>The nodes, in input order.</summary>
    public IReadOnlyList<NodeRecord> Nodes { get; }

    /// <summary>The ties, in input order, active or not.</summary>
    public IReadOnlyList<TieRecord> Ties { get; }

    /// <summary>The extra attribute columns of <c>nodes.csv</c> (beyond the standard ones), in column order.</summary>
    public IReadOnlyList<string> AttributeColumns { get; }

    /// <summary>The mentoring proposals, in input order; empty when the dataset has none.</summary>
    public IReadOnlyList<ProposalRecord> Proposals { get; internal init; } = [];

    /// <summary>The people's dated employment changes, in input order; empty when the dataset has none.</summary>
    public IReadOnlyList<StatusChange> StatusHistory { get; internal init; } = [];

    /// <summary>The coaches' meetings with citizens, in input order; empty when the dataset has none.</summary>
    public IReadOnlyList<ContactRecord> Contacts { get; internal init; } = [];

    /// <summary>The same records without the ties: for a snapshot of the nodes alone (their indices, records, tie
    /// classifier and census), when the contacts are made otherwise.</summary>
    internal Dataset WithoutTies() => new(Nodes, [], AttributeColumns, new ResolvedTies([], []))
    {
        Proposals = Proposals,
        StatusHistory = StatusHistory,
        Contacts = Contacts,
    };

    /// <summary>Validates records and makes a dataset of them.</summary>
    /// <param name="nodes">The nodes.</param>
    /// <param name="ties">The ties.</param>
    /// <param name="attributeColumns">Extra attribute columns to keep even where no node has a value; the
    /// attribute names used by the nodes are added in first-seen order.</param>
    /// <param name="proposals">Mentoring proposals; default none.</param>
    /// <param name="statusHistory">Dated employment changes; default none.</param>
    /// <param name="contacts">Coach–citizen meetings; default none.</param>
    /// <returns>The dataset.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="nodes"/> or <paramref name="ties"/> is null.</exception>
    /// <exception cref="DataValidationException">A record breaks a rule of the format; lists every problem.</exception>
    public static Dataset Create(IEnumerable<NodeRecord> nodes, IEnumerable<TieRecord> ties,
        IEnumerable<string>? attributeColumns = null, IEnumerable<ProposalRecord>? proposals = null,
        IEnumerable<StatusChange>? statusHistory = null, IEnumerable<ContactRecord>? contacts = null)
    {
        NodeRecord[] nodeList = [.. Guard.NotNull(nodes)];
        TieRecord[] tieList = [.. Guard.NotNull(ties)];
        return CreateShared(nodeList, tieList, attributeColumns ?? [], [.. proposals ?? []], [.. statusHistory ?? []], [.. contacts ?? []]);
    }

    /// <summary>Validates records held in lists nobody changes afterwards, and makes a dataset that shares those lists
    /// (<see cref="Create"/> copies them first): a generated city's millions of ties stay as the generator holds them.
    /// A caller that looked the ties' ends up already (a store's export, from the bytes it read) passes the nodes'
    /// <paramref name="positions"/> and what it <paramref name="found"/>, so no id is looked up twice.</summary>
    internal static Dataset CreateShared(IReadOnlyList<NodeRecord> nodes, IReadOnlyList<TieRecord> ties, IEnumerable<string> attributeColumns,
        IReadOnlyList<ProposalRecord> proposals, IReadOnlyList<StatusChange> statusHistory, IReadOnlyList<ContactRecord> contacts,
        IdTable? positions = null, ResolvedTies? found = null)
    {
        var problems = new ProblemCollector();
        positions ??= RecordValidator.Positions(nodes);
        var resolved = RecordValidator.Validate(nodes, ties, RecordLocator.InCode, problems, positions: positions, found: found);
        RecordValidator.ValidateLifecycle(nodes, proposals, statusHistory, RecordLocator.InCode, problems, positions);
        RecordValidator.ValidateContacts(nodes, contacts, RecordLocator.InCode, problems, positions);
        problems.ThrowIfAny();
        return new Dataset(nodes, ties, CollectColumns(attributeColumns, nodes), resolved)
        {
            Proposals = proposals,
            StatusHistory = statusHistory,
            Contacts = contacts,
        };
    }

    /// <summary>Reads a dataset folder; see <see cref="DatasetReader.Read(string)"/>.</summary>
    /// <param name="directory">The folder holding <c>nodes.csv</c> and <c>ties.csv</c>.</param>
    /// <returns>The dataset.</returns>
    /// <exception cref="DataValidationException">The files break the format; lists every problem (file, line, column).</exception>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static Dataset Load(string directory) => DatasetReader.Read(directory);

    /// <summary>Writes this dataset to a folder; see <see cref="DatasetWriter.Write(Dataset, string)"/>.</summary>
    /// <param name="directory">The folder; created when missing.</param>
    /// <exception cref="IOException">The files cannot be written.</exception>
    public void Save(string directory) => DatasetWriter.Write(this, directory);

    internal static IReadOnlyList<string> CollectColumns(IEnumerable<string> declared, IReadOnlyList<NodeRecord> nodes)
    {
        var columns = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in declared) if (seen.Add(c)) columns.Add(c);
        foreach (var node in nodes)
            if (node.Attributes.Count > 0)
                foreach (var key in node.Attributes.Keys.Order(StringComparer.Ordinal))
                    if (seen.Add(key)) columns.Add(key);
        return columns;
    }
}
