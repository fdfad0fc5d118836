using System.Globalization;

namespace SocialCapital.Api.Tests.Infrastructure;

/// <summary>An API on its own temporary SQLite file, seeded from a sample on first start; the file and its folder are
/// deleted afterwards.</summary>
public abstract class ApiFixture : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private TestApi? _api;

    /// <summary>The running API.</summary>
    public TestApi Api => _api ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>The sample that seeds the store (a folder of data-samples).</summary>
    protected abstract string Sample { get; }

    /// <summary>Configuration beyond the defaults of <see cref="TestApi.Start"/>.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    public Task InitializeAsync()
    {
        _api = TestApi.Start(_folder.File("store.db"), Repo.Sample(Sample), Settings);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_api is not null) await _api.DisposeAsync();
        _folder.Dispose();
    }
}

/// <summary>The toy sample: 12 citizens in areas A (3), B (4) and C (5), 16 friendships.
/// Default MinCellSize 10, so every toy area is suppressed.</summary>
public sealed class ToyApi : ApiFixture
{
    protected override string Sample => "toy";
}

/// <summary>The toy sample with <c>Analysis:MinCellSize</c> 1: nothing suppressed.</summary>
public sealed class ToyApiWithoutSuppression : ApiFixture
{
    protected override string Sample => "toy";

    protected override IReadOnlyDictionary<string, string?> Settings { get; } =
        new Dictionary<string, string?> { ["Analysis:MinCellSize"] = "1" };
}

/// <summary>The generated city: 10,106 nodes in areas A1–A5, mentors, coaches, employers and peer groups.</summary>
public sealed class CityApi : ApiFixture
{
    protected override string Sample => "city-10k";
}

/// <summary>A toy API with small body limits: 4 KiB for ordinary bodies, 64 KiB for imports.</summary>
public sealed class ToyApiWithSmallBodies : ApiFixture
{
    public const int MaxBodyBytes = 4096;
    public const int MaxImportBytes = 65536;

    protected override string Sample => "toy";

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Limits:MaxBodyBytes"] = MaxBodyBytes.ToString(CultureInfo.InvariantCulture),
        ["Limits:MaxImportBytes"] = MaxImportBytes.ToString(CultureInfo.InvariantCulture),
    };
}

/// <summary>A toy API that allows each client 3 requests a minute.</summary>
public sealed class ToyApiWithFewPermits : ApiFixture
{
    public const int Permits = 3;

    protected override string Sample => "toy";

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Limits:PermitsPerMinute"] = Permits.ToString(CultureInfo.InvariantCulture),
    };
}

/// <summary>Tests that only read the shared toy API.</summary>
[CollectionDefinition(Name)]
public sealed class ToyReadersCollection : ICollectionFixture<ToyApi>
{
    public const string Name = "toy readers";
}

/// <summary>Tests that only read the shared city API (it is never written to).</summary>
[CollectionDefinition(Name)]
public sealed class CityReadersCollection : ICollectionFixture<CityApi>
{
    public const string Name = "city readers";
}
