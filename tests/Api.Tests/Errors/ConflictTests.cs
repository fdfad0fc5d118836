using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Errors;

/// <summary>409 answers: changing a node's kind in a way that breaks its ties; nothing changes. Own toy store.</summary>
public class ConflictTests(ToyApi toy) : IClassFixture<ToyApi>
{
    private readonly TestApi _api = toy.Api;

    [Fact]
    public async Task PutPerson_CitizenWithFriendsAsEmployer_409NamingTheTiesAndNothingChanges()
    {
        var before = await StoreState.ReadAsync(_api.Admin);
        using var response = await _api.Admin.PutJsonAsync("/people/0", new { kind = "employer" });
        var problem = await response.AssertProblemAsync(409);
        Assert.Contains("'0'", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(2, problem.GetProperty("problems").GetArrayLength()); // 0 has two friends
        Assert.Equal(before, await StoreState.ReadAsync(_api.Admin));
        using var read = await _api.Coach.GetAsync("/people/0");
        Assert.Equal("citizen", (await read.JsonAsync(200)).Str("kind"));
    }

    [Fact]
    public async Task PutPerson_PeerGroupWithMembersAsEmployer_409AndNothingChanges()
    {
        using (var group = await _api.Admin.PutJsonAsync("/people/club", new { kind = "peer_group", capacity = 5 })) await group.AssertSuccessAsync();
        using (var member = await _api.Admin.PutJsonAsync("/ties", new { source = "4", target = "club", kind = "membership" })) await member.AssertSuccessAsync();
        var before = await StoreState.ReadAsync(_api.Admin);
        using var response = await _api.Admin.PutJsonAsync("/people/club", new { kind = "employer" });
        await response.AssertProblemAsync(409);
        Assert.Equal(before, await StoreState.ReadAsync(_api.Admin));
    }

    [Fact]
    public async Task PutPerson_EmployerWithStaffAsCitizen_409AndNothingChanges()
    {
        using (var employer = await _api.Admin.PutJsonAsync("/people/firm", new { kind = "employer", area = "B" })) await employer.AssertSuccessAsync();
        using (var job = await _api.Admin.PutJsonAsync("/ties", new { source = "5", target = "firm", kind = "employment" })) await job.AssertSuccessAsync();
        var before = await StoreState.ReadAsync(_api.Admin);
        using var response = await _api.Admin.PutJsonAsync("/people/firm", new { kind = "citizen" });
        await response.AssertProblemAsync(409);
        Assert.Equal(before, await StoreState.ReadAsync(_api.Admin));
    }
}
