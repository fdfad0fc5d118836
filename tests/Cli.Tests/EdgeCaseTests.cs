using SocialCapital.Cli.Tests.Infrastructure;

namespace SocialCapital.Cli.Tests;

/// <summary>Valid but unusual datasets: no people, ids of every allowed character, several ties per pair.</summary>
public sealed class EdgeCaseTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string PlacesOnly() => _temp.WriteDataset("places", ["id,kind", "e1,employer", "g1,peer_group"], ["source,target,kind"]);

    [Fact]
    public void Metrics_DatasetWithoutPeople_PrintsHeaderOnly()
    {
        // A valid dataset (at least one node, every rule kept) whose nodes are all places: there is no one to measure.
        var run = CliProcess.Run("metrics", PlacesOnly(), "--format", "csv");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("", run.StdErr);
        Assert.Equal(
            "id,kind,area,degree,strength,bonding,bridging,linking,bridging_score,clustering,constraint,effective_size,"
            + "efficiency,hierarchy,ei_work,economic_connectedness,work_connectedness,in_work_contacts\n",
            run.StdOut);
    }

    [Fact]
    public void Ties_DatasetWithoutPeople_PrintsHeaderOnly()
    {
        var run = CliProcess.Run("ties", PlacesOnly(), "--format", "csv");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("", run.StdErr);
        Assert.Equal("source,target,kinds,class,bridging_score,embeddedness,overlap,local_bridge,span\n", run.StdOut);
    }

    [Theory]
    [InlineData("metrics")]
    [InlineData("ties")]
    public void Command_IdsOfEveryAllowedCharacter_SortedOrdinally(string command)
    {
        var data = _temp.WriteDataset("ids",
            ["id,kind", "b,citizen", "B,citizen", "_x,citizen", "-y,citizen", ".z,citizen", "9,citizen", "10,citizen",
             "a:b,citizen", "a.b,citizen", "Z,citizen"],
            ["source,target,kind", "b,B,friend", "_x,-y,friend", "9,10,friend", "a:b,a.b,friend", "Z,.z,friend"]);

        var run = CliProcess.Run(command, data, "--format", "csv");

        Assert.True(run.ExitCode == 0, run.ToString());
        var table = CsvTable.Parse(run.StdOut);
        var rows = table.Rows.Select(r => string.Join(",", r.Take(command == "ties" ? 2 : 1)));
        // ordinal: - . 0-9 A-Z _ a-z, and a tie's source is the end that sorts first
        string[] expected = command == "ties"
            ? ["-y,_x", ".z,Z", "10,9", "B,b", "a.b,a:b"]
            : ["-y", ".z", "10", "9", "B", "Z", "_x", "a.b", "a:b", "b"];
        Assert.Equal(expected, rows);
    }

    [Fact]
    public void Ties_SeveralTiesPerPairAndPlaceTies_OneRowPerPairOfPeople()
    {
        var data = _temp.WriteDataset("multi",
            ["id,kind,area", "p1,citizen,A", "p2,citizen,A", "p3,mentor,B", "g1,peer_group,", "e1,employer,"],
            [
                "source,target,kind,strength",
                "p2,p1,colleague,2",
                "p1,p2,friend,1",
                "p1,g1,membership,1",
                "p2,g1,membership,1",
                "p3,e1,employment,1",
                "p3,p1,mentoring,1",
            ]);

        var run = CliProcess.Run("ties", data, "--format", "csv");

        Assert.True(run.ExitCode == 0, run.ToString());
        var ties = CsvTable.Parse(run.StdOut);
        Assert.Equal(2, ties.Rows.Count); // ties to places are not contacts between people
        Assert.Equal("friend;colleague", ties.Cell(ties.Single("source", "p1", "target", "p2"), "kinds"));
        Assert.Equal("mentoring", ties.Cell(ties.Single("source", "p1", "target", "p3"), "kinds"));
    }
}
