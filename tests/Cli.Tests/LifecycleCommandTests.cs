using SocialCapital.Cli.Tests.Infrastructure;

namespace SocialCapital.Cli.Tests;

/// <summary><c>round</c> and <c>programme</c> through the CLI process, on a small programme in a temporary folder:
/// mentors m1 (2 places, one taken by c1 since 2026-01-10) and m2 (1 place) in area A; citizens c1–c4 out of work.</summary>
public sealed class LifecycleCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Programme()
    {
        var folder = _temp.File("programme");
        Directory.CreateDirectory(folder);
        _temp.WriteFile("programme/nodes.csv",
            "id,kind,area,employment,ses,capacity\n"
            + "m1,mentor,A,employed,0.8,2\nm2,mentor,A,employed,0.3,1\n"
            + "c1,citizen,A,unemployed,0.2,\nc2,citizen,A,unemployed,0.4,\nc3,citizen,A,unemployed,0.6,\nc4,citizen,A,unemployed,0.1,\n"
            + "coach1,coach,A,employed,0.5,\n");
        _temp.WriteFile("programme/ties.csv",
            "source,target,kind,strength,since,until\nm1,c1,mentoring,1,2026-01-10,\nc2,c3,friend,1,,\n");
        return folder;
    }

    [Fact]
    public void Round_Programme_ProposesWithinFreePlacesAndSummarises()
    {
        var folder = Programme();
        var run = CliProcess.Run("round", folder, "--as-of", "2026-12-03", "--proposed-by", "coach1", "--format", "csv");
        Assert.True(run.ExitCode == 0, run.ToString());
        var table = CsvTable.Parse(run.StdOut);
        Assert.Equal(["id", "citizen", "mentor", "proposed", "expires"], table.Header);
        Assert.Equal(2, table.Rows.Count); // m1 has one place left, m2 one; c1 has a mentor
        Assert.Equal(["r20261203-1-1", "r20261203-1-2"], table.Rows.Select(r => table.Cell(r, "id")));
        Assert.All(table.Rows, r => Assert.Equal("2026-12-13", table.Cell(r, "expires")));
        Assert.DoesNotContain(table.Rows, r => table.Cell(r, "citizen") == "c1");
        Assert.Contains("proposed 2 of 3 waiting citizens, 1 left waiting", run.StdErr, StringComparison.Ordinal);
        Assert.Contains("mentor m1: 1 proposal", run.StdErr, StringComparison.Ordinal);
        Assert.Contains("mentor m2: 1 proposal", run.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Round_CitizensFileWithHeaderCitizen_ReportsThoseNotWaiting()
    {
        var folder = Programme();
        var list = _temp.WriteFile("citizens.csv", "citizen\nc1\nc4\n");
        var run = CliProcess.Run("round", folder, "--citizens", list, "--as-of", "2026-12-03", "--format", "csv");
        Assert.True(run.ExitCode == 0, run.ToString());
        var table = CsvTable.Parse(run.StdOut);
        Assert.Equal("c4", table.Cell(Assert.Single(table.Rows), "citizen"));
        Assert.Contains("not waiting c1: has a mentor", run.StdErr, StringComparison.Ordinal);
    }

    /// <summary>The new proposals are written into DIR/proposals.csv and read back by the next round, which then
    /// sees every place taken.</summary>
    [Fact]
    public void Round_Twice_SecondRoundSeesTheFirstRoundsProposals()
    {
        var folder = Programme();
        Assert.Equal(0, CliProcess.Run("round", folder, "--as-of", "2026-12-03").ExitCode);
        var written = CsvTable.Load(Path.Combine(folder, "proposals.csv"));
        Assert.Equal(2, written.Rows.Count);
        var second = CliProcess.Run("round", folder, "--as-of", "2026-12-04", "--format", "csv");
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Empty(CsvTable.Parse(second.StdOut).Rows);
        // On the expiry day the places are free again and the proposals are marked expired.
        var third = CliProcess.Run("round", folder, "--as-of", "2026-12-13", "--format", "csv");
        Assert.Equal(2, CsvTable.Parse(third.StdOut).Rows.Count);
        Assert.Contains("2 earlier proposals expired", third.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Round_BadInput_ClearErrorsWithTheExitCodes()
    {
        var folder = Programme();
        var bad = CliProcess.Run("round", folder, "--citizens", _temp.WriteFile("c.txt", "c4\nnobody\nm1\n"));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("c.txt line 2: no node has id 'nobody'", bad.StdErr, StringComparison.Ordinal);
        Assert.Contains("c.txt line 3: 'm1' is a mentor, not a citizen", bad.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "proposals.csv")));
        var days = CliProcess.Run("round", folder, "--expires-in-days", "0");
        Assert.Equal(1, days.ExitCode);
        Assert.Contains("--expires-in-days must be at least 1", days.StdErr, StringComparison.Ordinal);
        Assert.Equal(1, CliProcess.Run("round", folder, "--proposed-by", "a coach").ExitCode);
        var notCoach = CliProcess.Run("round", folder, "--proposed-by", "m1");
        Assert.Equal(2, notCoach.ExitCode);
        Assert.Contains("'m1' is a mentor", notCoach.StdErr, StringComparison.Ordinal);
        Assert.Equal(3, CliProcess.Run("round", _temp.File("missing")).ExitCode);
    }

    [Fact]
    public void Programme_Programme_PrintsEveryFigureWithTheCaveat()
    {
        var folder = Programme();
        var run = CliProcess.Run("programme", folder, "--as-of", "2026-12-03", "--from", "2026-01-01", "--min-cell-size", "0", "--format", "csv");
        Assert.True(run.ExitCode == 0, run.ToString());
        var table = CsvTable.Parse(run.StdOut);
        Assert.Equal(["section", "measure", "value"], table.Header);
        string Value(string measure) => table.Cell(table.Rows.Single(r => table.Cell(r, "measure") == measure), "value");
        Assert.Equal("1", Value("started"));
        Assert.Equal("1", Value("active"));
        Assert.Equal("1", Value("bridging_work_status_share")); // m1 in work, c1 out of work
        Assert.Equal("1", Value("bridging_class_share")); // SES 0.8 and 0.2
        // c1 has no employment history: counted apart, never as not in work.
        Assert.Equal("0", Value("mentored_6_months_citizens"));
        Assert.Equal("1", Value("mentored_6_months_without_history"));
        Assert.Equal("2026-01-01", Value("from"));
        Assert.Contains("not causal", Value("caveat"), StringComparison.Ordinal);
        Assert.Contains("not causal", run.StdErr, StringComparison.Ordinal);

        var suppressed = CsvTable.Parse(CliProcess.Run("programme", folder, "--as-of", "2026-12-03", "--format", "csv").StdOut);
        Assert.Equal("", suppressed.Cell(suppressed.Rows.Single(r => suppressed.Cell(r, "measure") == "started"), "value"));
        Assert.Equal("true", suppressed.Cell(suppressed.Rows.Single(r => suppressed.Cell(r, "measure") == "suppressed"), "value"));
    }

    [Fact]
    public void Programme_BadDates_AreUsageErrors()
    {
        var folder = Programme();
        var reversed = CliProcess.Run("programme", folder, "--from", "2026-06-01", "--to", "2026-05-01");
        Assert.Equal(1, reversed.ExitCode);
        Assert.Contains("--from must not be after --to", reversed.StdErr, StringComparison.Ordinal);
        var bad = CliProcess.Run("programme", folder, "--to", "2026-13-01");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("--to: '2026-13-01' is not an ISO date", bad.StdErr, StringComparison.Ordinal);
        Assert.Equal(1, CliProcess.Run("programme", folder, "--min-cell-size", "-1").ExitCode);
    }
}
