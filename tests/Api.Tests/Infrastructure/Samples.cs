using SocialCapital.Interchange;

namespace SocialCapital.Api.Tests.Infrastructure;

/// <summary>The committed samples read by the engine's own reader, to check answers against (loaded once).</summary>
internal static class Samples
{
    private static readonly Lazy<Dataset> LazyToy = new(() => Dataset.Load(Repo.Sample("toy")));
    private static readonly Lazy<Dataset> LazyCity = new(() => Dataset.Load(Repo.Sample("city-10k")));

    public static Dataset Toy => LazyToy.Value;

    private static readonly Lazy<Dictionary<string, Model.NodeRecord>> LazyCityNodes =
        new(() => City.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal));

    public static Dataset City => LazyCity.Value;

    /// <summary>A node of the city by id.</summary>
    public static Model.NodeRecord CityNode(string id) =>
        LazyCityNodes.Value.TryGetValue(id, out var node) ? node : throw new Xunit.Sdk.XunitException($"the city has no node '{id}'");

    /// <summary>The analysis date the API uses: today, UTC.</summary>
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);
}
