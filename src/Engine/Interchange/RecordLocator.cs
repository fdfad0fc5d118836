using System.Globalization;
using SocialCapital.Model;

namespace SocialCapital.Interchange;

/// <summary>Says where a record came from, for problem messages: a file line for CSV input, the
/// record's position for records added in code.</summary>
internal abstract class RecordLocator
{
    public abstract (string Source, int? Line) Node(int index);

    public abstract (string Source, int? Line) Tie(int index);

    /// <summary>A proposal; by default its position, <c>proposal #2</c>.</summary>
    public virtual (string Source, int? Line) Proposal(int index) => ($"proposal #{index + 1}", null);

    /// <summary>An employment change; by default its position, <c>status change #5</c>.</summary>
    public virtual (string Source, int? Line) Status(int index) => ($"status change #{index + 1}", null);

    /// <summary>A contact; by default its position, <c>contact #4</c>.</summary>
    public virtual (string Source, int? Line) Contact(int index) => ($"contact #{index + 1}", null);

    /// <summary>Records added in code: <c>node #3</c>, <c>tie #12</c>, <c>proposal #2</c>, <c>status change #5</c>
    /// (1-based, in the order added).</summary>
    public static readonly RecordLocator InCode = new CodeLocator();

    private sealed class CodeLocator : RecordLocator
    {
        public override (string, int?) Node(int index) => ($"node #{index + 1}", null);

        public override (string, int?) Tie(int index) => ($"tie #{index + 1}", null);
    }
}

/// <summary>Lines of nodes.csv, ties.csv, proposals.csv and status_history.csv, kept by the reader in record order.</summary>
internal sealed class FileLocator(string nodesName, List<int> nodeLines, string tiesName, List<int> tieLines,
    string proposalsName = DatasetReader.ProposalsFileName, List<int>? proposalLines = null,
    string statusName = DatasetReader.StatusHistoryFileName, List<int>? statusLines = null,
    string contactsName = DatasetReader.ContactsFileName, List<int>? contactLines = null) : RecordLocator
{
    public override (string, int?) Contact(int index) => (contactsName, contactLines?[index]);

    public override (string, int?) Node(int index) => (nodesName, nodeLines[index]);

    public override (string, int?) Tie(int index) => (tiesName, tieLines[index]);

    public override (string, int?) Proposal(int index) => (proposalsName, proposalLines?[index]);

    public override (string, int?) Status(int index) => (statusName, statusLines?[index]);
}

/// <summary>Names records by what they are (<c>node 'p1'</c>, <c>tie p1–p2 (friend)</c>, <c>proposal 'x1'</c>,
/// <c>status change of 'p1' on 2026-01-05</c>) rather than where: for records edited one at a time, which have no line
/// or position a user would know.</summary>
internal sealed class NamedLocator(IReadOnlyList<NodeRecord> nodes, IReadOnlyList<TieRecord> ties,
    IReadOnlyList<ProposalRecord>? proposals = null, IReadOnlyList<StatusChange>? history = null,
    IReadOnlyList<ContactRecord>? contacts = null) : RecordLocator
{
    public override (string, int?) Contact(int index) =>
        (contacts?[index] is { } c
            ? $"contact of '{c.Coach}' with '{c.Citizen}' on {c.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"
            : $"contact #{index + 1}", null);

    public override (string, int?) Node(int index) => ($"node '{nodes[index]?.Id}'", null);

    public override (string, int?) Tie(int index) =>
        (ties[index] is { } t ? $"tie {t.Source}–{t.Target} ({(t.Kind <= TieKind.Employment ? t.Kind.Name() : t.Kind.ToString())})" : "tie", null);

    public override (string, int?) Proposal(int index) =>
        (proposals?[index] is { } p ? $"proposal '{p.Id}'" : $"proposal #{index + 1}", null);

    public override (string, int?) Status(int index) =>
        (history?[index] is { } c
            ? $"status change of '{c.Person}' on {c.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"
            : $"status change #{index + 1}", null);
}
