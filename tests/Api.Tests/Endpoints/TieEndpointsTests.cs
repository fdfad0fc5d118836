using System.Text.Json;
using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Endpoints;

/// <summary><c>PUT /ties</c> and <c>DELETE /ties</c> on a toy store of this class's own.</summary>
public class TieEndpointsTests(ToyApi toy) : IClassFixture<ToyApi>
{
    private readonly TestApi _api = toy.Api;

    [Fact]
    public async Task Put_NewTie_201WithTheTieAndTheContactAppears()
    {
        var before = await StoreState.ReadAsync(_api.Admin);
        using var response = await _api.Admin.PutJsonAsync("/ties",
            new { source = "0", target = "11", kind = "colleague", strength = 2.5, since = "2020-01-01" });
        var body = await response.JsonAsync(201);
        Assert.Equal("created", body.GetProperty("write").Str("effect"));
        Assert.Equal(before.Version + 1, body.GetProperty("write").GetProperty("version").GetInt64());
        var tie = body.GetProperty("tie");
        Assert.Equal("0", tie.Str("source"));
        Assert.Equal("11", tie.Str("target"));
        Assert.Equal("colleague", tie.Str("kind"));
        Assert.Equal(2.5, tie.GetProperty("strength").GetDouble());
        Assert.Equal("2020-01-01", tie.Str("since"));
        Assert.Equal(JsonValueKind.Null, tie.GetProperty("until").ValueKind);

        using var capital = await _api.Coach.GetAsync("/people/11/capital");
        var contact = Assert.Single((await capital.JsonAsync(200)).Items("contacts"), c => c.Str("id") == "0");
        Assert.Equal(["colleague"], contact.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(2.5, contact.GetProperty("strength").GetDouble());
    }

    [Fact]
    public async Task Put_SameEndsAndKindNewStrength_200Updated()
    {
        using (var created = await _api.Admin.PutJsonAsync("/ties", new { source = "1", target = "10", kind = "family" }))
            await created.AssertStatusAsync(201);
        using var response = await _api.Admin.PutJsonAsync("/ties", new { source = "10", target = "1", kind = "family", strength = 3 });
        var body = await response.JsonAsync(200);
        Assert.Equal("updated", body.GetProperty("write").Str("effect"));
        var ties = (await Exported.ReadAsync(_api.Admin)).ToDataset().Ties
            .Where(t => t.Kind == Model.TieKind.Family && new[] { t.Source, t.Target }.Order().SequenceEqual(["1", "10"])).ToArray();
        Assert.Equal(3, Assert.Single(ties).Strength);
    }

    [Fact]
    public async Task Put_EndedTie_StoredButNoContactToday()
    {
        using (var response = await _api.Admin.PutJsonAsync("/ties",
                   new { source = "2", target = "9", kind = "acquaintance", since = "2001-01-01", until = "2002-01-01" }))
            await response.AssertStatusAsync(201);
        using var capital = await _api.Coach.GetAsync("/people/9/capital");
        Assert.DoesNotContain((await capital.JsonAsync(200)).Items("contacts"), c => c.Str("id") == "2");
    }

    [Fact]
    public async Task Delete_OneKindEitherOrder_200AndTheContactGoes()
    {
        using (var created = await _api.Admin.PutJsonAsync("/ties", new { source = "3", target = "9", kind = "referral" }))
            await created.AssertStatusAsync(201);
        var before = await StoreState.ReadAsync(_api.Admin);
        using var response = await _api.Admin.SendAsync(HttpMethod.Delete, "/ties?source=9&target=3&kind=referral");
        var body = await response.JsonAsync(200);
        Assert.Equal("deleted", body.Str("effect"));
        Assert.Equal(1, body.GetProperty("tiesRemoved").GetInt32());
        Assert.Equal(before.Version + 1, body.GetProperty("version").GetInt64());
        using var capital = await _api.Coach.GetAsync("/people/3/capital");
        Assert.DoesNotContain((await capital.JsonAsync(200)).Items("contacts"), c => c.Str("id") == "9");
    }

    [Fact]
    public async Task Delete_EveryKind_RemovesAllTiesBetweenThePair()
    {
        foreach (var kind in new[] { "friend", "colleague" })
            using (var created = await _api.Admin.PutJsonAsync("/ties", new { source = "4", target = "10", kind }))
                await created.AssertStatusAsync(201);
        using var response = await _api.Admin.SendAsync(HttpMethod.Delete, "/ties?source=4&target=10");
        Assert.Equal(2, (await response.JsonAsync(200)).GetProperty("tiesRemoved").GetInt32());
    }

    [Fact]
    public async Task Delete_NoSuchTie_404AndNothingChanges()
    {
        var before = await StoreState.ReadAsync(_api.Admin);
        using var response = await _api.Admin.SendAsync(HttpMethod.Delete, "/ties?source=0&target=7&kind=friend");
        await response.AssertProblemAsync(404);
        Assert.Equal(before, await StoreState.ReadAsync(_api.Admin));
    }
}
