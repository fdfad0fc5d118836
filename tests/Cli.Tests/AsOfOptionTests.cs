using SocialCapital.Cli.Tests.Infrastructure;

namespace SocialCapital.Cli.Tests;

/// <summary><c>--as-of yyyy-MM-dd</c>: a tie counts only when since &lt;= date &lt; until.</summary>
public sealed class AsOfOptionTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Dataset() => _temp.WriteDataset("dated",
        ["id,kind", "a,citizen", "b,citizen", "c,citizen", "d,citizen", "e,citizen"],
        [
            "source,target,kind,strength,since,until",
            "a,b,friend,1,,",                     // always
            "a,c,friend,1,2020-01-01,",           // from 2020-01-01 on
            "a,d,friend,1,2020-01-01,2021-01-01", // during 2020 only
            "e,a,family,1,,2019-06-01",           // until 2019-06-01, exclusive
        ]);

    [Theory]
    [InlineData("2019-05-31", 2, 0, 0, 1)]
    [InlineData("2019-06-01", 1, 0, 0, 0)]
    [InlineData("2020-01-01", 3, 1, 1, 0)]
    [InlineData("2021-01-01", 2, 1, 0, 0)]
    public void AsOf_DatedTies_CountOnlyWhenSinceAtOrBeforeAndUntilAfter(string date, int a, int c, int d, int e)
    {
        var run = CliProcess.Run("metrics", Dataset(), "--as-of", date, "--format", "csv");

        Assert.True(run.ExitCode == 0, run.ToString());
        var people = CsvTable.Parse(run.StdOut);
        var degree = people.Rows.ToDictionary(r => people.Cell(r, "id"), r => people.Cell(r, "degree"), StringComparer.Ordinal);
        Assert.Equal(new[] { "a", "b", "c", "d", "e" }, degree.Keys); // people without active ties are still listed
        Assert.Equal(a.ToString(System.Globalization.CultureInfo.InvariantCulture), degree["a"]);
        Assert.Equal("1", degree["b"]);
        Assert.Equal(c.ToString(System.Globalization.CultureInfo.InvariantCulture), degree["c"]);
        Assert.Equal(d.ToString(System.Globalization.CultureInfo.InvariantCulture), degree["d"]);
        Assert.Equal(e.ToString(System.Globalization.CultureInfo.InvariantCulture), degree["e"]);
    }

    [Fact]
    public void AsOf_Omitted_UsesToday()
    {
        var run = CliProcess.Run("ties", Dataset(), "--format", "csv");

        Assert.True(run.ExitCode == 0, run.ToString());
        var ties = CsvTable.Parse(run.StdOut);
        var pairs = ties.Rows.Select(r => $"{ties.Cell(r, "source")}-{ties.Cell(r, "target")}");
        Assert.Equal(new[] { "a-b", "a-c" }, pairs); // the 2020 tie and the tie that ended in 2019 are over
    }

    [Theory]
    [InlineData("2024-13-01")]
    public void AsOf_NotAnIsoDate_ExitsOneWithMessage(string date)
    {
        var run = CliProcess.Run("metrics", Repo.Sample("toy"), "--as-of", date);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.DoesNotContain("in_work_contacts", run.StdOut, StringComparison.Ordinal); // no rows printed
        Assert.Contains($"'{date}'", run.StdErr, StringComparison.Ordinal);
        Assert.Contains("--as-of", run.StdErr, StringComparison.Ordinal);
        Assert.Contains("yyyy-MM-dd", run.StdErr, StringComparison.Ordinal);
    }
}
