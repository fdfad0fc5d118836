namespace SocialCapital.Api.Contracts;

/// <summary>A person's betweenness centrality (<c>GET /people/{id}/betweenness</c>; docs/measures.md#betweenness),
/// computed in the background for a snapshot of the data.</summary>
/// <param name="Id">The person's id.</param>
/// <param name="Betweenness">The normalised betweenness: the share of shortest paths between other pairs of people
/// through this person.</param>
/// <param name="Exact">Whether the value is exact or a pivot estimate (above <c>Analysis:BetweennessExactLimit</c> people).</param>
/// <param name="Pivots">The sources the value is summed over: every person when exact, else the pivots.</param>
/// <param name="ErrorBound">The estimate is within this of the exact value with probability 0.95 (Hoeffding); 0 when
/// exact.</param>
/// <param name="ComputedFor">The snapshot the value was computed for, and whether it is still the one being served.</param>
/// <param name="Refreshing">The computation for a newer snapshot, when one is under way; otherwise null.</param>
public sealed record BetweennessView(string Id, double Betweenness, bool Exact, int Pivots, double ErrorBound,
    ComputedFor ComputedFor, BackgroundProgress? Refreshing);

/// <summary>Which snapshot a background value belongs to.</summary>
/// <param name="Version">The store version of that snapshot.</param>
/// <param name="AsOf">Its analysis day.</param>
/// <param name="At">When the computation finished.</param>
/// <param name="Current">Whether that snapshot is the one this answer was served from (its <c>ETag</c>); false once
/// writes or a new day have moved the data on.</param>
public sealed record ComputedFor(long Version, DateOnly AsOf, DateTimeOffset At, bool Current);

/// <summary>A background computation under way.</summary>
/// <param name="Version">The store version of the snapshot it computes.</param>
/// <param name="AsOf">That snapshot's analysis day.</param>
/// <param name="Started">When it started.</param>
/// <param name="Progress">How far it is, from 0 to 1.</param>
public sealed record BackgroundProgress(long Version, DateOnly AsOf, DateTimeOffset Started, double Progress);

/// <summary>The answer while no value for the person exists yet (202): the computation that will give one. Ask again
/// after <c>Retry-After</c> seconds.</summary>
/// <param name="Id">The person's id.</param>
/// <param name="Computing">The computation under way.</param>
public sealed record BetweennessPending(string Id, BackgroundProgress Computing);
