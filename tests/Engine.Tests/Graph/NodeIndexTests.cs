using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Model;
using SocialCapital.Tests.Properties;

namespace SocialCapital.Tests.Graph;

/// <summary><see cref="NodeTable.IndicesOf"/>: the index <see cref="NodeTable.IndexOf(string)"/> gives each id, whether
/// the records come in id order (the node after the last found is tried first) or not, with nodes added and unknown ids.</summary>
public class NodeIndexTests
{
    [Property(MaxTest = 100)]
    public Property IndicesOf_AnyOrder_AsIndexOfGivesEach() =>
        Prop.ForAll(RandomDatasets.Arbitrary(), Gen.Choose(0, 100000).ToArbitrary(), ArbMap.Default.ArbFor<bool>(), (dataset, seed, sorted) =>
        {
            dataset = RandomDatasets.Relabel(dataset, seed);
            var editor = new GraphEditor(dataset.ToGraph());
            NodeRecord[] added = [new("0-first", NodeKind.Citizen), new("~last", NodeKind.Citizen)];
            foreach (var node in added) editor.AddNode(node);
            var nodes = editor.Build().Nodes;
            var random = new Random(seed);
            IEnumerable<NodeRecord> records = [.. dataset.Nodes, .. added, new NodeRecord("nobody", NodeKind.Citizen)];
            records = sorted ? records.OrderBy(r => r.Id, StringComparer.Ordinal) : records.OrderBy(_ => random.Next());
            var list = records.ToArray();
            return nodes.IndicesOf(list, new ParallelOptions { MaxDegreeOfParallelism = 2 }).SequenceEqual(list.Select(r => nodes.IndexOf(r.Id)));
        });

    [Fact]
    public void IndicesOf_NoRecords_IsEmpty() => // a new store's empty dataset
        Assert.Empty(Dataset.Create([], []).ToGraph().Nodes.IndicesOf([], new ParallelOptions()));
}
