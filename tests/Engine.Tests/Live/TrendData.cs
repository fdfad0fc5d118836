using FsCheck;
using FsCheck.Fluent;
using SocialCapital.Interchange;
using SocialCapital.Model;
using SocialCapital.Tests.Properties;

namespace SocialCapital.Tests.Live;

/// <summary>What the trend tests share (<see cref="TrendsTests"/> for areas, <see cref="PersonTrendsTests"/> for people):
/// the first date, random datasets with dated ties, the toy with one tie ending and one starting, and the checks.</summary>
internal static class TrendData
{
    /// <summary>The first date of every series.</summary>
    public static readonly DateOnly Start = new(2024, 1, 1);

    /// <summary>The day the toy's tie 0–2 ends and 1–8 starts in <see cref="ToyTieEndingAndStarting"/>.</summary>
    public static readonly DateOnly ToyChange = new(2024, 2, 1);

    /// <summary>A random dataset whose ties start and end on random days of 2023–2026 (some always active).</summary>
    public static Dataset Dated(Dataset dataset, int seed)
    {
        var random = new Random(seed);
        DateOnly Day() => Start.AddDays(random.Next(-365, 800));
        var ties = dataset.Ties.Select(t =>
        {
            var since = random.Next(4) == 0 ? (DateOnly?)null : Day();
            var until = random.Next(3) == 0 ? (DateOnly?)null : Day();
            if (since is { } s && until is { } u && u <= s) (since, until) = (u, s.AddDays(1));
            return t.Kind == TieKind.Mentoring ? t : t with { Since = since, Until = until };
        });
        return Dataset.Create(dataset.Nodes, ties);
    }

    /// <summary>Random datasets (<see cref="RandomDatasets"/>) with dated ties (<see cref="Dated"/>).</summary>
    public static readonly Arbitrary<Dataset> DatedDatasets =
        RandomDatasets.Arbitrary().Generator.SelectMany(d => Gen.Choose(0, 100000).Select(seed => Dated(d, seed))).ToArbitrary();

    /// <summary>The toy with 0–2 (inside area A) ending and 1–8 (A–C) starting on <see cref="ToyChange"/>.</summary>
    public static Dataset ToyTieEndingAndStarting()
    {
        var toy = DatasetReader.Read(TestData.Sample("toy"));
        return Dataset.Create(toy.Nodes, toy.Ties.Select(t => (t.Source, t.Target) switch
        {
            ("0", "2") => t with { Until = ToyChange },
            ("1", "8") => t with { Since = ToyChange },
            _ => t,
        }));
    }

    /// <summary>Whether two values are both undefined or within 1e-9.</summary>
    public static bool Close(double? a, double? b) => a is null ? b is null : b is not null && Math.Abs(a.Value - b.Value) <= 1e-9;

    /// <summary>Whether the change since the date before is what the ended ties made of it plus what the started ones
    /// did (to 1e-9), where all three are defined.</summary>
    public static bool SplitAddsUp(double? change, double? fromTiesStarted, double? fromTiesEnded) =>
        fromTiesStarted is not { } s || fromTiesEnded is not { } e || Math.Abs(s + e - change!.Value) <= 1e-9;
}
