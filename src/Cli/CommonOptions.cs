using System.CommandLine;
using System.Globalization;
using SocialCapital.Cli.Output;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Ties;

namespace SocialCapital.Cli;

/// <summary>Arguments and options several commands share, so they read and behave the same everywhere.</summary>
internal sealed class CommonOptions
{
    public Argument<DirectoryInfo> Dataset { get; } = new("DIR")
    {
        Description = "Dataset folder holding nodes.csv and ties.csv (see docs/format.md), or a snapshot file made of one by "
            + "'socialcapital snapshot' (without --as-of and --policy, its own date and policy are used).",
    };

    public Option<FileInfo?> Policy { get; } = new("--policy")
    {
        Description = "Tie policy JSON file overriding the default bonding/bridging/linking rules (docs/measures.md); for a "
            + "snapshot file, the default is the policy its graph was built with.",
    };

    public Option<string?> AsOf { get; } = new("--as-of")
    {
        Description = "Analysis date (yyyy-MM-dd): only ties active on it count (since <= date < until). Default: today (UTC); "
            + "for a snapshot file, the date its graph was built for.",
    };

    public Option<string?> Format { get; } = new("--format")
    {
        Description = "Output format. Default: what the --out file's extension names (.csv, .json), else table.",
    };

    public Option<FileInfo?> Out { get; } = new("--out")
    {
        Description = "Write the output to this file (replaced only once complete) instead of standard output; "
            + "its extension sets the format (.csv, .json; a table otherwise) unless --format says.",
    };

    public CommonOptions()
    {
        Format.AcceptOnlyFromAmong("table", "csv", "json");
        AsOf.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string?>();
            if (text is not null && !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                result.AddError($"--as-of: '{text}' is not an ISO date (expected yyyy-MM-dd).");
        });
    }

    public void AddTo(Command command)
    {
        command.Add(Dataset);
        command.Add(Policy);
        command.Add(AsOf);
        command.Add(Format);
        command.Add(Out);
    }

    /// <summary>The dataset folder or snapshot file DIR names.</summary>
    public DatasetInput Open(ParseResult parse, Terminal console) => DatasetInput.Open(parse.GetRequiredValue(Dataset).FullName, console);

    /// <summary>Reads the dataset (or snapshot file) and builds the graph the options ask for, saying what it does on a
    /// terminal; a snapshot file's own graph is used as it is when it was built with the date and policy asked for.</summary>
    public SocialGraph LoadGraph(ParseResult parse, Terminal console)
    {
        var input = Open(parse, console);
        return input.Graph(GraphOptions(parse, input), console);
    }

    /// <summary>Reads a dataset folder, saying so and showing how much of it is read.</summary>
    public static Dataset Read(string folder, Terminal console)
    {
        console.Status($"reading {folder}");
        return DatasetReader.Read(folder, console.Progress("reading"));
    }

    /// <summary>The analysis date and tie policy the options ask for; where they are not given, a snapshot file's own
    /// (a folder's: today and the default policy).</summary>
    public GraphOptions GraphOptions(ParseResult parse, DatasetInput input) => input.Options(
        parse.GetValue(AsOf) is { } text ? DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
        parse.GetValue(Policy) is { } file ? TiePolicy.Load(file.FullName) : null);

    /// <summary>The format --format names; without it, the one the --out file's extension names (.csv, .json, any
    /// case), else a table.</summary>
    public RowFormat OutputFormat(ParseResult parse)
    {
        var name = parse.GetValue(Format)
            ?? (parse.GetValue(Out)?.Extension is { } extension
                ? extension.Equals(".csv", StringComparison.OrdinalIgnoreCase) ? "csv"
                : extension.Equals(".json", StringComparison.OrdinalIgnoreCase) ? "json" : "table"
                : "table");
        return name switch
        {
            "csv" => RowFormat.Csv,
            "json" => RowFormat.Json,
            _ => RowFormat.Table,
        };
    }

    /// <summary>Reads the dataset and builds what the coaching commands work on: the snapshot on the analysis day (the
    /// <c>--as-of</c> date, default today) and the coaching history, reporting progress.</summary>
    public (Dataset Dataset, SocialGraph Graph, CoachingHistory History, DateOnly Day) ReadCoaching(ParseResult parse, Terminal console)
    {
        var input = Open(parse, console);
        var graphOptions = GraphOptions(parse, input);
        var day = graphOptions.AsOf ?? DateOnly.FromDateTime(DateTime.UtcNow);
        var dataset = input.Dataset(console);
        var graph = input.Graph(graphOptions with { AsOf = day }, console);
        console.Status($"collecting the coaching history of {dataset.Ties.Count:N0} ties and {dataset.Contacts.Count:N0} contacts");
        return (dataset, graph, CoachingHistory.Of(dataset.Ties, dataset.Contacts), day);
    }
}
