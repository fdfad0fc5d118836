using SocialCapital.Interchange;

namespace SocialCapital.Storage.Contract;

/// <summary>Equality of whole datasets, reporting the first difference.</summary>
public static class DatasetAssert
{
    /// <summary>Asserts that two datasets hold equal nodes, ties, attribute columns, proposals, employment changes and
    /// contacts, in the same order.</summary>
    /// <param name="expected">The expected dataset.</param>
    /// <param name="actual">The actual dataset.</param>
    public static void Equal(Dataset expected, Dataset actual)
    {
        Assert.Equal(expected.AttributeColumns, actual.AttributeColumns);
        Assert.True(expected.Nodes.Count == actual.Nodes.Count, $"{actual.Nodes.Count} nodes; expected {expected.Nodes.Count}");
        for (var i = 0; i < expected.Nodes.Count; i++)
            Assert.True(expected.Nodes[i].Equals(actual.Nodes[i]), $"node {i}: {Describe(actual.Nodes[i])}; expected {Describe(expected.Nodes[i])}");
        Assert.True(expected.Ties.Count == actual.Ties.Count, $"{actual.Ties.Count} ties; expected {expected.Ties.Count}");
        for (var i = 0; i < expected.Ties.Count; i++)
            Assert.True(expected.Ties[i] == actual.Ties[i], $"tie {i}: {actual.Ties[i]}; expected {expected.Ties[i]}");
        Assert.Equal(expected.Proposals, actual.Proposals);
        Assert.Equal(expected.StatusHistory, actual.StatusHistory);
        Assert.Equal(expected.Contacts, actual.Contacts);
    }

    /// <summary>Whether two datasets hold equal nodes, ties, attribute columns, proposals, employment changes and
    /// contacts, in the same order.</summary>
    /// <param name="a">One dataset.</param>
    /// <param name="b">The other.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool AreEqual(Dataset a, Dataset b) =>
        a.AttributeColumns.SequenceEqual(b.AttributeColumns) && a.Nodes.SequenceEqual(b.Nodes) && a.Ties.SequenceEqual(b.Ties)
        && a.Proposals.SequenceEqual(b.Proposals) && a.StatusHistory.SequenceEqual(b.StatusHistory)
        && a.Contacts.SequenceEqual(b.Contacts);

    /// <summary>A node with its list and attribute contents spelled out.</summary>
    /// <param name="node">The node.</param>
    /// <returns>The description.</returns>
    public static string Describe(Model.NodeRecord node) =>
        node is null ? "null" :
        $"{node} [languages {string.Join(';', node.Languages)}; skills {string.Join(';', node.Skills)}; goals {string.Join(';', node.Goals)}; "
        + $"hub {node.Hub}; specialisms {string.Join(';', node.Specialisms)}; "
        + $"attributes {string.Join(", ", node.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}"))}]";
}
