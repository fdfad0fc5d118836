using System.Globalization;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Storage;
using SocialCapital.Ties;

namespace SocialCapital.Cli;

/// <summary>What a command's DIR argument names: a dataset folder (read from its CSV files) or a snapshot file
/// (<c>socialcapital snapshot</c>), whose graph is used as it is when the command asks for the date and policy it was
/// built with, and rebuilt from its records (saying so) when it asks for others.</summary>
internal sealed class DatasetInput
{
    private readonly string _path;
    private Dataset? _dataset;

    private DatasetInput(string path, SnapshotFile? snapshot)
    {
        _path = path;
        Snapshot = snapshot;
    }

    /// <summary>The snapshot file, when DIR is one.</summary>
    public SnapshotFile? Snapshot { get; }

    /// <summary>A snapshot file when <paramref name="path"/> is a file, else a dataset folder (read when first needed).</summary>
    public static DatasetInput Open(string path, Terminal console)
    {
        if (!File.Exists(path)) return new DatasetInput(path, null);
        console.Status($"opening the snapshot file {path}");
        return new DatasetInput(path, SnapshotFile.Read(path));
    }

    /// <summary>The records: the folder's CSV files read and validated, or the snapshot's columns.</summary>
    public Dataset Dataset(Terminal console)
    {
        if (_dataset is not null) return _dataset;
        if (Snapshot is null) return _dataset = CommonOptions.Read(_path, console);
        console.Status($"reading the records of {Snapshot.NodeCount:N0} nodes and {Snapshot.TieCount:N0} ties from {_path}");
        return _dataset = Snapshot.Dataset;
    }

    /// <summary>The graph options asked for, with a snapshot's own date and policy where the command line gives none;
    /// a folder's default date stays "today".</summary>
    public GraphOptions Options(DateOnly? asOf, TiePolicy? policy) => new()
    {
        AsOf = asOf ?? Snapshot?.AsOf,
        TiePolicy = policy ?? Snapshot?.TiePolicy ?? TiePolicy.Default,
    };

    /// <summary>The graph for <paramref name="options"/> (its date resolved): the snapshot's own when it was built with
    /// them, else built from the records.</summary>
    public SocialGraph Graph(GraphOptions options, Terminal console)
    {
        var day = options.AsOf ?? DateOnly.FromDateTime(DateTime.UtcNow);
        if (Snapshot is { } snapshot)
        {
            if (snapshot.BuiltWith(day, options.TiePolicy))
            {
                console.Status($"loading the graph of {snapshot.NodeCount:N0} nodes from {_path}");
                return snapshot.Graph;
            }
            var policy = snapshot.BuiltWith(snapshot.AsOf, options.TiePolicy) ? "" : " under another tie policy";
            console.Status(string.Create(CultureInfo.InvariantCulture,
                $"{_path} holds the graph as of {snapshot.AsOf:yyyy-MM-dd}{policy}; building the one asked for (as of {day:yyyy-MM-dd}) from its records"));
        }
        var dataset = Dataset(console);
        console.Status($"building the snapshot of {dataset.Nodes.Count:N0} nodes and {dataset.Ties.Count:N0} ties");
        return dataset.ToGraph(options with { AsOf = day });
    }
}
