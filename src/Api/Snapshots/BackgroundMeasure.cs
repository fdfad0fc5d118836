namespace SocialCapital.Api.Snapshots;

/// <summary>A measure too slow to compute inside a request (betweenness: minutes at 100k people), computed in the
/// background for the snapshot being served and kept until the next one is ready. Writes neither wait for it nor
/// discard it: every answer says which snapshot its value is for. One computation runs at a time; a read that finds the
/// value older than the snapshot it reads starts the next, so a busy write stream costs one computation at a time, not
/// one per write.</summary>
/// <typeparam name="T">The measure's result.</typeparam>
internal sealed class BackgroundMeasure<T>(
    string name, Func<ApiSnapshot, IProgress<double>, CancellationToken, T> compute, TimeProvider time, ILogger log,
    CancellationToken stopping)
    where T : class
{
    private readonly Lock _gate = new();
    private Computed? _latest;
    private Running? _running;
    private Failed? _failed;

    /// <summary>A finished computation: the value and the snapshot (store version and day) it is for.</summary>
    public sealed record Computed(ApiSnapshot Snapshot, T Value, DateTimeOffset At)
    {
        /// <summary>What an answer says of the value: the snapshot it was computed for, and whether that is still
        /// <paramref name="current"/>, the one served.</summary>
        public Contracts.ComputedFor For(ApiSnapshot current) => new(Snapshot.Version, Snapshot.Graph.AsOf, At, Snapshot.ETag == current.ETag);
    }

    /// <summary>The computation under way: for which snapshot, since when, and how far (0 to 1).</summary>
    public sealed class Running(ApiSnapshot snapshot, DateTimeOffset started)
    {
        private double _progress;

        public ApiSnapshot Snapshot { get; } = snapshot;

        public DateTimeOffset Started { get; } = started;

        public double Progress => Volatile.Read(ref _progress);

        public Task Done { get; set; } = Task.CompletedTask;

        /// <summary>What an answer says of the computation: for which snapshot, since when, how far.</summary>
        public Contracts.BackgroundProgress View => new(Snapshot.Version, Snapshot.Graph.AsOf, Started, Progress);

        /// <summary>Seconds until the computation should be done, from its pace so far; between 1 and 60 (ask again then).</summary>
        public int RetryAfter(TimeProvider time)
        {
            var elapsed = (time.GetUtcNow() - Started).TotalSeconds;
            var progress = Progress;
            var left = progress > 0.01 ? elapsed * (1 - progress) / progress : 10;
            return (int)Math.Clamp(Math.Ceiling(left), 1, 60);
        }

        internal IProgress<double> Reporter => new Furthest(this);

        private sealed class Furthest(Running running) : IProgress<double>
        {
            public void Report(double value)
            {
                // Reports from several threads may arrive out of order: keep the furthest.
                double seen;
                do seen = Volatile.Read(ref running._progress);
                while (value > seen && Interlocked.CompareExchange(ref running._progress, value, seen) != seen);
            }
        }
    }

    private sealed record Failed(string Tag);

    /// <summary>Whether a computation is under way.</summary>
    public bool IsComputing
    {
        get
        {
            lock (_gate) return _running is not null;
        }
    }

    /// <summary>What there is for <paramref name="current"/>: the latest finished value (possibly for an older snapshot)
    /// and the computation under way, started here when the latest is older than <paramref name="current"/> and none
    /// runs. When nothing has finished yet, waits up to <paramref name="wait"/> for the computation, so small graphs
    /// answer at once.</summary>
    /// <returns>The latest value or null, the computation under way or null, and whether the computation for this
    /// snapshot failed (it is not retried until the snapshot changes).</returns>
    public async Task<(Computed? Latest, Running? Running, bool FailedHere)> ReadAsync(ApiSnapshot current, TimeSpan wait,
        CancellationToken cancellationToken)
    {
        Running? running;
        lock (_gate)
        {
            if (_failed?.Tag == current.ETag) return (_latest, _running, true);
            if (_running is null && _latest?.Snapshot.ETag != current.ETag) _running = Start(current);
            running = _running;
        }
        if (running is not null && wait > TimeSpan.Zero)
            await Task.WhenAny(running.Done, Task.Delay(wait, cancellationToken)); // request latency: wall time, not the service's clock
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate) return (_latest, _running, _failed?.Tag == current.ETag);
    }

    private Running Start(ApiSnapshot snapshot)
    {
        var running = new Running(snapshot, time.GetUtcNow());
        running.Done = Task.Factory.StartNew(() => Run(running), stopping, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return running;
    }

    private void Run(Running running)
    {
        var snapshot = running.Snapshot;
        try
        {
            // Inside the try: whatever fails in a run (its log included) is a failed computation, never one left running.
            log.LogInformation("Computing {Measure} for snapshot {Tag} in the background", name, snapshot.ETag);
            var value = compute(snapshot, running.Reporter, stopping);
            lock (_gate)
            {
                _latest = new Computed(snapshot, value, time.GetUtcNow());
                _running = null;
            }
            log.LogInformation("Computed {Measure} for snapshot {Tag} in {Seconds:F1} s", name, snapshot.ETag,
                (time.GetUtcNow() - running.Started).TotalSeconds);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            lock (_gate) _running = null; // shutting down
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.LogError(e, "Computing {Measure} for snapshot {Tag} failed; the previous value keeps serving", name, snapshot.ETag);
            lock (_gate)
            {
                _failed = new Failed(snapshot.ETag);
                _running = null;
            }
        }
    }
}
