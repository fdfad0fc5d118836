namespace SocialCapital.Api.Snapshots;

/// <summary>A background measure whose answer depends on the request's parameters as well as on the snapshot (a trend's
/// dates, the evidence model's window): one <see cref="BackgroundMeasure{T}"/> per query, each computed in the
/// background for the snapshot being served and kept as that class keeps it. At most <see cref="Kept"/> queries are
/// kept; past that the one asked longest ago is let go (a computation of it already running still finishes, unseen).
/// Thread-safe.</summary>
/// <typeparam name="TKey">The query: equal keys share one computation.</typeparam>
/// <typeparam name="T">The measure's result.</typeparam>
internal sealed class BackgroundQueries<TKey, T>(
    string name, Func<ApiSnapshot, TKey, IProgress<double>, CancellationToken, T> compute, TimeProvider time, ILogger log,
    CancellationToken stopping)
    where TKey : notnull
    where T : class
{
    /// <summary>The most queries kept at once.</summary>
    public const int Kept = 16;

    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, (BackgroundMeasure<T> Measure, long Asked)> _queries = [];
    private long _clock;

    /// <summary>The background measure of one query, made on first ask.</summary>
    public BackgroundMeasure<T> For(TKey query)
    {
        lock (_gate)
        {
            if (!_queries.TryGetValue(query, out var entry))
            {
                if (_queries.Count >= Kept) _queries.Remove(_queries.MinBy(q => q.Value.Asked).Key);
                entry.Measure = new BackgroundMeasure<T>($"{name} {query}", (snapshot, progress, token) => compute(snapshot, query, progress, token),
                    time, log, stopping);
            }
            _queries[query] = (entry.Measure, ++_clock);
            return entry.Measure;
        }
    }
}
