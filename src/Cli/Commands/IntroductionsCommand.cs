using System.CommandLine;
using SocialCapital.Cli.Output;
using SocialCapital.Model;
using SocialCapital.Recommendations;

namespace SocialCapital.Cli.Commands;

/// <summary><c>socialcapital introductions DIR (--citizen ID | --employer ID)</c>: warm paths to employers.</summary>
internal static class IntroductionsCommand
{
    public static readonly IReadOnlyList<Column<Introduction>> Columns =
    [
        Column.Of<Introduction>(i => i.Citizen),
        Column.Of<Introduction>(i => i.Employer),
        Column.Of<Introduction>(i => i.Rank),
        Column.Of<Introduction>(i => i.Sector),
        Column.Of<Introduction>(i => i.Vacancies),
        Column.Of<Introduction>(i => i.Hops),
        Column.Of<Introduction>(i => i.Strength),
        Column.Of((Introduction i) => i.Path, p => string.Join(" > ", p)),
        Column.Of((Introduction i) => i.Reasons, r => string.Join("; ", r)),
    ];

    public static Command Create()
    {
        var citizen = new Option<string?>("--citizen") { Description = "Employers with vacancies in this citizen's goal sectors, with who can introduce them." };
        var employer = new Option<string?>("--employer") { Description = "Citizens whose goals fit this employer's sector, with who can introduce them." };
        var maxHops = new Option<int>("--max-hops") { Description = "The longest chain of contacts searched (1 to 6).", DefaultValueFactory = _ => Introductions.DefaultMaxHops };
        EngineRules.Check(maxHops, "maxHops", Introductions.Validate);
        var command = ReportCommand.Create("introductions",
            "Who can introduce you? Warm paths through contacts between citizens and employers with vacancies in their goal "
            + "sectors: fewest hops, then the strongest weakest tie (docs/recommendations.md).",
            Columns,
            (graph, parse, _, _) =>
            {
                if (parse.GetValue(citizen) is { } c)
                {
                    MatchCommand.RequireCitizen(graph, c, "--citizen");
                    return Introductions.ForCitizen(graph, c, parse.GetValue(maxHops));
                }
                var e = parse.GetValue(employer)!;
                NodeOption.Require(graph, e, "--employer", "an employer", k => k == NodeKind.Employer);
                return Introductions.ForEmployer(graph, e, parse.GetValue(maxHops));
            },
            citizen, employer, maxHops);
        command.Validators.Add(r =>
        {
            if ((r.GetResult(citizen) is null) == (r.GetResult(employer) is null)) r.AddError("Give exactly one of --citizen ID or --employer ID.");
        });
        return command;
    }
}
