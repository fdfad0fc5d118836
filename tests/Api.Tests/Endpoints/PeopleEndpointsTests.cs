using System.Net;
using System.Text.Json;
using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Endpoints;

/// <summary><c>GET /people</c> and <c>GET /people/{id}</c> on the toy sample (read only).</summary>
[Collection(ToyReadersCollection.Name)]
public class PeopleEndpointsTests(ToyApi toy)
{
    [Fact]
    public async Task List_Defaults_AllTwelveInStoredOrderOnOnePage()
    {
        using var response = await toy.Api.Coach.GetAsync("/people");
        var page = await response.JsonAsync(200);
        Assert.Equal(1, page.GetProperty("page").GetInt32());
        Assert.Equal(50, page.GetProperty("pageSize").GetInt32());
        Assert.Equal(12, page.GetProperty("total").GetInt32());
        Assert.Equal(Samples.Toy.Nodes.Select(n => n.Id), page.Items().Select(p => p.Str("id")));
        Assert.All(page.Items(), p => Assert.Equal("citizen", p.Str("kind")));
    }

    [Fact]
    public async Task List_SecondPageOfFive_HoldsTheNextFive()
    {
        using var response = await toy.Api.Coach.GetAsync("/people?page=2&pageSize=5");
        var page = await response.JsonAsync(200);
        Assert.Equal(2, page.GetProperty("page").GetInt32());
        Assert.Equal(5, page.GetProperty("pageSize").GetInt32());
        Assert.Equal(12, page.GetProperty("total").GetInt32());
        Assert.Equal(Samples.Toy.Nodes.Skip(5).Take(5).Select(n => n.Id), page.Items().Select(p => p.Str("id")));
    }

    [Fact]
    public async Task List_PageAfterTheLast_IsEmptyWithTheTotal()
    {
        using var response = await toy.Api.Coach.GetAsync("/people?page=4&pageSize=5");
        var page = await response.JsonAsync(200);
        Assert.Empty(page.Items());
        Assert.Equal(12, page.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task List_FilteredByAreaAndKind_OnlyMatchingPeople()
    {
        using var response = await toy.Api.Coach.GetAsync("/people?area=B&kind=citizen");
        var page = await response.JsonAsync(200);
        var expected = Samples.Toy.Nodes.Where(n => n.Area == "B").Select(n => n.Id).ToArray();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, page.Items().Select(p => p.Str("id")));
        Assert.Equal(expected.Length, page.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task List_FilteredByAKindNobodyHas_IsEmpty()
    {
        using var response = await toy.Api.Coach.GetAsync("/people?kind=mentor");
        var page = await response.JsonAsync(200);
        Assert.Equal(0, page.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Get_KnownId_EverythingKnownOfThem()
    {
        using var response = await toy.Api.Coach.GetAsync("/people/3");
        var person = await response.JsonAsync(200);
        Assert.Equal("3", person.Str("id"));
        Assert.Equal("citizen", person.Str("kind"));
        Assert.Equal("B", person.Str("area"));
        Assert.Equal("employed", person.Str("employment"));
        Assert.Equal(0.75, person.GetProperty("ses").GetDouble());
        Assert.Equal(JsonValueKind.Null, person.GetProperty("ageBand").ValueKind);
        Assert.Equal(JsonValueKind.Null, person.GetProperty("capacity").ValueKind);
        Assert.Equal(0, person.GetProperty("languages").GetArrayLength());
        Assert.Equal(JsonValueKind.Object, person.GetProperty("attributes").ValueKind);
        Assert.True(response.SnapshotVersion() >= 1);
        Assert.StartsWith($"\"{response.SnapshotVersion()}-", response.ETag().Tag, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_UnknownId_404Problem()
    {
        using var response = await toy.Api.Coach.GetAsync("/people/nobody");
        var problem = await response.AssertProblemAsync(404);
        Assert.Contains("nobody", problem.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_IdNeedingEscapes_404NotAnError()
    {
        using var response = await toy.Api.Coach.GetAsync("/people/" + Uri.EscapeDataString("a b/c?d#é"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await response.AssertProblemAsync(404);
    }
}
