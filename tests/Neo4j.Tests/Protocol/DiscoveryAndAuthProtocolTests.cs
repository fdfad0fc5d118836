using System.Net;
using System.Text;
using static SocialCapital.Neo4j.Tests.Protocol.QueryApiReplay;

namespace SocialCapital.Neo4j.Tests.Protocol;

/// <summary>Opening the store and authenticating: protocol test against replayed documented shapes, not a database
/// test.</summary>
public sealed class DiscoveryAndAuthProtocolTests
{
    [Fact]
    public async Task OpenAsync_Neo4jWithQueryApi_DiscoversThenCreatesSchemaAndMetaFromTheCatalogue()
    {
        using var replay = new QueryApiReplay();
        await using var store = await Neo4jGraphStore.OpenAsync(Options(), replay);

        Assert.Equal("5.26.0", store.ServerVersion);
        var first = replay.Requests[0];
        Assert.Equal((HttpMethod.Get, "/"), (first.Method, first.Path));
        Assert.Null(first.Header("Authorization")); // discovery is unauthenticated
        var posts = replay.Requests.Skip(1).ToArray();
        Assert.All(posts, r => Assert.Equal((HttpMethod.Post, "/db/neo4j/query/v2"), (r.Method, r.Path)));
        Assert.All(replay.Statements, s => Assert.Contains(s, CypherStatements.All.Select(c => c.Text)));
        Assert.Equal(CypherStatements.CreateIdConstraint.Text, replay.Statements[0]);
        Assert.Contains(CypherStatements.EnsureMeta.Text, replay.Statements);
    }

    [Fact]
    public async Task OpenAsync_ServerWithoutQueryApi_SaysItNeedsNeo4j525()
    {
        // The discovery response of a 4.4 server (HTTP API documentation): no "query" endpoint.
        using var replay = new QueryApiReplay(r => r.Path == "/" ? Json(HttpStatusCode.OK, """
            {"bolt_direct": "bolt://localhost:7687", "bolt_routing": "neo4j://localhost:7687",
             "transaction": "http://localhost:7474/db/{databaseName}/tx", "neo4j_version": "4.4.0", "neo4j_edition": "enterprise"}
            """) : null);
        var error = await Assert.ThrowsAsync<Neo4jStoreException>(() => Neo4jGraphStore.OpenAsync(Options(), replay));
        Assert.Contains("4.4.0", error.Message, StringComparison.Ordinal);
        Assert.Contains("Neo4j 5.25 or later", error.Message, StringComparison.Ordinal);
        Assert.Single(replay.Requests);
    }

    [Fact]
    public async Task OpenAsync_NotNeo4j_SaysSoAndNamesTheSetting()
    {
        using var replay = new QueryApiReplay(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent("<html><body>Welcome to nginx!</body></html>", Encoding.UTF8, "text/html"),
        });
        var error = await Assert.ThrowsAsync<Neo4jStoreException>(() => Neo4jGraphStore.OpenAsync(Options(), replay));
        Assert.Contains("is not a Neo4j server", error.Message, StringComparison.Ordinal);
        Assert.Contains("Store:Neo4j:Uri", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task Requests_WithUserAndPassword_SendBasicAuthorization()
    {
        using var replay = new QueryApiReplay();
        await using var store = await Neo4jGraphStore.OpenAsync(Options(), replay);
        await store.GetVersionAsync();
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("neo4j:s3cret-pa55"));
        Assert.All(replay.Requests.Skip(1), r => Assert.Equal(expected, r.Header("Authorization")));
    }

    [Fact]
    public async Task Requests_WithBearerToken_SendBearerAuthorization()
    {
        using var replay = new QueryApiReplay();
        await using var store = await Neo4jGraphStore.OpenAsync(Options(o => (o.User, o.Password, o.BearerToken) = (null, null, "eyJ.token.sig")), replay);
        await store.GetVersionAsync();
        Assert.All(replay.Requests.Skip(1), r => Assert.Equal("Bearer eyJ.token.sig", r.Header("Authorization")));
    }

    [Fact]
    public async Task Unauthorized_ThrowsAClearAuthenticationErrorWithoutTheCredentials()
    {
        // Neo4j's answer to bad credentials: HTTP 401 with Neo.ClientError.Security.Unauthorized. This replay even
        // echoes the password back, to show the store scrubs it.
        using var replay = new QueryApiReplay(r => r.Method == HttpMethod.Post
            ? Error(HttpStatusCode.Unauthorized, "Neo.ClientError.Security.Unauthorized", "Invalid username or password (s3cret-pa55).")
            : null);
        var error = await Assert.ThrowsAsync<Neo4jStoreException>(() => Neo4jGraphStore.OpenAsync(Options(), replay));
        Assert.Equal("Neo.ClientError.Security.Unauthorized", error.Code);
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.False(error.IsTransient);
        Assert.Contains("refused to authenticate", error.Message, StringComparison.Ordinal);
        Assert.Contains("Store:Neo4j:User", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pa55", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes("neo4j:s3cret-pa55")), error.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, replay.Requests.Count); // discovery and one attempt: not retried
    }

    [Fact]
    public void Options_ToString_NamesDatabaseAndAddressOnly()
    {
        var text = Options().ToString();
        Assert.Equal("neo4j at http://neo4j.test:7474/", text);
    }
}
