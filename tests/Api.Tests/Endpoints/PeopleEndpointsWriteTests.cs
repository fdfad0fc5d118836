using System.Text.Json;
using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Endpoints;

/// <summary><c>PUT</c> and <c>DELETE /people/{id}</c> on a toy store of this class's own.</summary>
public class PeopleEndpointsWriteTests(ToyApi toy) : IClassFixture<ToyApi>
{
    private readonly TestApi _api = toy.Api;

    [Fact]
    public async Task Put_NewId_201WithLocationVersionAndThePersonAsStored()
    {
        var before = await StoreState.ReadAsync(_api.Admin);
        using var response = await _api.Admin.PutJsonAsync("/people/new-mentor", new
        {
            kind = "mentor", area = " B ", employment = "self_employed", ageBand = "50-64", sector = "health", ses = 0.6,
            languages = new[] { "en", "cy" }, skills = new[] { "cv_writing" }, goals = Array.Empty<string>(), capacity = 2,
            attributes = new Dictionary<string, string> { ["ethnicity"] = "x", ["blank"] = "" },
        });
        var body = await response.JsonAsync(201);
        Assert.Equal("/people/new-mentor", response.Headers.Location?.OriginalString);
        var write = body.GetProperty("write");
        Assert.Equal("created", write.Str("effect"));
        Assert.Equal(before.Version + 1, write.GetProperty("version").GetInt64());
        Assert.Equal(0, write.GetProperty("tiesRemoved").GetInt32());
        Assert.Equal(before.Version + 1, response.SnapshotVersion());
        var person = body.GetProperty("person");
        Assert.Equal("new-mentor", person.Str("id"));
        Assert.Equal("mentor", person.Str("kind"));
        Assert.Equal("B", person.Str("area")); // trimmed
        Assert.Equal("self_employed", person.Str("employment"));
        Assert.Equal("50-64", person.Str("ageBand"));
        Assert.Equal(2, person.GetProperty("capacity").GetInt32());
        Assert.Equal(["en", "cy"], person.GetProperty("languages").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal("x", person.GetProperty("attributes").Str("ethnicity"));
        Assert.False(person.GetProperty("attributes").TryGetProperty("blank", out _), "an empty attribute is unknown, not stored");

        using var read = await _api.Coach.GetAsync("/people/new-mentor");
        var stored = await read.JsonAsync(200);
        Assert.Equal(person.ToString(), stored.ToString());
    }

    [Fact]
    public async Task Put_ExistingIdChanged_200UpdatedAndTheNewValues()
    {
        using (var created = await _api.Admin.PutJsonAsync("/people/to-update", new { kind = "citizen", area = "A", ses = 0.2 }))
            await created.AssertStatusAsync(201);
        using var response = await _api.Admin.PutJsonAsync("/people/to-update", new { id = "to-update", kind = "citizen", area = "C", ses = 0.9 });
        var body = await response.JsonAsync(200);
        Assert.Equal("updated", body.GetProperty("write").Str("effect"));
        using var read = await _api.Coach.GetAsync("/people/to-update");
        var person = await read.JsonAsync(200);
        Assert.Equal("C", person.Str("area"));
        Assert.Equal(0.9, person.GetProperty("ses").GetDouble());
        Assert.True(read.SnapshotVersion() >= body.GetProperty("write").GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Put_SameValuesAgain_200UnchangedAndTheVersionStays()
    {
        var person = new { kind = "coach", area = "A" };
        using (var created = await _api.Admin.PutJsonAsync("/people/same-again", person)) await created.AssertStatusAsync(201);
        var before = await StoreState.ReadAsync(_api.Admin);
        using var response = await _api.Admin.PutJsonAsync("/people/same-again", person);
        var body = await response.JsonAsync(200);
        Assert.Equal("unchanged", body.GetProperty("write").Str("effect"));
        Assert.Equal(before.Version, body.GetProperty("write").GetProperty("version").GetInt64());
        Assert.Equal(before, await StoreState.ReadAsync(_api.Admin));
    }

    [Fact]
    public async Task Put_CitizenWithFriendsBecomesMentor_200TiesKept()
    {
        using (var created = await _api.Admin.PutJsonAsync("/people/becomes-mentor", new { kind = "citizen", area = "A" }))
            await created.AssertStatusAsync(201);
        using (var tie = await _api.Admin.PutJsonAsync("/ties", new { source = "becomes-mentor", target = "1", kind = "friend" }))
            await tie.AssertStatusAsync(201);
        using var response = await _api.Admin.PutJsonAsync("/people/becomes-mentor", new { kind = "mentor", area = "A", capacity = 1 });
        await response.AssertStatusAsync(200);
        using var capital = await _api.Coach.GetAsync("/people/becomes-mentor/capital");
        var contacts = (await capital.JsonAsync(200)).Items("contacts");
        Assert.Equal(["1"], contacts.Select(c => c.Str("id")));
    }

    [Fact]
    public async Task Delete_PersonWithTies_200DeletedWithTheirTiesThen404()
    {
        using (var created = await _api.Admin.PutJsonAsync("/people/to-delete", new { kind = "citizen", area = "C" }))
            await created.AssertStatusAsync(201);
        foreach (var other in new[] { "7", "8" })
            using (var tie = await _api.Admin.PutJsonAsync("/ties", new { source = "to-delete", target = other, kind = "acquaintance" }))
                await tie.AssertStatusAsync(201);
        var before = await StoreState.ReadAsync(_api.Admin);

        using var response = await _api.Admin.SendAsync(HttpMethod.Delete, "/people/to-delete");
        var body = await response.JsonAsync(200);
        Assert.Equal("deleted", body.Str("effect"));
        Assert.Equal(2, body.GetProperty("tiesRemoved").GetInt32());
        Assert.Equal(before.Version + 1, body.GetProperty("version").GetInt64());

        using var read = await _api.Coach.GetAsync("/people/to-delete");
        await read.AssertProblemAsync(404);
        var after = (await Exported.ReadAsync(_api.Admin)).ToDataset();
        Assert.DoesNotContain(after.Nodes, n => n.Id == "to-delete");
        Assert.DoesNotContain(after.Ties, t => t.Source == "to-delete" || t.Target == "to-delete");
    }

    [Fact]
    public async Task Delete_UnknownId_404AndNothingChanges()
    {
        var before = await StoreState.ReadAsync(_api.Admin);
        using var response = await _api.Admin.SendAsync(HttpMethod.Delete, "/people/never-was");
        await response.AssertProblemAsync(404);
        Assert.Equal(before, await StoreState.ReadAsync(_api.Admin));
    }

    [Fact]
    public async Task Put_Answer_IsTheJsonTheGetReturns()
    {
        using var put = await _api.Admin.PutJsonAsync("/people/round-trip", new { kind = "citizen", goals = new[] { "digital" } });
        var written = (await put.JsonAsync(201)).GetProperty("person");
        using var get = await _api.Coach.GetAsync("/people/round-trip");
        var read = await get.JsonAsync(200);
        Assert.Equal(JsonSerializer.Serialize(written), JsonSerializer.Serialize(read));
    }
}
