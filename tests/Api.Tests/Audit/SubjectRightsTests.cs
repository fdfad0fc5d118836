using SocialCapital.Api.Tests.Infrastructure;
using SocialCapital.Postgres;
using SocialCapital.Security;
using SocialCapital.Storage;

namespace SocialCapital.Api.Tests.Audit;

/// <summary>Subject access and erasure, on a toy store of this class's own.</summary>
public class SubjectRightsTests(ToyApi toy) : IClassFixture<ToyApi>
{
    private readonly TestApi _api = toy.Api;

    [Fact]
    public async Task SubjectAccess_Person_ReturnsTheRecordEveryTieAndWhoAccessedThem()
    {
        using (var read = await _api.As(ApiTokens.Coach, "sa-coach").GetAsync("/people/5"))
            await read.AssertStatusAsync(200);
        await AuditStore.WaitForAsync(_api, new AuditQuery { Actor = "sa-coach" });

        using var response = await _api.As(ApiTokens.Admin, "sa-admin").GetAsync("/people/5/subject-access");
        var body = await response.JsonAsync(200);
        Assert.Equal("5", body.Str("id"));
        var person = body.GetProperty("person");
        Assert.Equal("5", person.Str("id"));
        Assert.Equal("citizen", person.Str("kind"));
        var stored = Samples.Toy.Ties.Where(t => t.Source == "5" || t.Target == "5").Select(t => $"{t.Source}-{t.Target}").Order();
        Assert.Equal(stored, body.GetProperty("ties").EnumerateArray().Select(t => $"{t.Str("source")}-{t.Str("target")}").Order());
        Assert.All(body.GetProperty("ties").EnumerateArray(), t => Assert.Equal("friend", t.Str("kind")));
        var log = body.GetProperty("accessLog").EnumerateArray().ToArray();
        Assert.Contains(log, e => e.Str("actor") == "sa-coach" && e.Str("action") == "GET /people/{id}" && e.Str("outcome") == "ok");

        // The subject access is audited itself.
        var own = Assert.Single((await AuditStore.WaitForAsync(_api, new AuditQuery { Actor = "sa-admin" })).Entries);
        Assert.Equal(("GET /people/{id}/subject-access", "ok"), (own.Action, own.Outcome));
        Assert.Equal(["5"], own.Targets);
    }

    /// <summary>An erasure deletes the PostgreSQL store's checkpoint (the person's records must not outlive it there); the
    /// replica that erased writes a new one at once, without them, so starts do not fall back to reading the rows.</summary>
    [Fact]
    public async Task Erasure_OverPostgres_WritesANewCheckpointWithoutThePerson()
    {
        using var folder = new TempFolder();
        var connectionString = PostgresServer.NewSchema();
        await using var api = TestApi.Start(folder.File("unused.db"), Repo.Sample("toy"), new Dictionary<string, string?>
        {
            ["Store:Kind"] = "postgres",
            ["Store:Postgres:ConnectionString"] = connectionString,
        });
        Assert.Equal(1, (await StoreCheckpoint.WaitForAsync(connectionString)).Version); // after the seeding read

        using var erasure = await api.Admin.SendAsync(HttpMethod.Post, "/people/5/erasure");
        var erased = (await erasure.JsonAsync(200)).GetProperty("version").GetInt64();
        Assert.True((await StoreCheckpoint.WaitForAsync(connectionString, c => c.Version >= erased)).Version >= erased);

        await using var store = await PostgresGraphStore.OpenAsync(new PostgresStoreOptions { ConnectionString = connectionString });
        var file = folder.File("checkpoint.scg");
        Assert.NotNull((await store.ReadCheckpointAsync(file)).Version);
        var kept = SnapshotFile.Read(file, checkSources: false).Dataset;
        Assert.DoesNotContain(kept.Nodes, n => n.Id == "5");
        Assert.DoesNotContain(kept.Ties, t => t.Source == "5" || t.Target == "5");
    }

    [Fact]
    public async Task SubjectAccess_UnknownId_404()
    {
        using var response = await _api.Admin.GetAsync("/people/never-stored/subject-access");
        await response.AssertProblemAsync(404);
    }

    [Fact]
    public async Task Erasure_Person_DeletesThemAndTheirTiesAndPseudonymisesTheAudit()
    {
        var admin = _api.As(ApiTokens.Admin, "erasing-admin");
        using (var put = await admin.PutJsonAsync("/people/erase-me", new { kind = "citizen", area = "A", ses = 0.3 }))
            await put.AssertStatusAsync(201);
        using (var tie = await admin.PutJsonAsync("/ties", new { source = "erase-me", target = "0", kind = "friend" }))
            await tie.AssertStatusAsync(201);
        using (var read = await _api.As(ApiTokens.Coach, "erase-reader").GetAsync("/people/erase-me"))
            await read.AssertStatusAsync(200);

        using var erasure = await admin.SendAsync(HttpMethod.Post, "/people/erase-me/erasure");
        var result = await erasure.JsonAsync(200);
        Assert.Equal("deleted", result.Str("effect"));
        Assert.Equal(1, result.GetProperty("tiesRemoved").GetInt32());

        // Nothing in the audit names the id any more; the coach's read (still queued when the erasure came) and the
        // admin's writes name one pseudonym, and so does the erasure's own entry.
        Assert.Empty(await AuditStore.ReadAsync(_api, new AuditQuery { Target = "erase-me" }));
        var byAdmin = await AuditStore.ReadAsync(_api, new AuditQuery { Actor = "erasing-admin" });
        var own = byAdmin[0];
        Assert.Equal(("POST /people/{id}/erasure", "erased"), (own.Action, own.Outcome));
        var pseudonym = Assert.Single(own.Targets);
        Assert.StartsWith(AuditPseudonym.Prefix, pseudonym, StringComparison.Ordinal);
        Assert.Equal(3, (await AuditStore.ReadAsync(_api, new AuditQuery { Target = pseudonym })).Count(e => e.Actor == "erasing-admin"));
        var read2 = Assert.Single(await AuditStore.ReadAsync(_api, new AuditQuery { Actor = "erase-reader" }));
        Assert.Equal([pseudonym], read2.Targets);

        using (var gone = await _api.Coach.GetAsync("/people/erase-me"))
            await gone.AssertStatusAsync(404);
        var exported = await Exported.ReadAsync(_api.Admin);
        Assert.DoesNotContain("erase-me", exported.Nodes + exported.Ties, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erasure_UnknownId_404AndChangesNoData()
    {
        var before = await StoreState.ReadAsync(_api.Admin);
        using var response = await _api.Admin.SendAsync(HttpMethod.Post, "/people/never-there/erasure");
        await response.AssertProblemAsync(404);
        Assert.Equal(before.Version, (await StoreState.ReadAsync(_api.Admin)).Version);
    }
}
