using System.CommandLine;
using System.Globalization;
using SocialCapital.Cli.Output;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Model;
using SocialCapital.Recommendations;

namespace SocialCapital.Cli.Commands;

/// <summary><c>socialcapital assign-coaches DIR</c>: exactly optimal coach assignment of citizens without a coach (or a
/// cohort), or the handover of a leaving coach's caseload — a preview, nothing is written.</summary>
internal static class AssignCoachesCommand
{
    /// <summary>One citizen of the result: their new coach with the pair's score parts, or no coach; and why, in words
    /// separated by <c>"; "</c>.</summary>
    internal readonly record struct Row(string Citizen, string? Coach, bool? Continuity, double? Balance, string Reasons);

    public static readonly IReadOnlyList<Column<Row>> Columns =
    [
        Column.Of<Row>(r => r.Citizen),
        Column.Of<Row>(r => r.Coach),
        Column.Of<Row>(r => r.Continuity),
        Column.Of<Row>(r => r.Balance),
        Column.Of<Row>(r => r.Reasons),
    ];

    public static Command Create()
    {
        var common = new CommonOptions();
        var citizens = new Option<FileInfo?>("--citizens")
        {
            Description = "The cohort: one citizen id per line (a first line 'id' or 'citizen' is a header). A listed citizen who "
                + "already has a coach is reported, not reassigned. Default: every citizen without a current coach.",
        };
        var handover = new Option<string?>("--handover")
        {
            Description = "Hand over the caseload of this coach, who leaves on --leaving: their citizens go to the other coaches "
                + "(a coach the citizen has coached or met first, within the citizen's hub).",
        };
        var leaving = new Option<string?>("--leaving")
        {
            Description = "With --handover: the first day the coach no longer works (yyyy-MM-dd). Default: the analysis date (--as-of).",
        };
        var anyHub = new Option<bool>("--any-hub")
        {
            Description = "Allow coaches of any hub and area (default: a coach of the citizen's hub, or of their area when they have no hub).",
        };
        var balanceSteps = new Option<int>("--balance-steps")
        {
            Description = "In how many steps a coach's free places fall in value as the coach fills up (1 = all alike; more spreads the load more evenly).",
            DefaultValueFactory = _ => CoachAssignmentOptions.Default.BalanceSteps,
        };
        EngineRules.Check(balanceSteps, nameof(CoachAssignmentOptions.BalanceSteps), v => new CoachAssignmentOptions { BalanceSteps = v }.Validate());
        leaving.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string?>();
            if (text is not null && Date(text) is null) result.AddError($"--leaving: '{text}' is not an ISO date (expected yyyy-MM-dd).");
        });

        var command = new Command("assign-coaches",
            "Assign citizens to coaches, exactly optimally (min-cost max-flow): first as many citizens as possible, then as many as "
            + "possible to a coach who has coached or met them before (coaching ties and contacts.csv up to the day), then the "
            + "most even load. Hard rules: each coach's free places (capacity - active caseload), a coach of the citizen's hub "
            + "(of their area without a hub) unless --any-hub, a shared language when the citizen states any, and at least one of "
            + "the citizen's needs covered (goals naming a coach specialism). With --handover COACH, the leaving coach's caseload "
            + "is reassigned instead. A preview: nothing is written. One row per citizen (citizen,coach,continuity,balance,reasons; "
            + "no coach = unassigned, the reasons say why); the totals go to standard error (docs/recommendations.md#coach-assignment).");
        common.AddTo(command);
        command.Add(citizens);
        command.Add(handover);
        command.Add(leaving);
        command.Add(anyHub);
        command.Add(balanceSteps);
        command.Validators.Add(r =>
        {
            if (r.GetValue(handover) is null && r.GetValue(leaving) is not null) r.AddError("--leaving needs --handover (the coach who leaves).");
            if (r.GetValue(handover) is not null && r.GetValue(citizens) is not null)
                r.AddError("--citizens and --handover cannot be combined: a handover reassigns the leaving coach's whole caseload.");
        });
        CommandRunner.SetAction(command, (parse, console, token) =>
        {
            var (dataset, graph, history, day) = common.ReadCoaching(parse, console);
            var options = new CoachAssignmentOptions
            {
                Citizens = parse.GetValue(citizens) is { } file ? AssignCommand.ReadCohort(file, graph) : null,
                AnyHub = parse.GetValue(anyHub),
                BalanceSteps = parse.GetValue(balanceSteps),
                CancellationToken = token,
            };
            CoachAssignmentResult result;
            if (parse.GetValue(handover) is { } coach)
            {
                NodeOption.Require(graph, coach, "--handover", "a coach", k => k == NodeKind.Coach);
                var leavingDay = Date(parse.GetValue(leaving)) ?? day;
                console.Status($"handing over the caseload of {coach}, who leaves on {Iso(leavingDay)}");
                result = CoachAssignment.Handover(graph, history, coach, leavingDay, options);
            }
            else
            {
                console.Status($"assigning {(options.Citizens is null ? "every citizen without a coach" : $"{options.Citizens.Count:N0} listed citizens")}");
                result = CoachAssignment.Assign(graph, history, options);
            }
            token.ThrowIfCancellationRequested();
            console.Error.WriteLine(Summary(result));
            Printer.Print(Rows(result), Columns, parse, common);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The totals in one line, e.g. <c>handover of k1 on 2026-03-01: assigned 40 of 50 citizens, 12 to a coach
    /// they know, 10 unassigned, balance 31.2500</c>.</summary>
    internal static string Summary(CoachAssignmentResult r) => string.Create(CultureInfo.InvariantCulture,
        $"{(r.LeavingCoach is { } leaver ? $"handover of {leaver} on {Iso(r.Day)}" : $"coach assignment on {Iso(r.Day)}")}: "
        + $"assigned {r.Pairs.Count:N0} of {r.Citizens:N0} citizens, {r.ContinuityPairs:N0} to a coach they know, "
        + $"{r.Unassigned.Count:N0} unassigned, balance {r.TotalBalance:F4}");

    /// <summary>Every citizen once, in ordinal order of id: the pairs and the unassigned together.</summary>
    internal static IEnumerable<Row> Rows(CoachAssignmentResult result)
    {
        var rows = new List<Row>(result.Pairs.Count + result.Unassigned.Count);
        foreach (var p in result.Pairs) rows.Add(new Row(p.Citizen, p.Coach, p.Continuity, p.Balance, string.Join("; ", p.Reasons)));
        foreach (var u in result.Unassigned) rows.Add(new Row(u.Citizen, null, null, null, u.Reason));
        rows.Sort((a, b) => string.CompareOrdinal(a.Citizen, b.Citizen));
        return rows;
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? Date(string? text) =>
        text is not null && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
