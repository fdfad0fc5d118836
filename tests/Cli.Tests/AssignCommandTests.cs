using SocialCapital.Cli.Tests.Infrastructure;

namespace SocialCapital.Cli.Tests;

/// <summary><c>assign</c> through the CLI process.</summary>
public sealed class AssignCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Assign_City_WritesPairsAndSummarisesOnStandardError()
    {
        var unassigned = _temp.File("unassigned.csv");
        var run = CliProcess.Run("assign", Repo.Sample("city-10k"), "--format", "csv", "--unassigned", unassigned);
        Assert.True(run.ExitCode == 0, run.ToString());
        var table = CsvTable.Parse(run.StdOut);
        Assert.Equal(["citizen", "mentor", "score"], table.Header);
        Assert.True(table.Rows.Count > 50);
        Assert.Equal(table.Rows.Count, table.Rows.Select(r => table.Cell(r, "citizen")).Distinct().Count());
        Assert.Matches(@"assigned \d+ of [\d,]+ citizens \(\d+ pairs\), total score [\d.]+, [\d,]+ unassigned", run.StdErr);
        var left = CsvTable.Load(unassigned);
        Assert.Equal(["citizen", "reason"], left.Header);
        Assert.All(left.Rows, r => Assert.NotEmpty(left.Cell(r, "reason")));
    }

    [Fact]
    public void Assign_ScoreOfAPair_EqualsItsMatchScore()
    {
        var cohort = _temp.WriteFile("cohort.txt", "id\np00007\n");
        var assign = CsvTable.Parse(CliProcess.Run("assign", Repo.Sample("city-10k"), "--citizens", cohort, "--format", "csv").StdOut);
        var row = Assert.Single(assign.Rows);
        var match = CsvTable.Parse(CliProcess.Run("match", Repo.Sample("city-10k"), "--citizen", "p00007", "--top", "0", "--format", "csv").StdOut);
        var same = match.Rows.Single(r => match.Cell(r, "mentor") == assign.Cell(row, "mentor"));
        Assert.Equal(match.Cell(same, "score"), assign.Cell(row, "score"));
    }

    [Fact]
    public void Assign_BadCohortFile_ListsEveryBadLine()
    {
        var cohort = _temp.WriteFile("cohort.txt", "id\np00007\nnobody\ne01\n");
        var run = CliProcess.Run("assign", Repo.Sample("city-10k"), "--citizens", cohort);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("cohort.txt line 3: no node has id 'nobody'", run.StdErr, StringComparison.Ordinal);
        Assert.Contains("cohort.txt line 4: 'e01' is an employer, not a citizen", run.StdErr, StringComparison.Ordinal);
        Assert.Empty(run.StdOut);
        Assert.Equal(1, CliProcess.Run("assign", Repo.Sample("city-10k"), "--max-per-citizen", "0").ExitCode);
    }
}
