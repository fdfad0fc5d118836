using SocialCapital.Api.Tests.Infrastructure;
using SocialCapital.Security;
using SocialCapital.Storage;

namespace SocialCapital.Api.Tests.Audit;

/// <summary>The audit trail as the API writes it, read back from the SQLite file and through <c>GET /audit</c>: reads,
/// writes, refused attempts and list pages, each with actor, role, action, targets and outcome.</summary>
public class AuditTrailTests(ToyApi toy) : IClassFixture<ToyApi>
{
    private readonly TestApi _api = toy.Api;

    [Fact]
    public async Task GetPerson_Coach_RecordsActorRoleActionTargetAndOk()
    {
        using var response = await _api.As(ApiTokens.Coach, "audit-reader").GetAsync("/people/3");
        await response.AssertStatusAsync(200);

        var (entries, _) = await AuditStore.WaitForAsync(_api, new AuditQuery { Actor = "audit-reader" });
        var entry = Assert.Single(entries);
        Assert.Equal(("audit-reader", "coach", "GET /people/{id}", "ok"), (entry.Actor, entry.Role, entry.Action, entry.Outcome));
        Assert.Equal(["3"], entry.Targets);
        Assert.InRange(entry.Time, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(1));

        using var audit = await _api.Admin.GetAsync("/audit?actor=audit-reader");
        var page = await audit.JsonAsync(200);
        Assert.Equal(1, page.GetProperty("total").GetInt32());
        var item = page.GetProperty("items")[0];
        Assert.Equal("GET /people/{id}", item.Str("action"));
        Assert.Equal("coach", item.Str("role"));
        Assert.Equal("3", item.GetProperty("targets")[0].GetString());
        Assert.Equal("ok", item.Str("outcome"));
    }

    [Fact]
    public async Task Requests_UnknownIdWrongRoleNoToken_AreRecordedAsNotFoundDeniedUnauthenticated()
    {
        using (var unknown = await _api.As(ApiTokens.Coach, "audit-prober").GetAsync("/people/no-such-person"))
            await unknown.AssertStatusAsync(404);
        using (var denied = await _api.As(ApiTokens.Analyst, "audit-analyst").GetAsync("/people/4"))
            await denied.AssertStatusAsync(403);
        using (var anonymous = await _api.Anonymous.GetAsync("/people/audit-anonymous-target"))
            await anonymous.AssertStatusAsync(401);

        var notFound = Assert.Single((await AuditStore.WaitForAsync(_api, new AuditQuery { Actor = "audit-prober" })).Entries);
        Assert.Equal(("coach", "not_found"), (notFound.Role, notFound.Outcome));
        Assert.Equal(["no-such-person"], notFound.Targets);
        var refused = Assert.Single((await AuditStore.WaitForAsync(_api, new AuditQuery { Actor = "audit-analyst" })).Entries);
        Assert.Equal(("analyst", "GET /people/{id}", "denied"), (refused.Role, refused.Action, refused.Outcome));
        Assert.Equal(["4"], refused.Targets);
        var stranger = Assert.Single((await AuditStore.WaitForAsync(_api, new AuditQuery { Target = "audit-anonymous-target" })).Entries);
        Assert.Equal(("anonymous", "", "unauthenticated"), (stranger.Actor, stranger.Role, stranger.Outcome));
    }

    [Fact]
    public async Task ListPeople_Page_RecordsTheIdsOnThatPage()
    {
        using var response = await _api.As(ApiTokens.Coach, "audit-lister").GetAsync("/people?page=2&pageSize=4");
        var page = await response.JsonAsync(200);
        var ids = page.GetProperty("items").EnumerateArray().Select(p => p.Str("id")).ToArray();
        Assert.Equal(4, ids.Length);

        var entry = Assert.Single((await AuditStore.WaitForAsync(_api, new AuditQuery { Actor = "audit-lister" })).Entries);
        Assert.Equal(("GET /people", "ok"), (entry.Action, entry.Outcome));
        Assert.Equal(ids, entry.Targets);
    }

    [Fact]
    public async Task Writes_PersonAndTie_EntriesAreInTheStoreWhenTheWriteAnswers()
    {
        var admin = _api.As(ApiTokens.Admin, "audit-writer");
        using (var put = await admin.PutJsonAsync("/people/audit-new", new { kind = "citizen", area = "A" }))
            await put.AssertStatusAsync(201);
        // No waiting: a write's entry commits with the write.
        var created = Assert.Single(await AuditStore.ReadAsync(_api, new AuditQuery { Actor = "audit-writer" }));
        Assert.Equal(("admin", "PUT /people/{id}", "created"), (created.Role, created.Action, created.Outcome));
        Assert.Equal(["audit-new"], created.Targets);

        using (var tie = await admin.PutJsonAsync("/ties", new { source = "audit-new", target = "0", kind = "friend" }))
            await tie.AssertStatusAsync(201);
        using (var untie = await admin.SendAsync(HttpMethod.Delete, "/ties?source=0&target=audit-new"))
            await untie.AssertStatusAsync(200);
        using (var delete = await admin.SendAsync(HttpMethod.Delete, "/people/audit-new"))
            await delete.AssertStatusAsync(200);
        using (var again = await admin.SendAsync(HttpMethod.Delete, "/people/audit-new"))
            await again.AssertStatusAsync(404);

        var entries = await AuditStore.ReadAsync(_api, new AuditQuery { Actor = "audit-writer" });
        Assert.Equal(
            [
                ("DELETE /people/{id}", "not_found", "audit-new"), ("DELETE /people/{id}", "deleted", "audit-new"),
                ("DELETE /ties", "deleted", "0,audit-new"), ("PUT /ties", "created", "audit-new,0"), ("PUT /people/{id}", "created", "audit-new"),
            ],
            entries.Select(e => (e.Action, e.Outcome, string.Join(',', e.Targets))));
    }

    [Fact]
    public async Task Writes_RefusedByTheStore_RecordedAsRefusedAttemptsAndNothingElse()
    {
        var admin = _api.As(ApiTokens.Admin, "audit-refused");
        using (var conflict = await admin.PutJsonAsync("/people/0", new { kind = "employer" })) // 0 has friendships
            await conflict.AssertStatusAsync(409);
        using (var unknownEnd = await admin.PutJsonAsync("/ties", new { source = "0", target = "nobody", kind = "friend" }))
            await unknownEnd.AssertStatusAsync(400);
        using (var badValue = await admin.PutJsonAsync("/people/audit-bad", new { kind = "citizen", ses = 2 }))
            await badValue.AssertStatusAsync(400);

        // The store's transaction (and the write's own entry) rolled back; the attempt is recorded as refused.
        await AuditStore.SettleAsync();
        var entries = await AuditStore.ReadAsync(_api, new AuditQuery { Actor = "audit-refused" });
        Assert.Equal(
            [("PUT /people/{id}", "invalid", "audit-bad"), ("PUT /ties", "invalid", "0,nobody"), ("PUT /people/{id}", "conflict", "0")],
            entries.Select(e => (e.Action, e.Outcome, string.Join(',', e.Targets))));
    }

    [Fact]
    public async Task Read_Entry_IsDurableWithinASecond()
    {
        using var response = await _api.As(ApiTokens.Coach, "audit-durable").GetAsync("/people/6/capital");
        await response.AssertStatusAsync(200);

        var (entries, waited) = await AuditStore.WaitForAsync(_api, new AuditQuery { Actor = "audit-durable" }, within: TimeSpan.FromSeconds(1));
        var entry = Assert.Single(entries);
        Assert.True(waited < TimeSpan.FromSeconds(1), $"the read's entry took {waited.TotalMilliseconds:0} ms to reach the store");
        Assert.Equal("GET /people/{id}/capital", entry.Action);
        Assert.Equal("6", entry.Targets[0]); // then the contacts the answer showed
        Assert.True(entry.Targets.Count > 1, "the capital answer names contacts, so they are targets too");
    }

    [Fact]
    public async Task GetAudit_BadFilters_400NamingEachField()
    {
        using (var dates = await _api.Admin.GetAsync("/audit?from=yesterday&to=2026-13-01"))
            await dates.AssertFieldErrorsAsync("from", "to");
        using (var order = await _api.Admin.GetAsync("/audit?from=2026-02-01&to=2026-01-01"))
            await order.AssertFieldErrorsAsync("to");
        using (var paging = await _api.Admin.GetAsync("/audit?page=0&pageSize=5000"))
            await paging.AssertFieldErrorsAsync("page", "pageSize");
        using (var blank = await _api.Admin.GetAsync("/audit?actor=&target="))
            await blank.AssertFieldErrorsAsync("actor", "target");
    }

    [Fact]
    public async Task GetAudit_FiltersAndPages_NewestFirst()
    {
        var coach = _api.As(ApiTokens.Coach, "audit-pager");
        foreach (var id in new[] { "1", "2", "3" })
        {
            using var read = await coach.GetAsync($"/people/{id}");
            await read.AssertStatusAsync(200);
            await Task.Delay(5);
        }
        await AuditStore.WaitForAsync(_api, new AuditQuery { Actor = "audit-pager" }, count: 3);

        using var response = await _api.Admin.GetAsync("/audit?actor=audit-pager&page=1&pageSize=2&from=2020-01-01");
        var page = await response.JsonAsync(200);
        Assert.Equal(3, page.GetProperty("total").GetInt32());
        Assert.Equal(["3", "2"], page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("targets")[0].GetString()));
        using var byTarget = await _api.Admin.GetAsync("/audit?actor=audit-pager&target=2");
        Assert.Equal(1, (await byTarget.JsonAsync(200)).GetProperty("total").GetInt32());
        using var future = await _api.Admin.GetAsync($"/audit?actor=audit-pager&from={DateTimeOffset.UtcNow.AddHours(1):yyyy-MM-ddTHH:mm:ssZ}");
        Assert.Equal(0, (await future.JsonAsync(200)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task MatchesAndCohorts_RecordTheCitizensAskedAboutAndTheMentorsReturned()
    {
        using (var mentor = await _api.Admin.PutJsonAsync("/people/audit-mentor",
            new { kind = "mentor", area = "A", employment = "employed", ses = 0.8, capacity = 3 }))
            await mentor.AssertStatusAsync(201);
        var coach = _api.As(ApiTokens.Coach, "audit-matcher");

        using var matches = await coach.GetAsync("/citizens/0/mentor-matches?anyArea=true");
        var matched = (await matches.JsonAsync(200)).GetProperty("matches").EnumerateArray().Select(m => m.Str("mentor")).ToArray();
        Assert.Contains("audit-mentor", matched);
        var entry = Assert.Single((await AuditStore.WaitForAsync(_api, new AuditQuery { Actor = "audit-matcher" })).Entries);
        Assert.Equal("GET /citizens/{id}/mentor-matches", entry.Action);
        Assert.Equal(["0", .. matched], entry.Targets);

        using var cohort = await coach.PostJsonAsync("/cohorts/assignments", new { citizens = new[] { "1", "2" }, anyArea = true });
        var pairs = (await cohort.JsonAsync(200)).GetProperty("pairs").EnumerateArray().ToArray();
        Assert.NotEmpty(pairs);
        var (entries, _) = await AuditStore.WaitForAsync(_api, new AuditQuery { Actor = "audit-matcher" }, count: 2);
        var assigned = entries[0];
        Assert.Equal("POST /cohorts/assignments", assigned.Action);
        Assert.Equal(["1", "2"], assigned.Targets.Take(2));
        Assert.All(pairs, p => Assert.Contains(p.Str("mentor"), assigned.Targets));
    }
}
