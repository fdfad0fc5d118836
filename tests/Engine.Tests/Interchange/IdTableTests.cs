using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialCapital.Interchange;
using SocialCapital.Model;

namespace SocialCapital.Tests.Interchange;

public class IdTableTests
{
    // Ids from a small alphabet, so that many share their first 8 bytes or differ only in length.
    private static readonly Gen<string> Ids =
        from length in Gen.Choose(1, 70)
        from chars in Gen.ArrayOf(Gen.Elements('a', 'b', '1', '-'), length)
        select new string(chars);

    [Property(MaxTest = 300)]
    public Property Find_AgreesWithADictionaryOfFirstPositions() =>
        Prop.ForAll(Gen.ListOf(Ids).ToArbitrary(), Gen.ListOf(Ids).ToArbitrary(), (ids, probes) =>
        {
            var nodes = ids.Select(id => new NodeRecord(id, NodeKind.Citizen)).ToArray();
            var table = new IdTable(nodes);
            var expected = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < ids.Count; i++)
                if (RecordValidator.IdProblem(ids[i]) is null) expected.TryAdd(ids[i], i);
            return ids.Concat(probes).All(probe =>
            {
                var want = expected.GetValueOrDefault(probe, -1);
                var found = table.TryFind(Encoding.UTF8.GetBytes(probe), out var id, out var position);
                return table.Find(probe) == want && found == want >= 0 && position == want
                    && (!found || ReferenceEquals(id, nodes[want].Id));
            });
        });

    [Theory]
    [InlineData("")]
    [InlineData("p000000")]         // a prefix of a known id
    [InlineData("p00000011")]       // a known id plus one byte
    [InlineData("p0000001\0")]      // padding is not a match
    [InlineData("p000000\u00e9")]  // non-ASCII
    public void Find_NearMisses_AreNotFound(string probe)
    {
        var table = new IdTable([new NodeRecord("p0000001", NodeKind.Citizen), new NodeRecord("p0000001-long-id", NodeKind.Mentor)]);
        Assert.Equal(-1, table.Find(probe));
        Assert.False(table.TryFind(Encoding.UTF8.GetBytes(probe), out _, out var position));
        Assert.Equal(-1, position);
        Assert.Equal(1, table.Find("p0000001-long-id"));
    }

    [Fact]
    public void Find_InvalidAndNullNodes_AreSkipped()
    {
        var table = new IdTable([null!, new NodeRecord("has space", NodeKind.Citizen), new NodeRecord("ok", NodeKind.Citizen)]);
        Assert.Equal(-1, table.Find("has space"));
        Assert.Equal(2, table.Find("ok"));
    }
}
