using System.Globalization;
using SocialCapital.Cli.Tests.Infrastructure;
using SocialCapital.Interchange;
using SocialCapital.Metrics;

namespace SocialCapital.Cli.Tests;

/// <summary><c>socialcapital evidence</c> as a process: on a generated city with a planted effect it prints the library's
/// estimate (the same figures as <see cref="Evidence.Compute"/> on the files), the caveats on standard error and as rows of
/// JSON; a history that ended before the window is exit 2 naming the dates; a bad window is a usage error.</summary>
public sealed class EvidenceCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string City()
    {
        var folder = _temp.File("city");
        var run = CliProcess.Run("generate", folder, "--people", "6000", "--areas", "10", "--seed", "7", "--effect", "0.15");
        Assert.True(run.ExitCode == 0, run.ToString());
        return folder;
    }

    [Fact]
    public void Evidence_PlantedCity_PrintsTheLibrarysEstimateAndTheCaveats()
    {
        var folder = City();
        var run = CliProcess.Run("evidence", folder, "--as-of", "2026-01-01", "--window", "6m", "--format", "csv");
        Assert.True(run.ExitCode == 0, run.ToString());
        var table = CsvTable.Parse(run.StdOut);
        string Value(string section, string measure) => table.Cell(table.Single("section", section, "measure", measure), "value");
        int Count(string section) => table.Rows.Count(r => table.Cell(r, "section") == section);
        double Number(string section, string measure) => double.Parse(Value(section, measure), CultureInfo.InvariantCulture);

        var expected = Evidence.Compute(Dataset.Load(folder), new EvidenceOptions { AsOf = new DateOnly(2026, 1, 1) });
        Assert.Equal("2025-07-01", Value("sample", "starts"));
        Assert.Equal(expected.PeoplePeriods, (int)Number("sample", "people_periods"));
        Assert.Equal(expected.Events, (int)Number("sample", "events"));
        Assert.Equal(10, (int)Number("sample", "clusters"));
        Assert.Equal(expected.OddsRatio, Number("in_work_contacts", "odds_ratio"), 1e-12);
        Assert.Equal(expected.RelativeEffectLow, Number("in_work_contacts", "relative_effect_low"), 1e-12);
        Assert.Equal(expected.RelativeEffectHigh, Number("in_work_contacts", "relative_effect_high"), 1e-12);
        Assert.Equal(expected.RelativeRisk, Number("in_work_contacts", "relative_risk"), 1e-12);
        Assert.InRange(0.15, Number("in_work_contacts", "relative_effect_low"), Number("in_work_contacts", "relative_effect_high"));
        Assert.Equal(0.13, Number("literature", "relative_effect_low"));
        Assert.Equal(expected.Terms.Count, Count("coefficient"));
        Assert.Equal(expected.Caveats.Count, Count("caveat"));
        Assert.Contains("Association, not causation", run.StdErr, StringComparison.Ordinal);

        var json = CliProcess.Run("evidence", folder, "--as-of", "2026-01-01", "--window", "12m", "--format", "json");
        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.Contains("\"measure\":\"window_months\",\"value\":12", string.Concat(json.StdOut.Where(c => !char.IsWhiteSpace(c))), StringComparison.Ordinal);
        Assert.Contains("Association, not causation", json.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Evidence_HistoryEndedBeforeTheWindowOrNone_ExitTwoSayingWhy()
    {
        var folder = City();
        var late = CliProcess.Run("evidence", folder, "--as-of", "2027-06-01");
        Assert.Equal(2, late.ExitCode);
        Assert.Empty(late.StdOut);
        Assert.Contains("last change is on 2025-12-", late.StdErr, StringComparison.Ordinal);
        Assert.Contains("2026-12-01", late.StdErr, StringComparison.Ordinal);

        var none = CliProcess.Run("evidence", Repo.Sample("toy"), "--as-of", "2026-01-01");
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("no status history", none.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("six", "--window: 'six' is not a number of months")]
    [InlineData("30m", "--window must be from 1 to 24 months.")]
    public void Evidence_BadWindow_UsageError(string window, string message)
    {
        var run = CliProcess.Run("evidence", Repo.Sample("toy"), "--window", window);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.StdErr, StringComparison.Ordinal);
    }
}
