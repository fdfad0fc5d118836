using System.CommandLine;
using System.Globalization;
using SocialCapital.Cli.Output;
using SocialCapital.Recommendations;

namespace SocialCapital.Cli.Commands;

/// <summary><c>socialcapital assign DIR</c>: exactly optimal cohort assignment of citizens to mentors.</summary>
internal static class AssignCommand
{
    public static readonly IReadOnlyList<Column<AssignedPair>> Columns =
    [
        Column.Of<AssignedPair>(p => p.Citizen),
        Column.Of<AssignedPair>(p => p.Mentor),
        Column.Of<AssignedPair>(p => p.Score),
    ];

    private static readonly IReadOnlyList<Column<UnassignedCitizen>> UnassignedColumns =
    [
        Column.Of<UnassignedCitizen>(u => u.Citizen),
        Column.Of<UnassignedCitizen>(u => u.Reason),
    ];

    public static Command Create()
    {
        var citizens = new Option<FileInfo?>("--citizens") { Description = "The cohort: one citizen id per line (a first line 'id' is a header). Default: every citizen without a current mentor." };
        var maxPer = new Option<int>("--max-per-citizen") { Description = "Most mentors one citizen may get.", DefaultValueFactory = _ => 1 };
        var anyArea = new Option<bool>("--any-area") { Description = "Allow mentors from other areas (default: same area only)." };
        var need = new Option<bool>("--need") { Description = "Weight citizens by need: those with the fewest bridging ties win contested places." };
        var unassigned = new Option<FileInfo?>("--unassigned") { Description = "Write every unassigned citizen with the reason (CSV: citizen,reason) to this file." };
        EngineRules.Check(maxPer, nameof(CohortOptions.MaxPerCitizen), v => new CohortOptions { MaxPerCitizen = v }.Validate());
        return ReportCommand.Create("assign",
            "Assign a cohort of citizens to mentors, exactly optimally: first as many pairs as possible, then the highest "
            + "total match score, within each mentor's free places and under the hard rules of 'match' (min-cost max-flow). "
            + "Pairs go to standard output (citizen,mentor,score); totals and unassigned citizens with reasons to standard error.",
            Columns,
            (graph, parse, console, token) =>
            {
                var cohort = parse.GetValue(citizens) is { } file ? ReadCohort(file, graph) : null;
                console.Status($"assigning {(cohort is null ? "every citizen without a mentor" : $"{cohort.Count:N0} citizens")}");
                var result = CohortAssignment.Assign(graph, new CohortOptions
                {
                    Citizens = cohort,
                    MaxPerCitizen = parse.GetValue(maxPer),
                    Match = new MatchOptions { AnyArea = parse.GetValue(anyArea) },
                    Need = parse.GetValue(need) ? NeedWeighting.FewestBridgingTies : NeedWeighting.None,
                    CancellationToken = token,
                });
                console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"assigned {result.AssignedCitizens:N0} of {result.Citizens:N0} citizens ({result.Pairs.Count:N0} pairs), total score {result.TotalScore:F4}, {result.Unassigned.Count:N0} unassigned"));
                foreach (var u in result.Unassigned.Take(10)) console.Error.WriteLine($"  unassigned {u.Citizen}: {u.Reason}");
                if (result.Unassigned.Count > 10) console.Error.WriteLine($"  … {result.Unassigned.Count - 10:N0} more (--unassigned FILE lists them all)");
                if (parse.GetValue(unassigned) is { } list) RowWriter.WriteFile(result.Unassigned, UnassignedColumns, RowFormat.Csv, list.FullName);
                return result.Pairs;
            },
            citizens, maxPer, anyArea, need, unassigned);
    }

    /// <summary>One id per line; blank lines skipped; a first line "id" or "citizen" is a header (so a one-column CSV
    /// with header <c>citizen</c> reads too). Every line naming an unknown id or a non-citizen is reported, with its
    /// line number.</summary>
    internal static List<string> ReadCohort(FileInfo file, Graph.SocialGraph graph)
    {
        if (!file.Exists) throw new FileNotFoundException($"Cohort file '{file.FullName}' does not exist.", file.FullName);
        var ids = new List<string>();
        var problems = new List<string>();
        var line = 0;
        foreach (var raw in File.ReadLines(file.FullName))
        {
            line++;
            var id = raw.Trim();
            if (id.Length == 0 || (line == 1 && id is "id" or "citizen")) continue;
            if (NodeOption.Problem(graph, id, "a citizen", k => k == Model.NodeKind.Citizen) is { } problem) problems.Add($"{file.Name} line {line}: {problem}");
            else ids.Add(id);
        }
        if (problems.Count > 0)
            throw new InvalidInputException($"--citizens: {problems.Count} line{(problems.Count == 1 ? "" : "s")} cannot be assigned:\n  " + string.Join("\n  ", problems.Take(100)));
        return ids;
    }
}
