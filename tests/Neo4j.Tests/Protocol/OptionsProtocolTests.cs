namespace SocialCapital.Neo4j.Tests.Protocol;

/// <summary>Options validation (no server involved); part of the protocol tests against replayed documented shapes,
/// not a database test.</summary>
public sealed class OptionsProtocolTests
{
    public static TheoryData<string, string> Invalid => new()
    {
        { "no address", "BaseAddress is required" },
        { "bolt address", "absolute http:// or https://" },
        { "user info", "must not hold user information" },
        { "blank database", "Database must be a database name" },
        { "database with a slash", "Database must be a database name" },
        { "user without password", "User and Password go together" },
        { "both auth kinds", "either User and Password or BearerToken" },
        { "blank token", "BearerToken must not be empty" },
        { "batch 0", "BatchSize must be from 1 to 1000000 (it is 0)" },
        { "retries -1", "MaxRetries must be from 0 to 20 (it is -1)" },
        { "timeout 0", "RequestTimeout must be positive" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task OpenAsync_InvalidOptions_ThrowsArgumentExceptionNamingTheOption(string @case, string message)
    {
        var options = Make(@case);
        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        using var replay = new QueryApiReplay();
        await Assert.ThrowsAsync<ArgumentException>(() => Neo4jGraphStore.OpenAsync(options, replay));
        Assert.Empty(replay.Requests);
    }

    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var options = new Neo4jStoreOptions { BaseAddress = new Uri("https://x.databases.neo4j.io") };
        options.Validate();
        Assert.Equal(("neo4j", 10_000, 4, TimeSpan.FromMinutes(2)), (options.Database, options.BatchSize, options.MaxRetries, options.RequestTimeout));
    }

    [Fact]
    public async Task OpenAsync_NullOptions_ThrowsArgumentNull() =>
        await Assert.ThrowsAsync<ArgumentNullException>(() => Neo4jGraphStore.OpenAsync(null!));

    private static Neo4jStoreOptions Make(string @case) => QueryApiReplay.Options(o =>
    {
        switch (@case)
        {
            case "no address": o.BaseAddress = null; break;
            case "bolt address": o.BaseAddress = new Uri("bolt://localhost:7687"); break;
            case "user info": o.BaseAddress = new Uri("http://neo4j:pw@localhost:7474"); break;
            case "blank database": o.Database = " "; break;
            case "database with a slash": o.Database = "neo4j/../x"; break;
            case "user without password": o.Password = null; break;
            case "both auth kinds": o.BearerToken = "t"; break;
            case "blank token": (o.User, o.Password, o.BearerToken) = (null, null, " "); break;
            case "batch 0": o.BatchSize = 0; break;
            case "retries -1": o.MaxRetries = -1; break;
            case "timeout 0": o.RequestTimeout = TimeSpan.Zero; break;
        }
    });
}
