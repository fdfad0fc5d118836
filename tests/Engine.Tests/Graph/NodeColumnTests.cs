using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialCapital.Graph;
using SocialCapital.Model;

namespace SocialCapital.Tests.Graph;

/// <summary>The node table's packed columns: ids as UTF-8 (<see cref="Utf8Column"/>) found and ordered exactly as the
/// build's ordinal UTF-16 order has them, whatever characters they hold, and codes held narrow until a code needs more
/// (<see cref="CodeColumn"/>); edits leave the column they started from as it was.</summary>
public class NodeColumnTests
{
    /// <summary>Characters where UTF-8 byte order and UTF-16 code-unit order meet or part: ASCII, two- and three-byte
    /// characters below the surrogates, U+E000–U+FFFF (after every surrogate pair in UTF-16, before them in UTF-8) and
    /// characters beyond U+FFFF (surrogate pairs).</summary>
    private static readonly string[] Characters =
        ["a", "b", "Z", "0", "-", "é", "ÿ", "Ā", "中", "\uD7FF", "\uE000", "\uF8FF", "\uFF21", "\uFFFD", "\uFFFF",
         "\U00010000", "\U0001F600", "\U0010FFFF"];

    private static Arbitrary<string[]> Ids() =>
        Gen.Elements(Characters).ArrayOf().Select(cs => string.Concat(cs)).Where(id => id.Length > 0)
            .ArrayOf().Select(ids => ids.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray()).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property IndexOf_FindsEveryIdOfAnOrdinalBuild_AndNoOther() =>
        Prop.ForAll(Ids(), Ids(), (ids, others) =>
        {
            var table = NodeTable.Build([.. ids.Select(id => new NodeRecord(id, NodeKind.Citizen))], []);
            return ids.Select((id, i) => table.IndexOf(id) == i && table.Id(i) == id).All(found => found)
                && others.Where(o => !ids.Contains(o, StringComparer.Ordinal)).All(o => table.IndexOf(o) == -1);
        });

    [Property(MaxTest = 300)]
    public Property CompareOrdinal_OfUtf8_AgreesWithOrdinalUtf16() =>
        Prop.ForAll(Ids(), ids =>
        {
            var column = Utf8Column.From(ids);
            for (var i = 0; i < ids.Length; i++)
                for (var j = 0; j < ids.Length; j++)
                    if (Math.Sign(Utf8Column.CompareOrdinal(column[i], column[j])) != Math.Sign(string.CompareOrdinal(ids[i], ids[j])))
                        return false;
            return true;
        });

    [Fact]
    public void CompareOrdinal_PutsPrivateUseAfterSurrogatePairs_AsUtf16Does()
    {
        var column = Utf8Column.From(["\U0001F600", "\uE000", "\uFFFF", "\uD7FF"]);
        Assert.True(Utf8Column.CompareOrdinal(column[0], column[1]) < 0); // U+1F600 (D83D DE00) < U+E000
        Assert.True(Utf8Column.CompareOrdinal(column[2], column[0]) > 0);
        Assert.True(Utf8Column.CompareOrdinal(column[3], column[0]) < 0); // U+D7FF < D83D
    }

    [Fact]
    public void IndexOf_ALoneSurrogate_IsNoId()
    {
        var table = NodeTable.Build([new NodeRecord("\uFFFD", NodeKind.Citizen), new NodeRecord("a", NodeKind.Citizen)], []);
        Assert.Equal(-1, table.IndexOf("\uD800"));
        Assert.Equal(0, table.IndexOf("\uFFFD"));
        Assert.Equal(-1, table.IndexOf(new string('a', 1000)));
    }

    [Fact]
    public void Utf8Column_Append_LeavesTheColumnItStartedFromAsItWas()
    {
        var ids = Enumerable.Range(0, 2 * Paged<int>.PageSize + 7).Select(i => $"p{i:D6}").ToArray();
        var column = Utf8Column.From(ids);
        var editor = column.Edit();
        editor.Add("ü-added");
        var first = editor.ToColumn();
        for (var i = 0; i < Paged<int>.PageSize; i++) editor.Add($"x{i}"); // fills the last page and starts another
        var second = editor.ToColumn();

        Assert.Equal(ids, column.ToStrings());
        Assert.Equal([.. ids, "ü-added"], first.ToStrings());
        Assert.Equal([.. ids, "ü-added", .. Enumerable.Range(0, Paged<int>.PageSize).Select(i => $"x{i}")], second.ToStrings());
        Assert.True(first.Bytes < second.Bytes);
    }

    [Fact]
    public void Utf8Column_FromUtf8_IsTheColumnToUtf8Gave()
    {
        string[] ids = ["a", "", "中文", "\U0001F600", .. Enumerable.Range(0, Paged<int>.PageSize).Select(i => $"n{i}")];
        var (lengths, utf8) = Utf8Column.From(ids).ToUtf8();
        Assert.Equal(ids, Utf8Column.FromUtf8(lengths, utf8).ToStrings());
    }

    [Fact]
    public void CodeColumn_IsNarrowUntilACodeNeedsMore_AndWidensOnEdit()
    {
        var narrow = CodeColumn.From([0, 3, ushort.MaxValue]);
        Assert.Equal(2, narrow.Width);
        Assert.Equal(4, CodeColumn.From([0, ushort.MaxValue + 1]).Width);

        var editor = narrow.Edit();
        editor[1] = 70_000;
        editor.Add(5);
        var wide = editor.ToColumn();

        Assert.Equal([0, 3, ushort.MaxValue], narrow.ToArray());
        Assert.Equal(4, wide.Width);
        Assert.Equal([0, 70_000, ushort.MaxValue, 5], wide.ToArray());
        Assert.Equal(5, CodeColumn.Zeros(5).Length);
        Assert.Equal(0, CodeColumn.Zeros(5)[4]);
    }
}
