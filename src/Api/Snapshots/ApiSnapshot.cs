using System.Globalization;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Metrics;
using SocialCapital.Storage;

namespace SocialCapital.Api.Snapshots;

/// <summary>One immutable state of the data, served to any number of concurrent readers: the dataset, its analysis
/// snapshot and the whole-graph measures computed from it on first use.</summary>
internal sealed class ApiSnapshot
{
    private readonly Lazy<PersonMetricsResult> _people;
    private readonly Lazy<IReadOnlyList<AreaMeasures>> _areas;
    private readonly Lazy<IReadOnlyList<GroupMeasures>> _groups;
    private readonly Lazy<Dictionary<string, int>> _positions;

    public ApiSnapshot(StoredDataset stored, GraphOptions graphOptions, AreaMetricsOptions areaOptions)
    {
        Stored = stored;
        GraphOptions = graphOptions;
        AreaOptions = areaOptions;
        Graph = stored.Dataset.ToGraph(graphOptions);
        // Whole-graph measures are computed once per snapshot, when first asked for (thread-safe Lazy).
        _people = new(() => PersonMetrics.Compute(Graph));
        _areas = new(() => AreaMetrics.ComputeFrom(Graph, People, AreaOptions));
        _groups = new(() => GroupMetrics.Compute(Graph, AreaOptions));
        _positions = new(() =>
        {
            var positions = new Dictionary<string, int>(Dataset.Nodes.Count, StringComparer.Ordinal);
            for (var i = 0; i < Dataset.Nodes.Count; i++) positions[Dataset.Nodes[i].Id] = i;
            return positions;
        });
    }

    public StoredDataset Stored { get; }

    public Dataset Dataset => Stored.Dataset;

    public long Version => Stored.Version;

    public SocialGraph Graph { get; }

    public GraphOptions GraphOptions { get; }

    public AreaMetricsOptions AreaOptions { get; }

    public PersonMetricsResult People => _people.Value;

    public IReadOnlyList<AreaMeasures> Areas => _areas.Value;

    public IReadOnlyList<GroupMeasures> Groups => _groups.Value;

    /// <summary>The entity tag of everything this snapshot answers: the store version and the analysis date.</summary>
    public string ETag => string.Create(CultureInfo.InvariantCulture, $"\"{Version}-{Graph.AsOf:yyyyMMdd}\"");

    /// <summary>The node with this id, or <see langword="null"/>.</summary>
    public Model.NodeRecord? Node(string id) =>
        _positions.Value.TryGetValue(id, out var position) ? Dataset.Nodes[position] : null;
}
