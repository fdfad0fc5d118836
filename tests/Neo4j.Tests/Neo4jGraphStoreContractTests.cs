using SocialCapital.Storage;
using SocialCapital.Storage.Contract;

namespace SocialCapital.Neo4j.Tests;

/// <summary>The Neo4j store keeps the store contract, against a real server: set <c>NEO4J_URI</c> (e.g.
/// <c>http://localhost:7474</c>) and <c>NEO4J_USER</c>, <c>NEO4J_PASSWORD</c>, <c>NEO4J_DATABASE</c> to run these.
/// Without <c>NEO4J_URI</c> every test reports Skipped. Each test empties the database's store data first, so use a
/// database that holds nothing else of value.</summary>
public sealed class Neo4jGraphStoreContractTests : GraphStoreContract
{
    protected override async Task<IGraphStore> CreateEmptyStoreAsync()
    {
        Skip.If(Environment.GetEnvironmentVariable("NEO4J_URI") is null, "NEO4J_URI is not set: no Neo4j server to test against");
        var store = await Neo4jGraphStore.OpenAsync(ServerOptions());
        await store.ResetAsync();
        return store;
    }

    protected override async Task<IGraphStore> OpenSecondHandleAsync(IGraphStore first) =>
        await Neo4jGraphStore.OpenAsync(ServerOptions());

    private static Neo4jStoreOptions ServerOptions() => new()
    {
        BaseAddress = new Uri(Environment.GetEnvironmentVariable("NEO4J_URI")!),
        User = Environment.GetEnvironmentVariable("NEO4J_USER"),
        Password = Environment.GetEnvironmentVariable("NEO4J_PASSWORD"),
        Database = Environment.GetEnvironmentVariable("NEO4J_DATABASE") ?? "neo4j",
    };
}
