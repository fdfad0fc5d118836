using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Security.Owasp;

/// <summary>OWASP API3:2023 Broken Object Property Level Authorization, mass-assignment side: a body sets exactly the
/// fields it names once, by their documented names and values — no case variants, no repeats, no hidden characters, no
/// numbers for names — and a refused body changes nothing.</summary>
public sealed class Api3MassAssignmentTests(ToyApi toy) : IClassFixture<ToyApi>
{
    [Theory]
    [InlineData("""{"kind":"citizen","Kind":"mentor"}""", "Kind")]
    [InlineData("""{"kind":"citizen","kind":"mentor"}""", "kind")]
    [InlineData("""{"KIND":"mentor"}""", "KIND")]
    [InlineData("""{"kind":"citizen","attributes":{"note":"a","note":"b"}}""", "attributes.note")]
    [InlineData("""{"kind":"citizen","attributes":{" note":"a","note":"b"}}""", "attributes")]
    public async Task PutPerson_DuplicateOrCaseVariantKey_400NamingItAndNothingStored(string body, string field)
    {
        using var response = await toy.Api.Admin.SendAsync(HttpMethod.Put, "/people/mass-1", Http.Json(body));
        var problem = await response.AssertFieldErrorsAsync(field);
        Assert.DoesNotContain("SocialCapital", problem.ToString(), StringComparison.Ordinal); // no .NET type names
        using var read = await toy.Api.Admin.GetAsync("/people/mass-1");
        await read.AssertProblemAsync(404);
    }

    [Theory]
    [InlineData("area", "A\u202E1")] // right-to-left override
    [InlineData("area", "A\u200B1")] // zero-width space
    [InlineData("sector", "health\u0000")]
    [InlineData("sector", "\uFEFFhealth")] // byte-order mark
    public async Task PutPerson_InvisibleOrControlCharacter_400NamingTheFieldAndNothingStored(string field, string value)
    {
        using var response = await toy.Api.Admin.PutJsonAsync("/people/mass-2", new Dictionary<string, string> { ["kind"] = "citizen", [field] = value });
        var problem = await response.AssertProblemAsync(400);
        Assert.Contains(field, problem.ErrorFields());
        using var read = await toy.Api.Admin.GetAsync("/people/mass-2");
        await read.AssertProblemAsync(404);
    }

    [Fact]
    public async Task PutPerson_LineBreakInAFreeTextAttribute_Stored()
    {
        using var response = await toy.Api.Admin.PutJsonAsync("/people/mass-3", new { kind = "citizen", attributes = new Dictionary<string, string> { ["note"] = "one\ntwo" } });
        await response.AssertSuccessAsync();
    }

    [Theory]
    [InlineData("99")]
    [InlineData("None, FewestBridgingTies")]
    [InlineData("FewestBridgingTies")]
    [InlineData("NONE")]
    [InlineData("1")]
    public async Task Cohort_NeedNotADocumentedName_400NamingNeed(string need)
    {
        using var response = await toy.Api.Coach.PostJsonAsync("/cohorts/assignments", new { need });
        await response.AssertFieldErrorsAsync("need");
    }

    [Theory]
    [InlineData("none")]
    [InlineData("fewest_bridging_ties")]
    public async Task Cohort_NeedDocumentedName_Accepted(string need)
    {
        using var response = await toy.Api.Coach.PostJsonAsync("/cohorts/assignments", new { need });
        await response.AssertSuccessAsync();
    }

    [Fact]
    public async Task PutTie_KindAsNumber_400()
    {
        using var response = await toy.Api.Admin.SendAsync(HttpMethod.Put, "/ties", Http.Json("""{"source":"0","target":"1","kind":0}"""));
        await response.AssertProblemAsync(400);
    }
}

/// <summary>OWASP API6:2023 Unrestricted Access to Sensitive Business Flows, the destructive flow: an import that would
/// wipe the store must say so explicitly.</summary>
public sealed class Api6DestructiveImportTests(ToyApi toy) : IClassFixture<ToyApi>
{
    [Theory]
    [InlineData("{}", "nodes,ties")]
    [InlineData("""{"nodes":[]}""", "ties")]
    [InlineData("""{"ties":[]}""", "nodes")]
    [InlineData("""{"nodes":[],"ties":[]}""", "nodes")]
    public async Task Import_EmptyOrPartialBody_400AndNothingChanged(string body, string fields)
    {
        using var before = await toy.Api.Admin.GetAsync("/people");
        var total = (await before.JsonAsync(200)).GetProperty("total").GetInt32();
        using var response = await toy.Api.Admin.SendAsync(HttpMethod.Post, "/import", Http.Json(body));
        await response.AssertFieldErrorsAsync(fields.Split(','));
        using var after = await toy.Api.Admin.GetAsync("/people");
        Assert.Equal(total, (await after.JsonAsync(200)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Import_EmptyWithAllowEmpty_DeletesEverything()
    {
        using var folder = new TempFolder();
        await using var api = TestApi.Start(folder.File("store.db"), Repo.Sample("toy"));
        using var response = await api.Admin.SendAsync(HttpMethod.Post, "/import?allowEmpty=true", Http.Json("""{"nodes":[],"ties":[]}"""));
        await response.AssertSuccessAsync();
        using var after = await api.Admin.GetAsync("/people");
        Assert.Equal(0, (await after.JsonAsync(200)).GetProperty("total").GetInt32());
    }
}
