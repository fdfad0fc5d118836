using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Model;
using SocialCapital.Synthetic;

namespace SocialCapital.Benchmarks;

/// <summary>The benchmarks' cities, all from the engine's own generator (<see cref="CityGenerator"/>, docs/generator.md):
/// in memory for a size <c>people/ties</c> (<see cref="Generate"/>), or written once to the temp folder and read back
/// (<see cref="Load"/>, for the recommendation classes and latency).</summary>
internal static class BenchCity
{
    /// <summary>The seed of the in-memory cities (the footprint mode's default).</summary>
    public const int Seed = 20250101;

    /// <summary>Snapshot options for every benchmark city: as of the generator's reference date (2026-01-01, the
    /// default), so results do not depend on today; the default policy, every core.</summary>
    public static GraphOptions GraphOptions { get; } = new() { AsOf = new CityOptions().ReferenceDate };

    /// <summary>A city of <paramref name="people"/> people whose person–person ties average <paramref name="ties"/>
    /// (<see cref="CityOptions.MeanContacts"/> = 2·ties/people); the institutional ties (mentoring, coaching,
    /// membership, employment) add about 0.35 per person.</summary>
    public static GeneratedCity Generate(int people, int ties, int seed = Seed) =>
        CityGenerator.Create(new CityOptions { People = people, MeanContacts = 2.0 * ties / people, Seed = seed });

    /// <summary>The city of <paramref name="people"/> people with the generator's defaults, generated once into
    /// <c>sc-bench-city-&lt;people&gt;</c> in the temp folder, read and built.</summary>
    public static SocialGraph Load(int people) => LoadDataset(people).ToGraph(GraphOptions);

    /// <summary>The records of <see cref="Load"/>'s city.</summary>
    public static Dataset LoadDataset(int people)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"sc-bench-city-{people}");
        if (!File.Exists(Path.Combine(folder, "ties.csv"))) CityGenerator.Generate(folder, new CityOptions { People = people });
        return Dataset.Load(folder);
    }

    /// <summary>The first <paramref name="count"/> out-of-work citizens, in id order.</summary>
    public static string[] OutOfWorkCitizens(SocialGraph graph, int count) =>
        [.. Enumerable.Range(0, graph.NodeCount)
            .Where(u => graph.Kind(u) == NodeKind.Citizen && graph.WorkStatus(u) == WorkStatus.OutOfWork)
            .Take(count).Select(graph.Id)];
}
