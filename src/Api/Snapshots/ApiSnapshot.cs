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

    /// <summary>The records as a dataset, made on first use (O(nodes + ties)): for what-if, which builds a graph anyway, and
    /// for trends and the evidence model.</summary>
    public Dataset Dataset => _dataset ??= Live.ToDataset();

    private PersonTrendSource? _personTrends;
    private object? _personTrendsLock;

    /// <summary>The dataset made ready for person trends (nodes by id, ties' ends: O(nodes + ties)), made once per
    /// snapshot on the first person trend asked of it, however many requests ask at once, and kept: a request then costs
    /// a pass over the ties and its person's neighbourhood.</summary>
    public PersonTrendSource PersonTrends =>
        LazyInitializer.EnsureInitialized(ref _personTrends, ref _personTrendsLock, () => new PersonTrendSource(Dataset));

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
