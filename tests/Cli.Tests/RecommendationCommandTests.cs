using SocialCapital.Cli.Tests.Infrastructure;

namespace SocialCapital.Cli.Tests;

/// <summary><c>match</c> and <c>what-if</c> through the CLI process.</summary>
public sealed class RecommendationCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string FirstUnemployedCitizen(string area) =>
        File.ReadLines(Path.Combine(Repo.Sample("city-10k"), "nodes.csv"))
            .First(l => l.Contains($",citizen,{area},unemployed,", StringComparison.Ordinal)).Split(',')[0];

    [Fact]
    public void Match_City_ListsExplainedMatchesBestFirst()
    {
        var citizen = FirstUnemployedCitizen("A3");
        var run = CliProcess.Run("match", Repo.Sample("city-10k"), "--citizen", citizen, "--top", "5", "--format", "csv");
        Assert.True(run.ExitCode == 0, run.ToString());
        var table = CsvTable.Parse(run.StdOut);
        Assert.Equal(["citizen", "mentor", "rank", "score", "goal_fit", "bridging", "proximity", "locality", "capacity", "reasons"], table.Header);
        Assert.Equal(5, table.Rows.Count);
        var scores = table.Rows.Select(r => CsvTable.Number(table.Cell(r, "score"))).ToArray();
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.All(table.Rows, r =>
        {
            Assert.Equal(citizen, table.Cell(r, "citizen"));
            Assert.Contains("mentee places free", table.Cell(r, "reasons"), StringComparison.Ordinal);
            Assert.Equal("1", table.Cell(r, "locality"));
        });
    }

    [Fact]
    public void Match_TopZeroAndAnyArea_ListEveryEligibleMentor()
    {
        var citizen = FirstUnemployedCitizen("A1");
        var local = CsvTable.Parse(CliProcess.Run("match", Repo.Sample("city-10k"), "--citizen", citizen, "--top", "0", "--format", "csv").StdOut);
        var any = CsvTable.Parse(CliProcess.Run("match", Repo.Sample("city-10k"), "--citizen", citizen, "--top", "0", "--any-area", "--format", "csv").StdOut);
        Assert.True(any.Rows.Count > local.Rows.Count && local.Rows.Count > 3, $"{local.Rows.Count} local, {any.Rows.Count} any");
        Assert.Contains(any.Rows, r => any.Cell(r, "locality") == "0");
    }

    [Theory]
    [InlineData("nobody", "no node has id 'nobody'")]
    [InlineData("e01", "is an employer, not a citizen")]
    public void Match_UnknownOrWrongKind_IsInvalidInput(string id, string message)
    {
        var run = CliProcess.Run("match", Repo.Sample("city-10k"), "--citizen", id);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.StdErr, StringComparison.Ordinal);
        Assert.Empty(run.StdOut);
    }

    [Fact]
    public void Recommend_Karate_SuggestsNonContactsWithLinkPrediction()
    {
        var run = CliProcess.Run("recommend", Repo.Sample("karate"), "--person", "0", "--top", "0", "--format", "csv");
        Assert.True(run.ExitCode == 0, run.ToString());
        var table = CsvTable.Parse(run.StdOut);
        Assert.Equal(["person", "peer", "rank", "score", "link_prediction", "bridging", "common_neighbors", "adamic_adar", "resource_allocation", "jaccard", "reasons"], table.Header);
        var contacts = File.ReadLines(Path.Combine(Repo.Sample("karate"), "ties.csv")).Skip(1).Select(l => l.Split(','))
            .Where(c => c[0] == "0" || c[1] == "0").Select(c => c[0] == "0" ? c[1] : c[0]).ToHashSet();
        Assert.All(table.Rows, r => Assert.DoesNotContain(table.Cell(r, "peer"), contacts));
        var pair = table.Rows.Single(r => table.Cell(r, "peer") == "33");
        Assert.Equal("4", table.Cell(pair, "common_neighbors"));
        Assert.Equal(2 / Math.Log(5) + 1 / Math.Log(3) + 1 / Math.Log(6), CsvTable.Number(table.Cell(pair, "adamic_adar")), 12);
        Assert.Equal(2, CliProcess.Run("recommend", Repo.Sample("city-10k"), "--person", "g01").ExitCode);
    }

    [Fact]
    public void GroupsFor_City_ListsGroupsWithFreePlaces()
    {
        var citizen = FirstUnemployedCitizen("A3");
        var run = CliProcess.Run("groups-for", Repo.Sample("city-10k"), "--citizen", citizen, "--top", "0", "--format", "csv");
        Assert.True(run.ExitCode == 0, run.ToString());
        var table = CsvTable.Parse(run.StdOut);
        Assert.Equal(["citizen", "group", "rank", "score", "exposure", "contacts", "locality", "free_places", "reasons"], table.Header);
        Assert.NotEmpty(table.Rows);
        Assert.All(table.Rows, r => Assert.True(int.Parse(table.Cell(r, "free_places"), System.Globalization.CultureInfo.InvariantCulture) > 0));
        Assert.Equal(2, CliProcess.Run("groups-for", Repo.Sample("city-10k"), "--citizen", "g01").ExitCode);
    }

    [Fact]
    public void Diversity_RecommendOutput_ReportsVisibilityByWorkStatus()
    {
        var suggestions = _temp.File("rec.csv");
        Assert.Equal(0, CliProcess.Run("recommend", Repo.Sample("toy"), "--person", "8", "--top", "0", "--format", "csv", "--out", suggestions).ExitCode);
        var run = CliProcess.Run("diversity", Repo.Sample("toy"), "--suggestions", suggestions, "--format", "csv");
        Assert.True(run.ExitCode == 0, run.ToString());
        var table = CsvTable.Parse(run.StdOut);
        Assert.Equal(["work_status", "suggested", "suggestion_share", "population_share", "disparate_visibility"], table.Header);
        Assert.Equal(["in_work", "out_of_work", "student", "retired", "unknown"], table.Rows.Select(r => table.Cell(r, "work_status")));
        var bad = _temp.WriteFile("bad.csv", "who\nx\n");
        Assert.Equal(2, CliProcess.Run("diversity", Repo.Sample("toy"), "--suggestions", bad).ExitCode);
    }

    [Fact]
    public void Introductions_BothDirections()
    {
        var citizen = FirstUnemployedCitizen("A3");
        var run = CliProcess.Run("introductions", Repo.Sample("city-10k"), "--citizen", citizen, "--format", "csv");
        Assert.True(run.ExitCode == 0, run.ToString());
        var table = CsvTable.Parse(run.StdOut);
        Assert.Equal(["citizen", "employer", "rank", "sector", "vacancies", "hops", "strength", "path", "reasons"], table.Header);
        Assert.All(table.Rows, r => Assert.StartsWith(citizen + " > ", table.Cell(r, "path"), StringComparison.Ordinal));
        var employer = CliProcess.Run("introductions", Repo.Sample("city-10k"), "--employer", "e01", "--format", "csv");
        Assert.True(employer.ExitCode == 0, employer.ToString());
        Assert.Equal(1, CliProcess.Run("introductions", Repo.Sample("city-10k")).ExitCode);
        Assert.Equal(2, CliProcess.Run("introductions", Repo.Sample("city-10k"), "--employer", citizen).ExitCode);
    }

    [Fact]
    public void WhatIf_ProposedTie_RaisesWorkConnectedness()
    {
        var ties = _temp.WriteFile("proposed.csv", "source,target,kind\n8,3,friend\n");
        var run = CliProcess.Run("what-if", Repo.Sample("toy"), "--ties", ties, "--min-cell-size", "0", "--format", "csv");
        Assert.True(run.ExitCode == 0, run.ToString());
        var table = CsvTable.Parse(run.StdOut);
        var c = table.Rows.Single(r => table.Cell(r, "area") == "C");
        Assert.True(CsvTable.Number(table.Cell(c, "work_connectedness_change")) > 0);
        Assert.Equal("1", table.Cell(c, "gaining_in_work_contact"));
        Assert.Equal(0.015, CsvTable.Number(table.Cell(c, "extra_moves_into_work")), 12);
    }

    [Fact]
    public void WhatIf_Assignment_BecomesMentoringTies()
    {
        var toy = _temp.WriteDataset("toy-mentor",
            [.. File.ReadAllLines(Path.Combine(Repo.Sample("toy"), "nodes.csv")), "m1,mentor,C,employed,0.9"],
            File.ReadAllLines(Path.Combine(Repo.Sample("toy"), "ties.csv")));
        var plan = _temp.WriteFile("plan.csv", "citizen,mentor,score\n8,m1,0.7\n");
        var run = CliProcess.Run("what-if", toy, "--assignment", plan, "--min-cell-size", "0", "--format", "csv");
        Assert.True(run.ExitCode == 0, run.ToString());
        var table = CsvTable.Parse(run.StdOut);
        Assert.Equal("1", table.Cell(table.Rows.Single(r => table.Cell(r, "area") == "C"), "gaining_in_work_contact"));
    }

    [Fact]
    public void WhatIf_Programme_ReportsOnlyItsAreaWithoutNames()
    {
        var run = CliProcess.Run("what-if", Repo.Sample("city-10k"), "--programme", "area=A2,citizens=20,which=out_of_work,pool=same_area", "--format", "csv");
        Assert.True(run.ExitCode == 0, run.ToString());
        var table = CsvTable.Parse(run.StdOut);
        var row = Assert.Single(table.Rows);
        Assert.Equal("A2", table.Cell(row, "area"));
        Assert.DoesNotContain("p0", run.StdOut, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("area=A2,citizens=5", "minimum cell size")]
    [InlineData("area=A2,citizens=15", "multiple")]
    [InlineData("area=A2", "needs area=CODE and citizens=N")]
    [InlineData("area=A2,citizens=10,who=me", "unknown key 'who'")]
    [InlineData("area=A2,citizens=10,pool=AnyArea", "bad pool 'AnyArea'")]
    public void WhatIf_ProgrammeItCannotRun_Exit1WithTheReason(string spec, string reason)
    {
        var run = CliProcess.Run("what-if", Repo.Sample("city-10k"), "--programme", spec);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(reason, run.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void WhatIf_BadInput_IsReportedWithFileAndLine()
    {
        var plan = _temp.WriteFile("plan.csv", "citizen,mentor\n8,3\n");
        var run = CliProcess.Run("what-if", Repo.Sample("toy"), "--assignment", plan);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("plan.csv line 2, column 'mentor', value '3': is a citizen, not a mentor", run.StdErr, StringComparison.Ordinal);
        Assert.Equal(1, CliProcess.Run("what-if", Repo.Sample("toy")).ExitCode);
        Assert.Equal(3, CliProcess.Run("what-if", Repo.Sample("toy"), "--ties", _temp.File("missing.csv")).ExitCode);
    }

    [Theory]
    [InlineData("--ties", "source,target,kind\n8,3,friend\n8,")]
    [InlineData("--assignment", "citizen,mentor\n8,")]
    public void WhatIf_FileNotUtf8_ExitsTwoNamingTheFile(string option, string start)
    {
        var file = _temp.File("latin1.csv");
        File.WriteAllBytes(file, [.. System.Text.Encoding.ASCII.GetBytes(start), 0xE9, .. "\n"u8]);
        var run = CliProcess.Run("what-if", Repo.Sample("toy"), option, file);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("latin1.csv", run.StdErr, StringComparison.Ordinal);
        Assert.Contains("not UTF-8", run.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", run.StdErr, StringComparison.Ordinal);
    }
}
