using System.Text.Json;
using SocialCapital.Cli.Tests.Infrastructure;

namespace SocialCapital.Cli.Tests;

/// <summary><c>caseload</c> through the CLI process on a small service in a temporary folder, as of 2026-12-01: coach k1
/// (A, H1, capacity 1, health) coaches c1 (since 03-01, met 10-01 and 11-20, out of work all year) and c2 (since 10-01,
/// never met); coach k2 (capacity 3) coaches c3 (start unknown, met 06-01, no employment history).</summary>
public sealed class CaseloadCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Service()
    {
        Directory.CreateDirectory(_temp.File("service"));
        _temp.WriteFile("service/nodes.csv",
            "id,kind,area,employment,age_band,goals,capacity,hub,specialisms\n"
            + "k1,coach,A,employed,,,1,H1,health\nk2,coach,A,employed,,,3,H1,\n"
            + "c1,citizen,A,unemployed,25-34,health,,H1,\nc2,citizen,A,employed,16-24,,,H1,\nc3,citizen,A,unemployed,50-64,,,H1,\n");
        _temp.WriteFile("service/ties.csv",
            "source,target,kind,strength,since,until\nk1,c1,coaching,1,2026-03-01,\nk1,c2,coaching,1,2026-10-01,\nk2,c3,coaching,1,,\n");
        _temp.WriteFile("service/contacts.csv",
            "coach,citizen,date,channel\nk1,c1,2026-11-20,in_person\nk1,c1,2026-10-01,phone\nk2,c3,2026-06-01,video\n");
        _temp.WriteFile("service/status_history.csv", "person,date,employment\nc1,2026-01-01,unemployed\n");
        return _temp.File("service");
    }

    [Fact]
    public void Caseload_Service_OneRowPerCoachAreaAndHub()
    {
        var run = CliProcess.Run("caseload", Service(), "--as-of", "2026-12-01", "--min-cell-size", "0", "--format", "csv");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Descriptive, not causal", run.StdErr, StringComparison.Ordinal);
        var table = CsvTable.Parse(run.StdOut);
        Assert.Equal(["coach k1", "coach k2", "area A", "hub H1"], table.Rows.Select(r => table.Cell(r, "level") + " " + table.Cell(r, "name")));
        string Cells(int row, params string[] columns) => string.Join(",", columns.Select(c => table.Cell(table.Rows[row], c)));
        Assert.Equal("H1,A,2,1,true,1,in_work:1;out_of_work:1,16-24:1;25-34:1,health:1;(none):1",
            Cells(0, "hub", "area", "active_caseload", "capacity", "over_capacity", "not_met", "work_status_mix", "age_band_mix", "need_mix"));
        Assert.Equal("1,3,false,1", Cells(1, "active_caseload", "capacity", "over_capacity", "not_met"));
        Assert.Equal("", Cells(0, "citizens")); // a coach row has no group figures
        // Area A: 3 citizens all coached; stable 1 of the 2 with a known start; median of 11 and 183 days; c2 never met;
        // caseloads 2 and 1: Gini 1/6, max/median 2/1.5; c1 kept k1 and is still out of work; c3 has no history.
        Assert.Equal("3,3,0.5,1,97,1,2,0.16666666666666666,1.3333333333333333,1,1,0,0,0,0,,1,false",
            Cells(2, "citizens", "coached_citizens", "stable_coach_share", "unknown_since", "median_days_since_contact", "never_met", "coaches",
                "caseload_gini", "caseload_max_to_median", "coaches_over_capacity", "kept_coach_citizens", "kept_coach_in_work",
                "kept_coach_in_work_share", "changed_coach_citizens", "changed_coach_in_work", "changed_coach_in_work_share",
                "outcome_without_history", "suppressed"));
        Assert.Equal(Cells(2, "citizens", "stable_coach_share", "caseload_gini"), Cells(3, "citizens", "stable_coach_share", "caseload_gini"));
    }

    [Fact]
    public void Caseload_DefaultMinCellSize_SuppressesSmallCellsOfCitizens()
    {
        var run = CliProcess.Run("caseload", Service(), "--as-of", "2026-12-01", "--format", "csv");
        Assert.True(run.ExitCode == 0, run.ToString());
        var table = CsvTable.Parse(run.StdOut);
        var area = table.Rows.Single(r => table.Cell(r, "level") == "area");
        table.AssertSuppressed(area, "citizens", "coached_citizens", "median_days_since_contact");
        Assert.Equal("2", table.Cell(area, "coaches")); // counts of coaches are not cells of citizens
    }

    [Fact]
    public void Caseload_Coach_OneRowPerCitizenAndASummary()
    {
        var run = CliProcess.Run("caseload", Service(), "--coach", "k1", "--as-of", "2026-12-01", "--format", "csv");
        Assert.True(run.ExitCode == 0, run.ToString());
        var table = CsvTable.Parse(run.StdOut);
        Assert.Equal(["citizen", "coach", "since", "months_with_coach", "distinct_coaches", "last_contact", "days_since_contact", "recent_contacts", "not_met"],
            table.Header);
        Assert.Equal(["c1,k1,2026-03-01,9,1,2026-11-20,11,2,false", "c2,k1,2026-10-01,2,1,,,0,true"],
            table.Rows.Select(r => string.Join(",", r)));
        Assert.Contains("coach k1: 2 citizens, capacity 1 (over capacity), 1 not met for more than 30 days", run.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Caseload_CoachWithOptionsAsJson_UsesTheWindows()
    {
        var output = _temp.File("k2.json");
        var run = CliProcess.Run("caseload", Service(), "--coach", "k2", "--as-of", "2026-12-01", "--not-met-days", "200",
            "--contact-window-days", "200", "--out", output);
        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(File.ReadAllText(output));
        var c3 = Assert.Single(json.RootElement.EnumerateArray().ToArray());
        Assert.Equal("c3", c3.GetProperty("citizen").GetString());
        Assert.Equal(JsonValueKind.Null, c3.GetProperty("since").ValueKind); // the spell's start is unknown
        Assert.Equal(JsonValueKind.Null, c3.GetProperty("monthsWithCoach").ValueKind);
        Assert.Equal(183, c3.GetProperty("daysSinceContact").GetInt32());
        Assert.Equal(1, c3.GetProperty("recentContacts").GetInt32());
        Assert.False(c3.GetProperty("notMet").GetBoolean());
    }

    [Theory]
    [InlineData("zz", "--coach: no node has id 'zz'.")]
    [InlineData("c1", "--coach: 'c1' is a citizen, not a coach.")]
    public void Caseload_BadCoach_ExitCode2NamingIt(string id, string message)
    {
        var run = CliProcess.Run("caseload", Service(), "--coach", id, "--as-of", "2026-12-01");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.StdErr, StringComparison.Ordinal);
        Assert.Equal("", run.StdOut);
    }

    [Theory]
    [InlineData("--not-met-days", "-1", "--not-met-days must be from 0 to 36500 days.")]
    [InlineData("--stable-months", "0", "--stable-months must be from 1 to 1200 months.")]
    [InlineData("--min-cell-size", "-2", "--min-cell-size must be 0 (no suppression) or more.")]
    [InlineData("--hub", "", "--hub must not be empty.")]
    public void Caseload_BadOption_UsageErrorNamingIt(string option, string value, string message)
    {
        var run = CliProcess.Run("caseload", Service(), option, value);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Caseload_BadContactsFile_ExitCode2NamingFileAndLine()
    {
        var folder = Service();
        _temp.WriteFile("service/contacts.csv", "coach,citizen,date,channel\nk1,c1,2026-13-01,phone\n");
        var run = CliProcess.Run("caseload", folder);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("contacts.csv", run.StdErr, StringComparison.Ordinal);
        Assert.Contains("not an ISO date", run.StdErr, StringComparison.Ordinal);
    }
}
