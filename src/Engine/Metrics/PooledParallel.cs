using System.Collections.Concurrent;

namespace SocialCapital.Metrics;

/// <summary>The parallel loop every per-node kernel uses: ranges of nodes in chunks, each worker with scratch taken
/// from a pool and given back, so there are never more scratches than workers (scratch is stamped per node, so it
/// needs no clearing between uses).</summary>
internal static class PooledParallel
{
    /// <summary>Runs <paramref name="body"/> over [0, <paramref name="count"/>) in chunks.</summary>
    /// <returns>Every scratch that was made, for kernels that gather per-thread results.</returns>
    public static IReadOnlyCollection<TScratch> ForRanges<TScratch>(int count, int chunk, int threads, Func<TScratch> create,
        Action<int, int, TScratch> body, CancellationToken cancellationToken = default)
    {
        var pool = new ConcurrentBag<TScratch>();
        Parallel.ForEach(
            Partitioner.Create(0, count, chunk),
            new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken },
            () => pool.TryTake(out var reused) ? reused : create(),
            (range, _, scratch) =>
            {
                body(range.Item1, range.Item2, scratch);
                return scratch;
            },
            pool.Add);
        return pool;
    }
}
