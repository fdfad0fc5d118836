using System.Text.Json;
using SocialCapital.Cli.Tests.Infrastructure;

namespace SocialCapital.Cli.Tests;

/// <summary><c>assign-coaches</c> through the CLI process, on a small hand-built dataset with hubs, specialisms,
/// languages, capacities, coaching ties and contacts.</summary>
public sealed class AssignCoachesCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _data;

    public AssignCoachesCommandTests()
    {
        // c1 needs ips and speaks pl (only k1); c2 needs health (k2); c3 met k2 before; c4 needs health, but hub h2's
        // only coach covers ips; c5 is k1's (since 2026-01-01) and met k2; c6 has no hub (area A decides).
        _data = _temp.WriteDataset("hubs",
            [
                "id,kind,area,hub,specialisms,languages,goals,capacity",
                "k1,coach,A,h1,ips,en;pl,,3",
                "k2,coach,A,h1,health,en,,3",
                "k3,coach,B,h2,ips,en,,5",
                "c1,citizen,A,h1,,pl,ips;gardening,",
                "c2,citizen,A,h1,,,health,",
                "c3,citizen,A,h1,,,,",
                "c4,citizen,B,h2,,,health,",
                "c5,citizen,A,h1,,,,",
                "c6,citizen,A,,,,,",
            ],
            ["source,target,kind,since,until", "k1,c5,coaching,2026-01-01,"]);
        File.WriteAllText(Path.Combine(_data, "contacts.csv"),
            "coach,citizen,date,channel\nk2,c3,2026-03-02,in_person\nk2,c5,2026-05-01,phone\nk1,c5,2026-06-01,video\n");
    }

    public void Dispose() => _temp.Dispose();

    private CliResult Run(params string[] args) => CliProcess.Run(["assign-coaches", _data, "--as-of", "2026-12-03", .. args]);

    [Fact]
    public void AssignCoaches_HandBuiltData_PrintsEveryCitizenWithReasonsAndTheTotals()
    {
        var run = Run("--format", "csv");
        Assert.True(run.ExitCode == 0, run.ToString());
        var table = CsvTable.Parse(run.StdOut);
        Assert.Equal(["citizen", "coach", "continuity", "balance", "reasons"], table.Header);
        var rows = table.By("citizen");
        Assert.Equal(["c1", "c2", "c3", "c4", "c6"], rows.Keys.Order(StringComparer.Ordinal)); // c5 has a coach
        Assert.Equal("k1", table.Cell(rows["c1"], "coach"));
        Assert.Contains("same hub h1; shares language pl; covers need ips; 2 of 3 places free", table.Cell(rows["c1"], "reasons"), StringComparison.Ordinal);
        Assert.Equal("k2", table.Cell(rows["c2"], "coach"));
        Assert.Contains("covers need health", table.Cell(rows["c2"], "reasons"), StringComparison.Ordinal);
        Assert.Equal(("k2", "true"), (table.Cell(rows["c3"], "coach"), table.Cell(rows["c3"], "continuity")));
        Assert.StartsWith("met before on 2026-03-02", table.Cell(rows["c3"], "reasons"), StringComparison.Ordinal);
        Assert.Equal("", table.Cell(rows["c4"], "coach"));
        Assert.Equal("no eligible coach: 2 coaches not of hub h2 (allow any hub to include them); 1 coach covering none of the citizen's needs (health)",
            table.Cell(rows["c4"], "reasons"));
        Assert.Contains("same area A (the citizen has no hub)", table.Cell(rows["c6"], "reasons"), StringComparison.Ordinal);
        Assert.Contains("coach assignment on 2026-12-03: assigned 4 of 5 citizens, 1 to a coach they know, 1 unassigned, balance ", run.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void AssignCoaches_AnyHub_LiftsTheHubRule()
    {
        var table = CsvTable.Parse(Run("--any-hub", "--format", "csv").StdOut);
        var c4 = table.By("citizen")["c4"];
        Assert.Equal("k2", table.Cell(c4, "coach")); // the only health coach, of hub h1
        Assert.Contains("hub h1, any hub allowed", table.Cell(c4, "reasons"), StringComparison.Ordinal);
    }

    [Fact]
    public void AssignCoaches_Handover_ReassignsTheLeavingCoachsCaseloadMetCoachFirst()
    {
        var run = Run("--handover", "k1", "--leaving", "2026-12-10", "--format", "json");
        Assert.True(run.ExitCode == 0, run.ToString());
        var row = Assert.Single(JsonDocument.Parse(run.StdOut).RootElement.EnumerateArray());
        Assert.Equal("c5", row.GetProperty("citizen").GetString());
        Assert.Equal("k2", row.GetProperty("coach").GetString());
        Assert.True(row.GetProperty("continuity").GetBoolean());
        Assert.StartsWith("met before on 2026-05-01; same hub h1", row.GetProperty("reasons").GetString(), StringComparison.Ordinal);
        Assert.Contains("handover of k1 on 2026-12-10: assigned 1 of 1 citizens, 1 to a coach they know, 0 unassigned", run.StdErr, StringComparison.Ordinal);
        // --leaving defaults to the analysis date.
        Assert.Contains("handover of k1 on 2026-12-03", Run("--handover", "k1").StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void AssignCoaches_Cohort_ReportsAListedCitizenWhoHasACoach()
    {
        var cohort = _temp.WriteFile("cohort.txt", "citizen\nc5\nc6\n");
        var table = CsvTable.Parse(Run("--citizens", cohort, "--format", "csv").StdOut);
        var rows = table.By("citizen");
        Assert.Equal(2, rows.Count);
        Assert.Equal("", table.Cell(rows["c5"], "coach"));
        Assert.StartsWith("already has a coach: k1 since 2026-01-01", table.Cell(rows["c5"], "reasons"), StringComparison.Ordinal);
        Assert.NotEqual("", table.Cell(rows["c6"], "coach"));
    }

    [Fact]
    public void AssignCoaches_BadCohortFile_ListsEveryBadLine()
    {
        var cohort = _temp.WriteFile("cohort.txt", "id\nc1\nnobody\nk1\n");
        var run = Run("--citizens", cohort);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("cohort.txt line 3: no node has id 'nobody'", run.StdErr, StringComparison.Ordinal);
        Assert.Contains("cohort.txt line 4: 'k1' is a coach, not a citizen", run.StdErr, StringComparison.Ordinal);
        Assert.Empty(run.StdOut);
    }

    [Theory]
    [InlineData(2, "--handover: no node has id 'nobody'.", "--handover", "nobody")]
    [InlineData(2, "--handover: 'c1' is a citizen, not a coach.", "--handover", "c1")]
    [InlineData(1, "--leaving: '2026-13-01' is not an ISO date (expected yyyy-MM-dd).", "--handover", "k1", "--leaving", "2026-13-01")]
    [InlineData(1, "--leaving needs --handover", "--leaving", "2026-12-10")]
    [InlineData(1, "--citizens and --handover cannot be combined", "--handover", "k1", "--citizens", "x.txt")]
    [InlineData(1, "--balance-steps must be at least 1.", "--balance-steps", "0")]
    public void AssignCoaches_BadArguments_SayWhatAndWhere(int exitCode, string message, params string[] args)
    {
        var run = Run(args);
        Assert.True(run.ExitCode == exitCode, run.ToString());
        Assert.Contains(message, run.StdErr, StringComparison.Ordinal);
        if (exitCode == 2) Assert.Empty(run.StdOut); // a usage error (1) prints the command's help on standard output
    }
}
