using SocialCapital.Interchange;
using SocialCapital.Model;

namespace SocialCapital.Tests.Interchange;

public class DatasetWriterTests
{
    [Fact]
    public void Save_ThenLoad_GivesAnEqualDataset()
    {
        var original = Dataset.Create(
            [
                new NodeRecord("m:1", NodeKind.Mentor)
                {
                    Area = "E01", Employment = Employment.Employed, AgeBand = AgeBand.Age65Plus, Sector = "care, social",
                    Ses = 0.123456789012345, Languages = ["en", "pl"], Skills = ["cv \"writing\""], Goals = [], Capacity = 2,
                    Attributes = new Dictionary<string, string> { ["ethnicity"] = "b", ["note"] = "line1\nline2" },
                },
                new NodeRecord("c-2", NodeKind.Citizen) { Ses = 0 },
                new NodeRecord("g.3", NodeKind.PeerGroup) { Capacity = 0 },
            ],
            [
                new TieRecord("m:1", "c-2", TieKind.Mentoring) { Strength = 0.1, Since = new DateOnly(2020, 2, 29), Until = new DateOnly(2030, 1, 1) },
                new TieRecord("c-2", "g.3", TieKind.Membership),
            ]);
        using var folder = new TempFolder();
        original.Save(folder.Path);
        var copy = Dataset.Load(folder.Path);
        Assert.Equal(original.Nodes, copy.Nodes);
        Assert.Equal(original.Ties, copy.Ties);
        Assert.Equal(original.AttributeColumns, copy.AttributeColumns);
        Assert.Equal(["nodes.csv", "ties.csv"], Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Save_Toy_RoundTripsTheOracle()
    {
        var toy = Dataset.Load(TestData.Sample("toy"));
        using var folder = new TempFolder();
        toy.Save(folder.Path);
        var copy = Dataset.Load(folder.Path);
        Assert.Equal(toy.Nodes, copy.Nodes);
        Assert.Equal(toy.Ties, copy.Ties);
    }
}
