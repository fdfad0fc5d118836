using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Metrics;
using SocialCapital.Model;

namespace SocialCapital.Live;

/// <summary>A social graph that takes edits and answers each with a new immutable <see cref="LiveSnapshot"/> sharing
/// everything the edit did not change with the one before: a write costs its change, not the graph. The area and
/// peer-group measures follow each edit by difference (<see cref="LiveMeasures"/>); one person's measures are computed
/// from the snapshot when asked (<see cref="LiveSnapshot.Person"/>).</summary>
/// <remarks>
/// <para>Readers take <see cref="Current"/> and never wait; edits are applied one batch at a time (a lock), each batch
/// all or nothing: when an edit of a batch is refused, the snapshot stays as it was.</para>
/// <para>Edits leave stale contact lists behind and vacant indices for removed nodes. Past
/// <see cref="LiveGraphOptions.CompactionThreshold"/> the graph compacts in the background: it builds a fresh snapshot
/// from the records of the current one, replays the edits made meanwhile, and swaps it in. Indices change then (a
/// fresh build numbers nodes in ordinal order of their ids): hold ids, not indices, across snapshots.</para>
/// <para>Every snapshot equals, measure for measure, a full build from its records (<see cref="LiveSnapshot.ToDataset"/>)
/// — to rounding (the tests hold it to 1e-9), as the area means are kept by difference and a rebuild may add a
/// contact's strengths in another order — except for
/// the bootstrap intervals of the area measures, which are those of the last full pass (<see cref="LiveMeasures"/>).</para>
/// </remarks>
public sealed class LiveGraph
{
    private readonly object _gate = new();
    private volatile LiveSnapshot _current;
    private List<GraphEdit>? _replay; // edits applied while a compaction runs, to replay on its result
    private Task<LiveSnapshot>? _compaction;
    private long _edits;
    private Task _firstPass = Task.CompletedTask;

    private LiveGraph(LiveSnapshot first, LiveGraphOptions options)
    {
        _current = first;
        Options = options;
    }

    /// <summary>The options the graph was created with.</summary>
    public LiveGraphOptions Options { get; }

    /// <summary>The latest snapshot; one volatile read.</summary>
    public LiveSnapshot Current => _current;

    /// <summary>How many compactions have completed.</summary>
    public int Compactions { get; private set; }

    /// <summary>Builds the first snapshot of a dataset.</summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="options">Options; default <see cref="LiveGraphOptions.Default"/>.</param>
    /// <returns>The live graph.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dataset"/> is null.</exception>
    /// <exception cref="InvalidOptionsException">An option breaks <see cref="LiveGraphOptions.Validate"/>.</exception>
    /// <exception cref="DataValidationException">The tie policy names an unknown attribute, or a contact's strengths add
    /// up past what a double holds.</exception>
    public static LiveGraph Create(Dataset dataset, LiveGraphOptions? options = null)
    {
        Guard.NotNull(dataset);
        options ??= LiveGraphOptions.Default;
        InvalidOptionsException.ThrowIfAny(options.Validate());
        return Start(new LiveGraph(Build(dataset, dataset.ToGraph(options.Graph), options.Graph.MaxDegreeOfParallelism, options.Areas, 0), options));
    }

    /// <summary>Starts from a dataset and the graph already built from it (e.g. read from a
    /// <see cref="Storage.SnapshotFile"/>), so the graph is not built again.</summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="graph">Its graph, as <see cref="DatasetGraphs.ToGraph"/> built it with the analysis date and tie
    /// policy of <paramref name="options"/> (<see cref="Storage.SnapshotFile.BuiltWith"/> tells).</param>
    /// <param name="options">Options (<see cref="LiveGraphOptions.Default"/> for the defaults).</param>
    /// <returns>The live graph.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="graph"/> has live edits, was built for another date or tie
    /// policy, or not from <paramref name="dataset"/>.</exception>
    /// <exception cref="InvalidOptionsException">An option breaks <see cref="LiveGraphOptions.Validate"/>.</exception>
    public static LiveGraph FromGraph(Dataset dataset, SocialGraph graph, LiveGraphOptions options)
    {
        Guard.NotNull(dataset);
        Guard.NotNull(graph);
        Guard.NotNull(options);
        InvalidOptionsException.ThrowIfAny(options.Validate());
        if (!Storage.SnapshotGraph.IsBuilt(graph))
            throw new ArgumentException("The graph has live edits; pass a graph built from the dataset (Dataset.ToGraph).", nameof(graph));
        if (graph.AsOf != options.Graph.ResolveDate()
            || !string.Equals(graph.TiePolicy.ToJson(), options.Graph.TiePolicy.ToJson(), StringComparison.Ordinal))
            throw new ArgumentException($"The graph was built as of {graph.AsOf:yyyy-MM-dd} or with another tie policy than the options ask for.", nameof(graph));
        if (graph.NodeCount != dataset.Nodes.Count)
            throw new ArgumentException($"The graph has {graph.NodeCount} nodes and the dataset {dataset.Nodes.Count}: it was not built from it.", nameof(graph));
        return Start(new LiveGraph(Build(dataset, graph, options.Graph.MaxDegreeOfParallelism, options.Areas, 0), options));
    }

    private static LiveGraph Start(LiveGraph live)
    {
        // The first full pass of the measures runs in the background: the graph answers reads and takes edits at once,
        // and the snapshots made meanwhile catch up by difference when it ends (which lets them go).
        var first = live.Current;
        live._firstPass = Task.Run(() =>
        {
            first.Lifecycle.Warm(); // the keys an edit of the lifecycle records looks up: first, so edits rarely wait for them
            _ = first.Measures;
            _ = live.Current.Measures;
        });
        return live;
    }

    /// <summary>Applies one edit.</summary>
    /// <param name="edit">The edit.</param>
    /// <returns>The snapshots before and after, and what the edit did.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="edit"/> or a record in it is null.</exception>
    /// <exception cref="DataValidationException">The record breaks a rule of the format (e.g. a tie to an unknown node).</exception>
    /// <exception cref="Storage.GraphStoreConflictException">A node's new kind would break its ties.</exception>
    public LiveChange Apply(GraphEdit edit) => Apply([Guard.NotNull(edit)]);

    /// <summary>Applies edits in order and publishes one snapshot holding them all, or none when one is refused.</summary>
    /// <param name="edits">The edits.</param>
    /// <returns>The snapshots before and after, what each edit did, and which nodes changed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="edits"/> or one of them is null.</exception>
    /// <exception cref="DataValidationException">A record breaks a rule of the format; nothing is applied.</exception>
    /// <exception cref="Storage.GraphStoreConflictException">A node's new kind would break its ties; nothing is applied.</exception>
    public LiveChange Apply(IReadOnlyList<GraphEdit> edits)
    {
        Guard.NotNull(edits);
        LiveChange change;
        lock (_gate)
        {
            change = ApplyTo(_current, edits, _edits + edits.Count);
            _current = change.After;
            _edits += edits.Count;
            _replay?.AddRange(edits);
        }
        if (NeedsCompaction(change.After)) _ = CompactAsync();
        return change;
    }

    /// <summary>Builds a fresh snapshot from the records of the current one in the background, replays the edits made
    /// meanwhile and swaps it in: stale lists and vacant indices are gone, node indices are in ordinal id order again.
    /// With a date, the fresh snapshot is as of that date (a live graph's snapshots keep the date they were built for;
    /// a service moves it on each day so). Readers and writers go on meanwhile; a compaction already running is
    /// joined instead.</summary>
    /// <param name="asOf">The analysis date of the fresh snapshot; default the current one.</param>
    /// <param name="cancellationToken">Cancels the compaction; the graph goes on as it was.</param>
    /// <returns>The snapshot swapped in.</returns>
    public Task<LiveSnapshot> CompactAsync(DateOnly? asOf = null, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_compaction is { IsCompleted: false } running && asOf is null) return running;
            // One compaction at a time: a dated one waits for the one running.
            var task = (_compaction ?? Task.CompletedTask).ContinueWith(_ => Compact(asOf, cancellationToken), cancellationToken,
                TaskContinuationOptions.None, TaskScheduler.Default);
            _compaction = task;
            return task;
        }
    }

    private LiveSnapshot Compact(DateOnly? asOf, CancellationToken cancellationToken)
    {
        LiveSnapshot from;
        List<GraphEdit> replay;
        long edits;
        lock (_gate)
        {
            from = _current;
            edits = _edits;
            _replay = replay = [];
        }
        try
        {
            var graphOptions = Options.Graph with { AsOf = asOf ?? from.Graph.AsOf };
            var dataset = from.ToDataset();
            var fresh = Build(dataset, dataset.ToGraph(graphOptions), graphOptions.MaxDegreeOfParallelism, Options.Areas, edits);
            fresh.Lifecycle.Warm();
            _ = fresh.Measures; // here, in the background, not by the first reader after the swap
            cancellationToken.ThrowIfCancellationRequested();
            lock (_gate)
            {
                // The edits made meanwhile were accepted once, so they apply again (the same records, the same checks).
                var result = replay.Count == 0 ? fresh : ApplyTo(fresh, replay, _edits).After;
                _current = result;
                Compactions++;
                return result;
            }
        }
        finally
        {
            lock (_gate) if (ReferenceEquals(_replay, replay)) _replay = null;
        }
    }

    private LiveChange ApplyTo(LiveSnapshot from, IReadOnlyList<GraphEdit> edits, long editsAfter)
    {
        var edit = new RecordEdit(from);
        var outcomes = new EditOutcome[edits.Count];
        for (var i = 0; i < edits.Count; i++) outcomes[i] = edit.Apply(Guard.NotNull(edits[i]));
        var (after, changed) = edit.Build(editsAfter);
        // Measures follow by difference at once, unless the first full pass is still running: then they catch up
        // when it ends (or when read).
        if (from.HasMeasures || _firstPass.IsCompleted) _ = after.Measures;
        return new LiveChange(from, after, outcomes, changed);
    }

    private bool NeedsCompaction(LiveSnapshot snapshot)
    {
        var graph = snapshot.Graph;
        var contacts = graph.Contacts;
        var stale = contacts.SlotsUsed - contacts.LiveSlots;
        var threshold = Options.CompactionThreshold;
        var stalePast = threshold > 0
            && (stale > threshold * Math.Max(contacts.LiveSlots, 1 << 16) || graph.Nodes.Moved.Count > threshold * Math.Max(graph.NodeCount, 1 << 12));
        var intervalsOld = Options.RefreshIntervalsAfter > 0 && snapshot.HasMeasures
            && snapshot.Measures.UpdatesSinceIntervals >= Options.RefreshIntervalsAfter;
        return (stalePast || intervalsOld) && _compaction?.IsCompleted != false;
    }

    private static LiveSnapshot Build(Dataset dataset, SocialGraph graph, int parallelism, AreaMetricsOptions areaOptions, long edits)
    {
        var n = graph.NodeCount;
        var records = new NodeRecord?[n];
        var index = graph.Nodes.IndicesOf(dataset.Nodes, new ParallelOptions { MaxDegreeOfParallelism = Guard.Parallelism(parallelism) }); // input position → node index
        for (var i = 0; i < index.Length; i++) records[index[i] >= 0 ? index[i] : throw new UnknownNodeException(dataset.Nodes[i].Id)] = dataset.Nodes[i];
        // Every tie in the lists of both its ends, in dataset order: two passes, counting then placing. The ends'
        // input positions are those validation found (or found again by hash for an edited dataset).
        var resolved = dataset.Resolved ?? RecordValidator.Resolve(dataset.Nodes, dataset.Ties,
            new ParallelOptions { MaxDegreeOfParallelism = Guard.Parallelism(parallelism) });
        var counts = new int[n];
        var ends = new (int, int)[dataset.Ties.Count];
        for (var t = 0; t < ends.Length; t++)
        {
            ends[t] = (index[resolved.Source[t]], index[resolved.Target[t]]);
            counts[ends[t].Item1]++;
            counts[ends[t].Item2]++;
        }
        var ties = new TieRecord[n][];
        for (var u = 0; u < n; u++) ties[u] = counts[u] == 0 ? [] : new TieRecord[counts[u]];
        Array.Clear(counts);
        // A snapshot file's ties are made as asked for (Storage.SnapshotTies): made once here, on every core, and the one
        // record shared by both ends.
        var all = dataset.Ties;
        if (all is Storage.SnapshotTies lazy)
        {
            var made = new TieRecord[lazy.Count];
            Parallel.For(0, made.Length, new ParallelOptions { MaxDegreeOfParallelism = Guard.Parallelism(parallelism) }, t => made[t] = lazy[t]);
            all = made;
        }
        for (var t = 0; t < ends.Length; t++)
        {
            var (u, v) = ends[t];
            var tie = all[t];
            ties[u][counts[u]++] = tie;
            ties[v][counts[v]++] = tie;
        }
        return new LiveSnapshot(graph, Paged<NodeRecord?>.From(records), Paged<TieRecord[]>.From(ties), dataset.AttributeColumns,
            dataset.Nodes.Count, dataset.Ties.Count, edits, new LiveSnapshot.MeasuresSource(g => LiveMeasures.Create(g, areaOptions), null, null),
            LifecycleRecords.Of(dataset.Proposals, dataset.StatusHistory, dataset.Contacts));
    }
}

/// <summary>What a batch of edits did to a <see cref="LiveGraph"/>.</summary>
/// <param name="Before">The snapshot the edits were applied to.</param>
/// <param name="After">The snapshot that holds them.</param>
/// <param name="Outcomes">What each edit did, in order.</param>
/// <param name="ChangedNodes">The node indices whose record, contacts or places changed (indices of
/// <paramref name="After"/>; those below <paramref name="Before"/>'s node count are the same nodes in it).</param>
public sealed record LiveChange(LiveSnapshot Before, LiveSnapshot After, IReadOnlyList<EditOutcome> Outcomes, IReadOnlyList<int> ChangedNodes);
