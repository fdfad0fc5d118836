using System.CommandLine;
using System.Globalization;
using SocialCapital.Cli.Output;
using SocialCapital.Metrics;

namespace SocialCapital.Cli.Commands;

/// <summary><c>socialcapital communities DIR [--resolution R] [--seed S] [--summary]</c>: every person's Leiden
/// community and community span, or with <c>--summary</c> one row per area (share of ties crossing communities); the
/// overall figures (communities, modularity, sizes) on standard error (docs/measures.md#communities).</summary>
internal static class CommunitiesCommand
{
    public static readonly IReadOnlyList<Column<PersonCommunity>> Columns =
    [
        Column.Of<PersonCommunity>(p => p.Id),
        Column.Of<PersonCommunity>(p => p.Community),
        Column.Of<PersonCommunity>(p => p.Span),
    ];

    public static readonly IReadOnlyList<Column<AreaCommunities>> AreaColumns =
    [
        Column.Of<AreaCommunities>(a => a.Area),
        Column.Of<AreaCommunities>(a => a.People),
        Column.Of<AreaCommunities>(a => a.Ties),
        Column.Of<AreaCommunities>(a => a.CrossingShare),
        Column.Of<AreaCommunities>(a => a.Communities),
        Column.Of<AreaCommunities>(a => a.LargestCommunityShare),
        Column.Of<AreaCommunities>(a => a.Suppressed),
    ];

    public static Command Create()
    {
        var resolution = new Option<double>("--resolution")
        {
            Description = "The resolution of modularity: above 1 gives more, smaller communities, below 1 fewer, larger ones (default 1).",
            DefaultValueFactory = _ => CommunitiesOptions.Default.Resolution,
            HelpName = "R",
        };
        var seed = new Option<int>("--seed") { Description = "The seed of the random orders: the same seed gives the same communities (default 0).", HelpName = "S" };
        var iterations = new Option<int>("--iterations")
        {
            Description = $"The most Leiden iterations, each from the last partition; fewer when one moves no node (default {CommunitiesOptions.DefaultMaxIterations}).",
            DefaultValueFactory = _ => CommunitiesOptions.DefaultMaxIterations,
            HelpName = "N",
        };
        var summary = new Option<bool>("--summary")
        {
            Description = "One row per area instead of per person: ties with an end in the area, the share of them crossing "
                + "communities, the communities its residents belong to and the share in the largest; areas under --min-cell-size residents suppressed.",
        };
        var minCellSize = new SettingOptions().MinCellSize;
        var common = new CommonOptions();
        var command = new Command("communities",
            "Communities of people by the Leiden algorithm (Traag, Waltman & van Eck 2019) maximising modularity with a resolution "
            + "on the person-person contacts, unweighted; deterministic for a seed. One row per person, ordered by id: the "
            + "community (0 the largest) and the span (distinct communities among the person's contacts). The number of "
            + "communities, the modularity and the size distribution go to standard error. Definitions: docs/measures.md#communities.");
        common.AddTo(command);
        command.Add(resolution);
        command.Add(seed);
        command.Add(iterations);
        command.Add(summary);
        command.Add(minCellSize);
        resolution.Validators.Add(r =>
        {
            // From the token, so a value that does not parse is reported once, by the parser.
            if (r.Tokens is [var token] && double.TryParse(token.Value, CultureInfo.InvariantCulture, out var value) && !(double.IsFinite(value) && value > 0))
                r.AddError($"--resolution must be positive and finite (got {token.Value}).");
        });
        iterations.Validators.Add(r =>
        {
            if (r.Tokens is [var token] && int.TryParse(token.Value, CultureInfo.InvariantCulture, out var value) && value < 1)
                r.AddError($"--iterations must be at least 1 (got {value}).");
        });
        CommandRunner.SetAction(command, (parse, console, token) =>
        {
            var graph = common.LoadGraph(parse, console);
            var options = new CommunitiesOptions
            {
                Resolution = parse.GetValue(resolution),
                Seed = parse.GetValue(seed),
                MaxIterations = parse.GetValue(iterations),
                Progress = console.Progress("communities"),
                CancellationToken = token,
            };
            console.Status(string.Create(CultureInfo.InvariantCulture,
                $"finding communities of {graph.PersonCount:N0} people (resolution {options.Resolution}, seed {options.Seed})"));
            var result = Communities.Detect(graph, options);
            console.Error.WriteLine(Summary(result));
            if (parse.GetValue(summary)) Printer.Print(result.ByArea(parse.GetValue(minCellSize)), AreaColumns, parse, common);
            else Printer.Print(result.People, Columns, parse, common);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>One line: how many communities, the modularity, and the sizes (largest, median, smallest, alone).</summary>
    internal static string Summary(CommunitiesResult result)
    {
        var sizes = result.Sizes;
        if (sizes.Count == 0) return "0 communities: no people";
        var alone = 0;
        foreach (var s in sizes) if (s == 1) alone++;
        return string.Create(CultureInfo.InvariantCulture,
            $"{sizes.Count:N0} communities, modularity {result.Modularity:0.######} (resolution {result.Resolution}, seed {result.Seed}, "
            + $"{result.Iterations} iterations); sizes: largest {sizes[0]:N0}, median {sizes[sizes.Count / 2]:N0}, smallest {sizes[^1]:N0}; "
            + $"{alone:N0} of one");
    }
}
