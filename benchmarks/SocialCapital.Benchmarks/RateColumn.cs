using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace SocialCapital.Benchmarks;

/// <summary>A summary column: input ties per second (the ties of the <c>Size</c> parameter divided by the mean time).</summary>
public sealed class TiesPerSecondColumn : IColumn
{
    /// <inheritdoc />
    public string Id => nameof(TiesPerSecondColumn);

    /// <inheritdoc />
    public string ColumnName => "Ties/s";

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory => 0;

    /// <inheritdoc />
    public bool IsNumeric => true;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public string Legend => "Input ties (the Size parameter's second number) per second of the mean time";

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (mean is not > 0 || benchmarkCase.Parameters["Size"] is not string size) return "-";
        var ties = BenchSizes.Parse(size).Ties;
        return (ties / (mean.Value / 1e9)).ToString("N0", CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc />
    public override string ToString() => ColumnName;
}

/// <summary>Adds <see cref="TiesPerSecondColumn"/> to a benchmark class.</summary>
public sealed class TiesPerSecondConfig : ManualConfig
{
    /// <summary>The config.</summary>
    public TiesPerSecondConfig() => AddColumn(new TiesPerSecondColumn());
}
