using System.CommandLine;
using System.Globalization;
using SocialCapital.Cli.Output;
using SocialCapital.Metrics;

namespace SocialCapital.Cli.Commands;

/// <summary><c>socialcapital betweenness DIR [--sample K] [--seed S] [--exact]</c>: every person's betweenness, exact up to
/// 100,000 people and estimated from pivots above (docs/measures.md#betweenness).</summary>
internal static class BetweennessCommand
{
    public static readonly IReadOnlyList<Column<PersonBetweenness>> Columns =
    [
        Column.Of<PersonBetweenness>(p => p.Id),
        Column.Of<PersonBetweenness>(p => p.Betweenness),
    ];

    public static Command Create()
    {
        var sample = new Option<int?>("--sample")
        {
            Description = $"Estimate from K source pivots (at least 2; K at or above the number of people is exact). "
                + $"Default: exact up to {BetweennessOptions.DefaultExactLimit:N0} people, {BetweennessOptions.DefaultPivots:N0} pivots above.",
            HelpName = "K",
        };
        var seed = new Option<int>("--seed") { Description = "The seed that chooses the pivots (default 0).", HelpName = "S" };
        var exact = new Option<bool>("--exact") { Description = "Exact whatever the number of people (O(n·m): hours past a few hundred thousand)." };
        var command = ReportCommand.Create("betweenness",
            "Betweenness centrality of every person on the person–person contacts (Freeman 1977; Brandes 2001), unweighted, "
            + "normalised as networkx's default (divided by (n-1)(n-2)/2). Exact up to "
            + $"{BetweennessOptions.DefaultExactLimit:N0} people; above, or with --sample, an estimate from pivots, each value within "
            + "sqrt(ln(2/d)/(2(K-1))) of the exact one with probability 1-d (docs/measures.md#betweenness).",
            Columns,
            (graph, parse, console, token) =>
            {
                var options = new BetweennessOptions
                {
                    Pivots = parse.GetValue(sample),
                    ExactLimit = parse.GetValue(exact) ? int.MaxValue : BetweennessOptions.DefaultExactLimit,
                    Seed = parse.GetValue(seed),
                    Progress = console.Progress("betweenness"),
                    CancellationToken = token,
                };
                var k = options.Pivots ?? (graph.PersonCount <= options.ExactLimit ? graph.PersonCount : BetweennessOptions.DefaultPivots);
                console.Status(k >= graph.PersonCount
                    ? $"exact betweenness of {graph.PersonCount:N0} people"
                    : $"estimating betweenness of {graph.PersonCount:N0} people from {k:N0} pivots (seed {options.Seed})");
                var result = Betweenness.Compute(graph, options);
                if (!result.IsExact)
                    console.Status(string.Create(CultureInfo.InvariantCulture,
                        $"each value is within ±{result.ErrorBound(0.05):0.####} of the exact one with probability 0.95 (Hoeffding)"));
                return result.People;
            },
            sample, seed, exact);
        sample.Validators.Add(r =>
        {
            // From the token, so a value that does not parse is reported once, by the parser (converting here would throw).
            if (r.Tokens is [var token] && int.TryParse(token.Value, CultureInfo.InvariantCulture, out var k) && k < 2)
                r.AddError($"--sample must be at least 2 (got {k}).");
        });
        // By presence, not value, so a value that does not parse is reported once, by the parser.
        command.Validators.Add(r =>
        {
            if (r.GetResult(sample) is not null && r.GetResult(exact) is not null) r.AddError("--sample and --exact cannot be used together.");
        });
        return command;
    }
}
