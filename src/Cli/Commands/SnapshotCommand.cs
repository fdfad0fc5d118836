using System.CommandLine;
using System.Globalization;
using SocialCapital.Storage;

namespace SocialCapital.Cli.Commands;

/// <summary><c>snapshot DIR --out FILE</c>: reads a dataset folder once, builds its graph, and writes both to a binary
/// snapshot file that every command accepts in place of the folder (docs/format.md#snapshot-file).</summary>
internal static class SnapshotCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var output = new Option<FileInfo>("--out")
        {
            Description = "The snapshot file to write (replaced only once complete), e.g. city.scg.",
            Required = true,
        };
        var command = new Command("snapshot",
            "Reads a dataset folder, builds its graph on the --as-of date with the --policy tie policy, and writes both to a "
            + "binary snapshot file that every command accepts in place of DIR and loads in about a second at a million "
            + "people. Commands asking for another date or policy rebuild the graph from the file's records. A file made "
            + "from a folder whose CSV files have changed since is refused as stale. Format: docs/format.md.")
        {
            common.Dataset,
            common.Policy,
            common.AsOf,
            output,
        };
        CommandRunner.SetAction(command, (parse, console, token) =>
        {
            var input = common.Open(parse, console);
            var folder = input.Snapshot is null ? parse.GetRequiredValue(common.Dataset).FullName : null;
            var before = folder is null ? null : SnapshotSource.Of(folder);
            var dataset = input.Dataset(console);
            token.ThrowIfCancellationRequested();
            var graph = input.Graph(common.GraphOptions(parse, input), console);
            token.ThrowIfCancellationRequested();
            var file = parse.GetRequiredValue(output);
            console.Status($"writing {file.FullName}");
            SnapshotFile.Write(dataset, graph, file.FullName, folder ?? input.Snapshot!.SourceFolder);
            // The file records the folder's files as they are now: had one changed while it was read, the file would
            // hold the old records yet never be stale.
            if (folder is not null && !SnapshotSource.Of(folder).SequenceEqual(before!))
            {
                File.Delete(file.FullName);
                throw new InvalidInputException($"{folder} changed while it was read, so {file.FullName} was not kept: run 'socialcapital snapshot' again.");
            }
            file.Refresh();
            console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {file.FullName}: {dataset.Nodes.Count:N0} nodes, {dataset.Ties.Count:N0} ties, graph as of {graph.AsOf:yyyy-MM-dd}, {file.Length / 1048576.0:N1} MiB"));
            return ExitCodes.Success;
        });
        return command;
    }
}
