using SocialCapital.Recommendations;

namespace SocialCapital.Tests.Recommendations;

public class DisparateVisibilityTests
{
    [Fact]
    public void Compute_Toy_SharesAgainstPopulation()
    {
        // Toy: 5 of 12 in work. Suggest 2 (in work), 3 (in work), 8 (out of work), 2 again.
        var rows = DisparateVisibility.Compute(TestData.LoadGraph("toy"), ["2", "3", "8", "2"]);
        Assert.Equal(["in_work", "out_of_work", "student", "retired", ""], rows.Select(r => r.WorkStatus));
        var inWork = rows[0];
        Assert.Equal((3, 0.75, 5.0 / 12), (inWork.Suggested, inWork.SuggestionShare.OrNaN(), inWork.PopulationShare.OrNaN()));
        Assert.Equal(0.75 - 5.0 / 12, inWork.DisparateVisibility.OrNaN(), 12);
        Assert.Equal(0.25 - 7.0 / 12, rows[1].DisparateVisibility.OrNaN(), 12);
        Assert.Equal(0, rows.Sum(r => r.DisparateVisibility.OrNaN()), 12); // shares sum to 1 on both sides
    }

    [Fact]
    public void Compute_EmptyBatchOrUnknownId()
    {
        var graph = TestData.LoadGraph("toy");
        Assert.All(DisparateVisibility.Compute(graph, []), r => Assert.Null(r.SuggestionShare));
        Assert.Throws<SocialCapital.Model.UnknownNodeException>(() => DisparateVisibility.Compute(graph, ["ghost"]));
    }
}
