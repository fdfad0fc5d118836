using SocialCapital.Interchange;
using SocialCapital.Model;
using SocialCapital.Storage;
using static SocialCapital.Neo4j.Tests.Protocol.QueryApiReplay;

namespace SocialCapital.Neo4j.Tests.Protocol;

/// <summary>The mentoring lifecycle over the Query API: proposals and their tie in one transaction, employment changes,
/// export of both, and refused writes that send nothing but reads: protocol tests against replayed documented shapes.</summary>
public sealed class LifecycleProtocolTests
{
    private static readonly string[] ProposalFields =
        ["seq", "id", "citizen", "mentor", "proposedBy", "status", "proposed", "expires", "decided", "reason"];

    private static readonly string[] StatusFields = ["seq", "person", "date", "employment"];

    private static readonly string[][] People = [NodeRow(1, "c1"), NodeRow(2, "m1", "mentor"), NodeRow(3, "k1", "coach")];

    [Fact]
    public async Task UpsertProposalsAsync_AcceptanceWithItsTie_OneTransactionOneBump()
    {
        string[][] stored = [[Integer(40), String("x1"), String("c1"), String("m1"), String("k1"), String("proposed"), Date("2026-01-05"),
            Date("2026-01-15"), Null, Null]];
        using var replay = new QueryApiReplay(r =>
            r.Is(CypherStatements.FindNodes) ? Result(NodeFields, People, inTransaction: true)
            : r.Is(CypherStatements.FindProposals) ? Result(ProposalFields, stored, inTransaction: true)
            : null);
        await using var store = await Neo4jGraphStore.OpenAsync(Options(), replay);
        var opened = replay.Requests.Count;
        var accepted = new ProposalRecord("x1", "c1", "m1", new DateOnly(2026, 1, 5), new DateOnly(2026, 1, 15))
        {
            ProposedBy = "k1", Status = ProposalStatus.Accepted, Decided = new DateOnly(2026, 1, 6),
        };
        var tie = new TieRecord("m1", "c1", TieKind.Mentoring) { Since = new DateOnly(2026, 1, 6) };

        var outcome = await store.UpsertProposalsAsync([accepted], tie);

        Assert.Equal(new WriteOutcome(WriteEffect.Created, 8), outcome);
        var write = replay.Requests.Skip(opened).Where(r => r.Statement is not null).ToArray();
        Assert.Equal(
            [CypherStatements.LockMeta.Text, CypherStatements.FindProposals.Text, CypherStatements.TiesBetween.Text, CypherStatements.FindNodes.Text,
             CypherStatements.ReplaceProposal.Text, CypherStatements.CreateTies[(int)TieKind.Mentoring].Text, CypherStatements.BumpMeta.Text],
            write.Select(r => r.Statement));
        var properties = write[4].Parameter("properties");
        Assert.Equal("""{"$type":"Integer","_value":"40"}""", properties.GetProperty("seq").GetRawText()); // keeps its place
        Assert.Equal("""{"$type":"String","_value":"accepted"}""", properties.GetProperty("status").GetRawText());
        Assert.Equal("""{"$type":"Date","_value":"2026-01-06"}""", properties.GetProperty("decided").GetRawText());
        Assert.False(properties.TryGetProperty("reason", out _));
        Assert.Equal("100", write[5].Parameter("rows")[0].GetProperty("_value").GetProperty("properties").GetProperty("_value")
            .GetProperty("seq").GetProperty("_value").GetString());
        Assert.Equal("101", write[6].Parameter("nextSeq").GetString());
        Assert.Equal((HttpMethod.Post, "/db/neo4j/query/v2/tx/lyU/commit"), (replay.Requests[^1].Method, replay.Requests[^1].Path));
        Assert.Single(replay.Requests, r => r.Path.EndsWith("/commit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UpsertProposalsAsync_NewPending_ChecksThePairAndCreatesIt()
    {
        using var replay = new QueryApiReplay(r => r.Is(CypherStatements.FindNodes) ? Result(NodeFields, People, inTransaction: true) : null);
        await using var store = await Neo4jGraphStore.OpenAsync(Options(), replay);
        var opened = replay.Requests.Count;

        var outcome = await store.UpsertProposalsAsync([new ProposalRecord("x2", "c1", "m1", new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 11))]);

        Assert.Equal(new WriteOutcome(WriteEffect.Created, 8), outcome);
        var write = replay.Requests.Skip(opened).Where(r => r.Statement is not null).ToArray();
        var pairs = write.Single(r => r.Is(CypherStatements.FindPendingProposals)).Parameter("pairs")[0].GetProperty("_value");
        Assert.Equal(("c1", "m1"), (pairs.GetProperty("citizen").GetProperty("_value").GetString(), pairs.GetProperty("mentor").GetProperty("_value").GetString()));
        var row = write.Single(r => r.Is(CypherStatements.CreateProposals)).Parameter("rows")[0].GetProperty("_value");
        Assert.Equal("""{"$type":"Date","_value":"2026-02-11"}""", row.GetProperty("expires").GetRawText());
        Assert.False(row.TryGetProperty("proposedBy", out _)); // unknown values are absent properties
    }

    [Fact]
    public async Task UpsertProposalsAsync_Invalid_RollsBackWithoutWriting()
    {
        using var replay = new QueryApiReplay(r => r.Is(CypherStatements.FindNodes) ? Result(NodeFields, People, inTransaction: true) : null);
        await using var store = await Neo4jGraphStore.OpenAsync(Options(), replay);
        var opened = replay.Requests.Count;

        var error = await Assert.ThrowsAsync<DataValidationException>(() => store.UpsertProposalsAsync(
            [new ProposalRecord("x3", "c1", "k1", new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 11))]));

        Assert.Equal(("proposal 'x3'", "mentor"), (error.Problems[0].Source, error.Problems[0].Column));
        var sent = replay.Requests.Skip(opened).ToArray();
        Assert.DoesNotContain(sent, r => r.Path.EndsWith("/commit", StringComparison.Ordinal));
        Assert.DoesNotContain(sent, r => r.Is(CypherStatements.CreateProposals) || r.Is(CypherStatements.BumpMeta));
        Assert.Equal(HttpMethod.Delete, sent[^1].Method);
    }

    [Fact]
    public async Task UpsertStatusAsync_SameDay_ReplacesTheEmployment()
    {
        using var replay = new QueryApiReplay(r =>
            r.Is(CypherStatements.FindNodes) ? Result(NodeFields, People, inTransaction: true)
            : r.Is(CypherStatements.StatusOfPerson) ? Result(StatusFields, [[Integer(50), String("c1"), Date("2026-03-01"), String("unemployed")]], inTransaction: true)
            : null);
        await using var store = await Neo4jGraphStore.OpenAsync(Options(), replay);
        var opened = replay.Requests.Count;

        var outcome = await store.UpsertStatusAsync(new StatusChange("c1", new DateOnly(2026, 3, 1), Employment.Employed));

        Assert.Equal(new WriteOutcome(WriteEffect.Updated, 8), outcome);
        var replace = replay.Requests.Skip(opened).Single(r => r.Is(CypherStatements.ReplaceStatus));
        Assert.Equal("""{"$type":"Date","_value":"2026-03-01"}""", replace.Parameters.GetProperty("date").GetRawText());
        Assert.Equal("employed", replace.Parameter("employment").GetString());
    }

    [Fact]
    public async Task ExportAsync_ProposalsAndHistory_ReadInOrderAfterTheTies()
    {
        string[][] proposals =
        [
            [Integer(4), String("x1"), String("c1"), String("m1"), String("k1"), String("declined"), Date("2026-01-05"), Date("2026-01-15"),
                Date("2026-01-07"), String("too far, \"sorry\"")],
            [Integer(6), String("x2"), String("c1"), String("m1"), Null, String("proposed"), Date("2026-02-01"), Date("2026-02-11"), Null, Null],
        ];
        using var replay = new QueryApiReplay(r =>
            r.Is(CypherStatements.ExportNodes) ? Result(NodeFields, r.Parameter("after").GetString() == "0" ? People : [], inTransaction: true)
            : r.Is(CypherStatements.ExportProposals) ? Result(ProposalFields, r.Parameter("after").GetString() == "0" ? proposals : [], inTransaction: true)
            : r.Is(CypherStatements.ExportStatus) ? Result(StatusFields, [[Integer(5), String("m1"), Date("2020-01-01"), String("employed")]], inTransaction: true)
            : null);
        await using var store = await Neo4jGraphStore.OpenAsync(Options(), replay);

        var dataset = (await store.ExportAsync()).Dataset;

        Assert.Equal(
            [new ProposalRecord("x1", "c1", "m1", new(2026, 1, 5), new(2026, 1, 15))
             {
                 ProposedBy = "k1", Status = ProposalStatus.Declined, Decided = new(2026, 1, 7), Reason = "too far, \"sorry\"",
             },
             new ProposalRecord("x2", "c1", "m1", new(2026, 2, 1), new(2026, 2, 11))],
            dataset.Proposals);
        Assert.Equal([new StatusChange("m1", new(2020, 1, 1), Employment.Employed)], dataset.StatusHistory);
    }

    [Fact]
    public async Task ExportAsync_Contacts_ReadInOrderAfterTheHistory()
    {
        string[] fields = ["seq", "coach", "citizen", "date", "channel"];
        string[][] contacts =
        [
            [Integer(7), String("k1"), String("c1"), Date("2026-01-05"), String("in_person")],
            [Integer(9), String("k1"), String("c1"), Date("2026-02-01"), String("message")],
        ];
        using var replay = new QueryApiReplay(r =>
            r.Is(CypherStatements.ExportNodes) ? Result(NodeFields, r.Parameter("after").GetString() == "0" ? People : [], inTransaction: true)
            : r.Is(CypherStatements.ExportContacts) ? Result(fields, r.Parameter("after").GetString() == "0" ? contacts : [], inTransaction: true)
            : null);
        await using var store = await Neo4jGraphStore.OpenAsync(Options(), replay);

        var dataset = (await store.ExportAsync()).Dataset;

        Assert.Equal(
            [new ContactRecord("k1", "c1", new(2026, 1, 5), ContactChannel.InPerson), new ContactRecord("k1", "c1", new(2026, 2, 1), ContactChannel.Message)],
            dataset.Contacts);
    }

    [Fact]
    public async Task ImportAsync_CoachingData_CreatesContactsAndNodeProperties()
    {
        using var replay = new QueryApiReplay(_ => null);
        await using var store = await Neo4jGraphStore.OpenAsync(Options(), replay);
        var dataset = Dataset.Create(
            [new NodeRecord("c1", NodeKind.Citizen) { Hub = "north" }, new NodeRecord("k1", NodeKind.Coach) { Specialisms = ["health", "ips"] }], [],
            contacts: [new ContactRecord("k1", "c1", new(2026, 1, 5), ContactChannel.Video)]);

        await store.ImportAsync(dataset);

        var create = Assert.Single(replay.Requests, r => r.Is(CypherStatements.CreateContacts));
        var row = create.Parameter("rows")[0].GetProperty("_value");
        Assert.Equal("""{"$type":"String","_value":"video"}""", row.GetProperty("channel").GetRawText());
        Assert.Equal("""{"$type":"Date","_value":"2026-01-05"}""", row.GetProperty("date").GetRawText());
        var coach = Assert.Single(replay.Requests, r => r.Is(CypherStatements.CreateNodes[(int)NodeKind.Coach]));
        Assert.Contains("\"ips\"", coach.Parameter("rows")[0].GetProperty("_value").GetProperty("specialisms").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddContactAsync_New_FindsThenCreatesItAndBumps()
    {
        using var replay = new QueryApiReplay(r => r.Is(CypherStatements.FindNodes) ? Result(NodeFields, People, inTransaction: true) : null);
        await using var store = await Neo4jGraphStore.OpenAsync(Options(), replay);
        var opened = replay.Requests.Count;

        var outcome = await store.AddContactAsync(new ContactRecord("k1", "c1", new DateOnly(2026, 3, 1), ContactChannel.Phone));

        Assert.Equal(new WriteOutcome(WriteEffect.Created, 8), outcome);
        var write = replay.Requests.Skip(opened).Where(r => r.Statement is not null).ToArray();
        Assert.Equal(
            [CypherStatements.LockMeta.Text, CypherStatements.FindContact.Text, CypherStatements.FindNodes.Text, CypherStatements.CreateContacts.Text,
             CypherStatements.BumpMeta.Text],
            write.Select(r => r.Statement));
        Assert.Equal("phone", write[1].Parameter("channel").GetString());
        Assert.Equal("""{"$type":"Date","_value":"2026-03-01"}""", write[1].Parameters.GetProperty("date").GetRawText());
    }

    [Fact]
    public async Task AddContactAsync_Stored_IsUnchangedAndCreatesNothing()
    {
        using var replay = new QueryApiReplay(r =>
            r.Is(CypherStatements.FindNodes) ? Result(NodeFields, People, inTransaction: true)
            : r.Is(CypherStatements.FindContact) ? Result(["seq", "coach", "citizen", "date", "channel"],
                [[Integer(9), String("k1"), String("c1"), Date("2026-03-01"), String("phone")]], inTransaction: true)
            : null);
        await using var store = await Neo4jGraphStore.OpenAsync(Options(), replay);

        var outcome = await store.AddContactAsync(new ContactRecord("k1", "c1", new DateOnly(2026, 3, 1), ContactChannel.Phone));

        Assert.Equal(WriteEffect.Unchanged, outcome.Effect);
        Assert.DoesNotContain(replay.Requests, r => r.Is(CypherStatements.CreateContacts));
    }
}
