using SocialCapital.Model;

namespace SocialCapital.Interchange;

/// <summary>Says where a record came from, for problem messages: a file line for CSV input, the
/// record's position for records added in code.</summary>
internal abstract class RecordLocator
{
    public abstract (string Source, int? Line) Node(int index);

    public abstract (string Source, int? Line) Tie(int index);

    /// <summary>Records added in code: <c>node #3</c>, <c>tie #12</c> (1-based, in the order added).</summary>
    public static readonly RecordLocator InCode = new CodeLocator();

    private sealed class CodeLocator : RecordLocator
    {
        public override (string, int?) Node(int index) => ($"node #{index + 1}", null);

        public override (string, int?) Tie(int index) => ($"tie #{index + 1}", null);
    }
}

/// <summary>Lines of nodes.csv and ties.csv, kept by the reader in record order.</summary>
internal sealed class FileLocator(string nodesName, List<int> nodeLines, string tiesName, List<int> tieLines) : RecordLocator
{
    public override (string, int?) Node(int index) => (nodesName, nodeLines[index]);

    public override (string, int?) Tie(int index) => (tiesName, tieLines[index]);
}

/// <summary>Names records by what they are (<c>node 'p1'</c>, <c>tie p1–p2 (friend)</c>) rather than where: for
/// records edited one at a time, which have no line or position a user would know.</summary>
internal sealed class NamedLocator(IReadOnlyList<NodeRecord> nodes, IReadOnlyList<TieRecord> ties) : RecordLocator
{
    public override (string, int?) Node(int index) => ($"node '{nodes[index]?.Id}'", null);

    public override (string, int?) Tie(int index) =>
        (ties[index] is { } t ? $"tie {t.Source}–{t.Target} ({(t.Kind <= TieKind.Employment ? t.Kind.Name() : t.Kind.ToString())})" : "tie", null);
}
