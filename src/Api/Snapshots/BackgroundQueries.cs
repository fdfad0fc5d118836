using System.Globalization;
using SocialCapital.Api.Errors;

namespace SocialCapital.Api.Snapshots;

/// <summary>A background measure whose answer depends on the request's parameters as well as on the snapshot (a trend's
/// dates, the evidence model's window): one <see cref="BackgroundMeasure{T}"/> per query, each computed in the
/// background for the snapshot being served and kept as that class keeps it. At most <see cref="Kept"/> queries are
/// kept; a new one lets go of the one asked longest ago among those not being computed, and when all of them are being
/// computed it is refused (<see cref="For"/> answers null), so no more than <see cref="Kept"/> computations ever run at
/// once however many queries callers make up. Thread-safe.</summary>
/// <typeparam name="TKey">The query: equal keys share one computation.</typeparam>
/// <typeparam name="T">The measure's result.</typeparam>
internal sealed class BackgroundQueries<TKey, T>(
    string name, Func<ApiSnapshot, TKey, IProgress<double>, CancellationToken, T> compute, TimeProvider time, ILogger log,
    CancellationToken stopping)
    where TKey : notnull
    where T : class
{
    /// <summary>The most queries kept at once, and so the most computations running at once.</summary>
    public const int Kept = 16;

    /// <summary>The <c>Retry-After</c> (seconds) of a refused query: about when one of the computations should be done.</summary>
    private const int BusyRetryAfter = 10;

    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, (BackgroundMeasure<T> Measure, long Asked)> _queries = [];
    private long _clock;

    /// <summary>The background measure of one query, made on first ask; null when <see cref="Kept"/> other queries are
    /// all being computed (answer <see cref="Busy"/>).</summary>
    public BackgroundMeasure<T>? For(TKey query)
    {
        lock (_gate)
        {
            if (!_queries.TryGetValue(query, out var entry))
            {
                if (_queries.Count >= Kept)
                {
                    // Never let go of a query being computed: its computation would run on unseen, and a caller cycling
                    // through new queries could start any number of them.
                    var idle = _queries.Where(q => !q.Value.Measure.IsComputing).ToList();
                    if (idle.Count == 0) return null;
                    _queries.Remove(idle.MinBy(q => q.Value.Asked).Key);
                }
                entry.Measure = new BackgroundMeasure<T>($"{name} {query}", (snapshot, progress, token) => compute(snapshot, query, progress, token),
                    time, log, stopping);
            }
            _queries[query] = (entry.Measure, ++_clock);
            return entry.Measure;
        }
    }

    /// <summary>The answer to a query refused because <see cref="Kept"/> others are being computed: 503 with
    /// <c>Retry-After</c>.</summary>
    public UnavailableProblem Busy(HttpContext http)
    {
        http.Response.Headers.RetryAfter = BusyRetryAfter.ToString(CultureInfo.InvariantCulture);
        return new UnavailableProblem($"{Kept} {name} queries are being computed, the most this service computes at once; ask again "
            + "after Retry-After, or ask a query already being computed.");
    }

    /// <summary>The answer when the computation for <paramref name="snapshot"/> failed: 503 naming the snapshot.</summary>
    public UnavailableProblem Failed(ApiSnapshot snapshot) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Computing {name} failed for the data being served (version {snapshot.Version}, ")
            + string.Create(CultureInfo.InvariantCulture, $"as of {snapshot.Graph.AsOf:yyyy-MM-dd}; the service's log says why); it is computed ")
            + "again once the data change.");
}
