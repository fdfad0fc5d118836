using SocialCapital.Storage;
using SocialCapital.Storage.Contract;

namespace SocialCapital.Postgres.Tests;

/// <summary>The PostgreSQL store keeps the store contract against a real server; every store is a new schema, and a
/// second handle is a second store (its own pool) on the same schema.</summary>
public sealed class PostgresGraphStoreTests : GraphStoreContract
{
    protected override async Task<IGraphStore> CreateEmptyStoreAsync() =>
        await PostgresGraphStore.OpenAsync(new PostgresStoreOptions { ConnectionString = PostgresServer.NewSchema() });

    protected override async Task<IGraphStore> OpenSecondHandleAsync(IGraphStore first) =>
        await PostgresGraphStore.OpenAsync(((PostgresGraphStore)first).Options);
}
