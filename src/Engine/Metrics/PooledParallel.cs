using System.Collections.Concurrent;
using Microsoft.Extensions.ObjectPool;

namespace SocialCapital.Metrics;

/// <summary>The parallel loop every per-node kernel uses: ranges of nodes in chunks, each worker with scratch taken
/// from an object pool (Microsoft.Extensions.ObjectPool, the engine's one pooling mechanism) and given back, so there
/// are about as many scratches as workers (scratch is stamped per node, so it needs no clearing between uses).</summary>
internal static class PooledParallel
{
    /// <summary>Runs <paramref name="body"/> over [0, <paramref name="count"/>) in chunks.</summary>
    /// <returns>Every scratch that was made, for kernels that gather per-thread results.</returns>
    public static IReadOnlyCollection<TScratch> ForRanges<TScratch>(int count, int chunk, int threads, Func<TScratch> create,
        Action<int, int, TScratch> body, CancellationToken cancellationToken = default)
        where TScratch : class
    {
        var policy = new Recording<TScratch>(create);
        if (count == 0) return policy.Made; // a graph with no nodes (every node deleted): nothing to run
        var pool = new DefaultObjectPool<TScratch>(policy, threads);
        Parallel.ForEach(
            Partitioner.Create(0, count, chunk),
            new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken },
            pool.Get,
            (range, _, scratch) =>
            {
                body(range.Item1, range.Item2, scratch);
                return scratch;
            },
            pool.Return);
        return policy.Made;
    }

    /// <summary>Makes scratch with the kernel's factory and keeps a list of all it made; keeps every scratch returned.</summary>
    private sealed class Recording<TScratch>(Func<TScratch> create) : IPooledObjectPolicy<TScratch>
        where TScratch : class
    {
        private readonly ConcurrentQueue<TScratch> _made = new();

        public IReadOnlyCollection<TScratch> Made => _made;

        public TScratch Create()
        {
            var scratch = create();
            _made.Enqueue(scratch);
            return scratch;
        }

        public bool Return(TScratch obj) => true;
    }
}
