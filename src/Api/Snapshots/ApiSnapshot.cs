using System.Globalization;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Live;
using SocialCapital.Metrics;
using SocialCapital.Model;

namespace SocialCapital.Api.Snapshots;

/// <summary>One immutable state of the data, served to any number of concurrent readers: a live graph's snapshot
/// (graph, records, area and group measures kept up to date by every write) and the store version it holds.</summary>
internal sealed class ApiSnapshot(LiveSnapshot live, long version, GraphOptions graphOptions, AreaMetricsOptions areaOptions)
{
    private Dataset? _dataset;

    public LiveSnapshot Live { get; } = live;

    public long Version { get; } = version;

    public SocialGraph Graph => Live.Graph;

    public GraphOptions GraphOptions { get; } = graphOptions;

    public AreaMetricsOptions AreaOptions { get; } = areaOptions;

    /// <summary>One person's measures, computed on the spot from the snapshot (O(their contacts' degrees)).</summary>
    public PersonMeasures Person(int node) => PersonMetrics.Of(Graph, node);

    public IReadOnlyList<AreaMeasures> Areas => Live.Measures.Areas;

    public IReadOnlyList<GroupMeasures> Groups => Live.Measures.Groups;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<IReadOnlyList<AreaMeasures>>> _breakdowns =
        new(StringComparer.Ordinal);

    /// <summary>The area measures split by a grouping (<see cref="AreaMetrics.ComputeBy"/>), made once per snapshot and
    /// grouping (a full pass, however many requests ask at once) and kept. The grouping must be one of
    /// <see cref="Brokerage.Groupings"/>.</summary>
    public IReadOnlyList<AreaMeasures> Breakdown(string grouping) =>
        _breakdowns.GetOrAdd(grouping, g => new Lazy<IReadOnlyList<AreaMeasures>>(() => AreaMetrics.ComputeBy(Graph, g, AreaOptions))).Value;

    /// <summary>The records as a dataset, made on first use (O(nodes + ties)): for what-if, which builds a graph anyway.</summary>
    public Dataset Dataset => _dataset ??= Live.ToDataset();

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<IReadOnlyList<TrendRow>>> _trends =
        new(StringComparer.Ordinal);

    /// <summary>The most trend queries one snapshot keeps; past it the kept ones are let go (a new snapshot starts afresh anyway).</summary>
    private const int KeptTrends = 16;

    /// <summary>The area measures at a series of dates (<see cref="SocialCapital.Live.Trends.Compute"/>) of this snapshot's records,
    /// made once per snapshot and query however many requests ask at once, and kept with the snapshot.</summary>
    public IReadOnlyList<TrendRow> Trends(TrendOptions options)
    {
        var key = string.Join('|', options.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), options.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            options.Every, string.Join(',', options.Measures ?? []));
        if (_trends.Count >= KeptTrends && !_trends.ContainsKey(key)) _trends.Clear();
        return _trends.GetOrAdd(key, _ => new Lazy<IReadOnlyList<TrendRow>>(() => SocialCapital.Live.Trends.Compute(Dataset, options))).Value;
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(int Window, int Periods, DateOnly AsOf), Lazy<EvidenceResult>> _evidence = new();

    /// <summary>The evidence model on this snapshot (<see cref="Metrics.Evidence.Compute"/>), fitted on first use per window,
    /// periods and as-of date (once, however many requests ask at once) and kept with the snapshot, so a dashboard polling it
    /// pays once per edit. A data problem (<see cref="EvidenceException"/>) is kept too: it stays until the data change.</summary>
    public EvidenceResult Evidence(EvidenceOptions options) =>
        _evidence.GetOrAdd((options.WindowMonths, options.Periods, options.AsOf ?? Graph.AsOf),
            key => new Lazy<EvidenceResult>(() => Metrics.Evidence.Compute(Dataset, options with { AsOf = key.AsOf }))).Value;

    /// <summary>The entity tag of everything this snapshot answers: the store version and the analysis date.</summary>
    public string ETag => TagOf(Version, Graph.AsOf);

    /// <summary>The entity tag of the data at a store version, as of a date.</summary>
    public static string TagOf(long version, DateOnly asOf) => string.Create(CultureInfo.InvariantCulture, $"\"{version}-{asOf:yyyyMMdd}\"");

    /// <summary>The node with this id, or <see langword="null"/>.</summary>
    public NodeRecord? Node(string id) => Live.Node(id);

    /// <summary>The nodes in id order.</summary>
    public IEnumerable<NodeRecord> Nodes => Live.Nodes;

    /// <summary>The ties touching a node.</summary>
    public IReadOnlyList<TieRecord> TiesOf(string id) => Live.TiesOf(id);

    /// <summary>Every mentoring proposal, as stored (use <see cref="ProposalRecord.On"/> for today's status).</summary>
    public IReadOnlyList<ProposalRecord> Proposals => Live.Proposals;

    /// <summary>The proposal with an id, or null.</summary>
    public ProposalRecord? Proposal(string id) => Live.Proposal(id);

    /// <summary>A mentor's free places today, counting pending proposals.</summary>
    public int FreePlaces(string mentor) => Live.FreePlaces(mentor);
}
