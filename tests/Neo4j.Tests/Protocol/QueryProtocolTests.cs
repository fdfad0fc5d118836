using System.Globalization;
using SocialCapital.Model;
using SocialCapital.Storage;
using static SocialCapital.Neo4j.Tests.Protocol.QueryApiReplay;

namespace SocialCapital.Neo4j.Tests.Protocol;

/// <summary>Reading typed results and writing typed parameters: protocol test against replayed documented shapes, not
/// a database test.</summary>
public sealed class QueryProtocolTests
{
    [Fact]
    public async Task GetVersionAsync_ReadsTheTypedInteger_WithTypedJsonHeaders()
    {
        using var replay = new QueryApiReplay { MetaVersion = 9_007_199_254_740_993 }; // beyond a double's exact integers
        await using var store = await Neo4jGraphStore.OpenAsync(Options(), replay);
        Assert.Equal(9_007_199_254_740_993, await store.GetVersionAsync());
        var request = replay.Requests[^1];
        Assert.True(request.Is(CypherStatements.ReadVersion));
        Assert.Equal("application/vnd.neo4j.query.v1.1", request.Header("Accept"));
        Assert.Equal("application/vnd.neo4j.query.v1.1", request.Header("Content-Type"));
    }

    [Fact]
    public async Task ExportAsync_SeveralPages_ReadsEveryTypedValueInOrder()
    {
        // Pages of 2: nodes come as 2 + 2 + 1, ties as 2 + 1; each page asks for the rows after the last seq seen.
        string[][] nodes =
        [
            [Integer(1), String("c1"), String("citizen"), String("E02001234"), String("unemployed"), String("16-24"), String("health"),
                Float("0.30000000000000004"), List(String("en"), String("pl")), List(), List(String("care")), Null,
                String("""{"ethnicity":"white \"other\"; é"}"""), String("hub-north"), Null],
            [Integer(2), String("m1"), String("mentor"), String(""), Null, Null, Null, Float("1.0"), Null, List(String("cv")), Null, Integer(3), Null,
                Null, Null],
            [.. NodeRow(3, "c2")],
            [.. NodeRow(4, "g1", "peer_group")],
            [.. NodeRow(5, "w1", "employer")],
        ];
        string[][] ties =
        [
            [Integer(6), String("m1"), String("c1"), String("MENTORING"), Float("2.5"), Date("2024-01-31"), Date("2024-06-30"), String("ended_early"), String("moved, \"away\"")],
            [Integer(7), String("c1"), String("c2"), String("FRIEND"), Float("0.1"), Null, Date("2025-02-28"), Null, Null],
            [Integer(8), String("c2"), String("g1"), String("MEMBERSHIP"), Float("1.0"), Null, Null, Null, Null],
        ];
        using var replay = new QueryApiReplay(r =>
            r.Is(CypherStatements.ExportNodes) ? Result(NodeFields, Page(nodes, r), inTransaction: true)
            : r.Is(CypherStatements.ExportTies) ? Result(TieFields, Page(ties, r), inTransaction: true)
            : null);
        await using var store = await Neo4jGraphStore.OpenAsync(Options(o => o.BatchSize = 2), replay);

        var stored = await store.ExportAsync();

        Assert.Equal(7, stored.Version);
        var dataset = stored.Dataset;
        Assert.Equal(["c1", "m1", "c2", "g1", "w1"], dataset.Nodes.Select(n => n.Id));
        var c1 = dataset.Nodes[0];
        Assert.Equal((NodeKind.Citizen, "E02001234", Employment.Unemployed, AgeBand.Age16To24, "health"), (c1.Kind, c1.Area, c1.Employment, c1.AgeBand, c1.Sector));
        Assert.Equal(0.1 + 0.2, c1.Ses);
        Assert.Equal(["en", "pl"], c1.Languages);
        Assert.Empty(c1.Skills);
        Assert.Equal(["care"], c1.Goals);
        Assert.Null(c1.Capacity);
        Assert.Equal("white \"other\"; é", c1.Attributes["ethnicity"]);
        Assert.Equal(("hub-north", 0), (c1.Hub, c1.Specialisms.Count));
        var m1 = dataset.Nodes[1];
        Assert.Equal(("", 1.0, 3, Employment.Unknown), (m1.Area, m1.Ses, m1.Capacity, m1.Employment));
        Assert.Equal(["ethnicity"], dataset.AttributeColumns);
        Assert.Equal(
            [new TieRecord("m1", "c1", TieKind.Mentoring)
             {
                 Strength = 2.5, Since = new DateOnly(2024, 1, 31), Until = new DateOnly(2024, 6, 30), Outcome = PairingOutcome.EndedEarly,
                 EndReason = "moved, \"away\"",
             },
             new TieRecord("c1", "c2", TieKind.Friend) { Strength = 0.1, Until = new DateOnly(2025, 2, 28) },
             new TieRecord("c2", "g1", TieKind.Membership)],
            dataset.Ties);

        // One transaction: begin with the meta lock, pages inside it (after = last seq), then a rollback.
        Assert.True(replay.Requests[^10].Is(CypherStatements.LockMeta)); // then nodes 3, ties 2, proposals, changes, contacts, rollback
        Assert.Equal("/db/neo4j/query/v2/tx", replay.Requests[^10].Path);
        var pages = replay.Requests.Where(r => r.Is(CypherStatements.ExportNodes) || r.Is(CypherStatements.ExportTies)).ToArray();
        Assert.Equal(["0", "2", "4", "0", "7"], pages.Select(p => p.Parameter("after").GetString()));
        Assert.All(pages, p => Assert.Equal(("/db/neo4j/query/v2/tx/lyU", "2"), (p.Path, p.Parameter("limit").GetString())));
        Assert.Equal((HttpMethod.Delete, "/db/neo4j/query/v2/tx/lyU"), (replay.Requests[^1].Method, replay.Requests[^1].Path));
    }

    [Fact]
    public async Task UpsertTieAsync_SendsCatalogueStatementsWithTypedParameters()
    {
        string[][] ends = [NodeRow(1, "a"), NodeRow(2, "b")];
        using var replay = new QueryApiReplay(r => r.Is(CypherStatements.FindNodes) ? Result(NodeFields, ends, inTransaction: true) : null);
        await using var store = await Neo4jGraphStore.OpenAsync(Options(), replay);
        var opened = replay.Requests.Count;
        var tie = new TieRecord("b", "a", TieKind.Friend) { Strength = 0.1 + 0.2, Since = new DateOnly(2024, 2, 29) };

        var outcome = await store.UpsertTieAsync(tie);

        Assert.Equal(new WriteOutcome(WriteEffect.Created, 8), outcome);
        var write = replay.Requests.Skip(opened).Where(r => r.Statement is not null).ToArray();
        Assert.Equal(
            [CypherStatements.LockMeta.Text, CypherStatements.FindNodes.Text, CypherStatements.TiesBetween.Text,
             CypherStatements.CreateTies[(int)TieKind.Friend].Text, CypherStatements.BumpMeta.Text],
            write.Select(r => r.Statement));
        var between = write[2].Parameters;
        Assert.Equal("""{"$type":"String","_value":"FRIEND"}""", between.GetProperty("type").GetRawText());
        var row = write[3].Parameter("rows")[0].GetProperty("_value");
        Assert.Equal("b", row.GetProperty("source").GetProperty("_value").GetString());
        var properties = row.GetProperty("properties").GetProperty("_value");
        Assert.Equal("""{"$type":"Integer","_value":"100"}""", properties.GetProperty("seq").GetRawText());
        Assert.Equal("Float", properties.GetProperty("strength").GetProperty("$type").GetString());
        var strength = properties.GetProperty("strength").GetProperty("_value").GetString()!;
        Assert.Equal(0.1 + 0.2, double.Parse(strength, CultureInfo.InvariantCulture)); // round-trips exactly
        Assert.Equal("""{"$type":"Date","_value":"2024-02-29"}""", properties.GetProperty("since").GetRawText());
        Assert.False(properties.TryGetProperty("until", out _)); // unknown values are absent properties
        Assert.Equal("101", write[4].Parameter("nextSeq").GetString());
        Assert.Equal("""{"$type":"List","_value":[{"$type":"String","_value":"ethnicity"}]}""", write[4].Parameters.GetProperty("attributeColumns").GetRawText());
        var commit = replay.Requests[^1];
        Assert.Equal((HttpMethod.Post, "/db/neo4j/query/v2/tx/lyU/commit"), (commit.Method, commit.Path));
    }

    [Fact]
    public async Task UpsertNodeAsync_Unchanged_RollsBackAndKeepsTheVersion()
    {
        string[][] stored = [NodeRow(5, "a")];
        using var replay = new QueryApiReplay(r => r.Is(CypherStatements.FindNodes) ? Result(NodeFields, stored, inTransaction: true) : null);
        await using var store = await Neo4jGraphStore.OpenAsync(Options(), replay);

        Assert.Equal(new WriteOutcome(WriteEffect.Unchanged, 7), await store.UpsertNodeAsync(new NodeRecord("a", NodeKind.Citizen)));
        Assert.DoesNotContain(CypherStatements.BumpMeta.Text, replay.Statements);
        Assert.Equal(HttpMethod.Delete, replay.Requests[^1].Method);
        Assert.DoesNotContain(replay.Requests, r => r.Path.EndsWith("/commit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UpsertNodeAsync_Updated_ReplacesKeepingItsOrderNumberAndAddsColumns()
    {
        string[][] stored = [NodeRow(5, "a")];
        using var replay = new QueryApiReplay(r => r.Is(CypherStatements.FindNodes) ? Result(NodeFields, stored, inTransaction: true) : null);
        await using var store = await Neo4jGraphStore.OpenAsync(Options(), replay);
        var node = new NodeRecord("a", NodeKind.Citizen) { Attributes = new Dictionary<string, string> { ["zone"] = "z", ["age"] = "41" } };

        Assert.Equal(new WriteOutcome(WriteEffect.Updated, 8), await store.UpsertNodeAsync(node));
        var replace = Assert.Single(replay.Requests, r => r.Is(CypherStatements.ReplaceNode[(int)NodeKind.Citizen]));
        var properties = replace.Parameter("properties");
        Assert.Equal("5", properties.GetProperty("seq").GetProperty("_value").GetString());
        Assert.Equal("""{"age":"41","zone":"z"}""", properties.GetProperty("attributes").GetProperty("_value").GetString());
        var bump = Assert.Single(replay.Requests, r => r.Is(CypherStatements.BumpMeta));
        Assert.Equal(["ethnicity", "age", "zone"], bump.Parameter("attributeColumns").EnumerateArray().Select(c => c.GetProperty("_value").GetString()));
    }

    private static IEnumerable<string[]> Page(string[][] rows, RecordedRequest request)
    {
        var after = long.Parse(request.Parameter("after").GetString()!, CultureInfo.InvariantCulture);
        var limit = int.Parse(request.Parameter("limit").GetString()!, CultureInfo.InvariantCulture);
        return rows.Where(r => long.Parse(System.Text.Json.JsonDocument.Parse(r[0]).RootElement.GetProperty("_value").GetString()!, CultureInfo.InvariantCulture) > after).Take(limit);
    }
}
