using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Hosting;

/// <summary>The OpenAPI document the app serves is committed (<c>openapi-v1.json</c> beside this file), so that any
/// change to a route, a status code or a field name fails here and is reviewed. To accept an intended change:
/// <c>SC_ACCEPT_SNAPSHOTS=1 dotnet test tests/Api.Tests --filter FullyQualifiedName~OpenApiSnapshot</c>, then commit
/// the file.</summary>
[Collection(ToyReadersCollection.Name)]
public class OpenApiSnapshotTests(ToyApi toy)
{
    public const string Committed = "tests/Api.Tests/Hosting/openapi-v1.json";

    public const string AcceptCommand = "SC_ACCEPT_SNAPSHOTS=1 dotnet test tests/Api.Tests --filter FullyQualifiedName~OpenApiSnapshot";

    [Fact]
    public async Task OpenApi_Document_MatchesTheCommittedSnapshot()
    {
        using var response = await toy.Api.Anonymous.GetAsync("/openapi/v1.json");
        await response.AssertStatusAsync(200);
        ApprovedFile.AssertMatches(await response.Content.ReadAsStringAsync(), Committed, AcceptCommand);
    }
}
