using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Metrics;
using SocialCapital.Model;
using SocialCapital.Synthetic;

namespace SocialCapital.Tests.Synthetic;

public class CityGeneratorTests
{
    private static readonly GraphOptions AsOf = new() { AsOf = new DateOnly(2026, 1, 1) };

    [Fact]
    public void Generate_SameSeed_WritesIdenticalFiles_OtherSeedDiffers()
    {
        using var a = new TempFolder();
        using var b = new TempFolder();
        using var c = new TempFolder();
        var options = new CityOptions { People = 2_000 };
        CityGenerator.Generate(a.Path, options);
        CityGenerator.Generate(b.Path, options);
        CityGenerator.Generate(c.Path, options with { Seed = 2 });
        foreach (var file in new[] { "nodes.csv", "ties.csv", "proposals.csv", "status_history.csv", "contacts.csv" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(a.Path, file)), File.ReadAllBytes(Path.Combine(b.Path, file)));
            Assert.NotEqual(File.ReadAllBytes(Path.Combine(a.Path, file)), File.ReadAllBytes(Path.Combine(c.Path, file)));
        }
        // The boundaries depend on the number of areas only.
        Assert.Equal(File.ReadAllBytes(Path.Combine(a.Path, "areas.geojson")), File.ReadAllBytes(Path.Combine(c.Path, "areas.geojson")));
    }

    [Fact]
    public void Generate_City_HasEveryKindAndRealisticShape()
    {
        using var folder = new TempFolder();
        var summary = CityGenerator.Generate(folder.Path, new CityOptions { People = 5_000 });
        var dataset = Dataset.Load(folder.Path);
        Assert.Equal(summary.Nodes, dataset.Nodes.Count);
        Assert.Equal(summary.Ties, dataset.Ties.Count);
        Assert.All(Enum.GetValues<NodeKind>(), k => Assert.Contains(dataset.Nodes, n => n.Kind == k));
        Assert.All(Enum.GetValues<TieKind>(), k => Assert.Contains(dataset.Ties, t => t.Kind == k));
        var adults = dataset.Nodes.Where(n => n.IsPerson && n.AgeBand is not (AgeBand.Age65Plus or AgeBand.Unknown)).ToArray();
        Assert.InRange(adults.Count(n => n.WorkStatus == WorkStatus.InWork) / (double)adults.Length, 0.70, 0.80); // UK 16-64 employment ≈ 75%
        var people = PersonMetrics.Compute(dataset.ToGraph(AsOf)).People;
        Assert.InRange(people.Average(p => p.Degree), 16, 24);
        Assert.InRange(people.Average(p => p.Clustering.OrNaN()), 0.05, 0.3);
        Assert.All(dataset.Nodes.Where(n => n.Kind == NodeKind.Mentor), m => Assert.InRange(m.Capacity!.Value, 1, 3));
        Assert.All(dataset.Nodes, n =>
        {
            Assert.Equal(n.Goals.Distinct().Count(), n.Goals.Count);
            Assert.Equal(n.Skills.Distinct().Count(), n.Skills.Count);
            Assert.Equal(n.Languages.Distinct().Count(), n.Languages.Count);
        });
    }

    [Fact]
    public void Generate_100kCity_AreasCompleteAndHomophilyFollowsTheParameter()
    {
        double Measure(double homophily, Func<AreaMeasures, double> pick)
        {
            using var folder = new TempFolder();
            CityGenerator.Generate(folder.Path, new CityOptions { People = 100_000, Homophily = homophily });
            var areas = AreaMetrics.Compute(Dataset.Load(folder.Path).ToGraph(AsOf), new AreaMetricsOptions { BootstrapResamples = 0 });
            Assert.Equal(50, areas.Count);
            return areas.Average(pick);
        }
        var low = Measure(0.2, a => a.AssortativityWork.OrNaN() - a.CrossAreaShare.OrNaN() + a.BondingShare.OrNaN());
        var high = Measure(0.9, a => a.AssortativityWork.OrNaN() - a.CrossAreaShare.OrNaN() + a.BondingShare.OrNaN());
        Assert.True(high > low + 0.5, $"homophily 0.9 gave {high}, 0.2 gave {low}");
    }

    [Fact]
    public void Generate_TheSampleCitysOptions_WritesTheCommittedSampleByteForByte()
    {
        // data-samples/city-10k was made with `generate --people 10000 --seed 1`: a change to the generator that
        // changes its output must regenerate the sample and say so.
        using var folder = new TempFolder();
        CityGenerator.Generate(folder.Path, new CityOptions { People = 10_000, Seed = 1 });
        foreach (var file in new[] { "nodes.csv", "ties.csv", "proposals.csv", "status_history.csv", "contacts.csv", "areas.geojson" })
            Assert.True(File.ReadAllBytes(Path.Combine(TestData.Sample("city-10k"), file)).AsSpan()
                .SequenceEqual(File.ReadAllBytes(Path.Combine(folder.Path, file))), file);
    }

    [Fact]
    public void Create_SameOptions_EqualsTheFilesGenerateWrites()
    {
        using var folder = new TempFolder();
        var options = new CityOptions { People = 3_000, Seed = 5, Homophily = 0.5, MeanContacts = 12 };
        var written = CityGenerator.Generate(folder.Path, options);
        var city = CityGenerator.Create(options);
        var read = Dataset.Load(folder.Path);
        Assert.Equal(written, city.Summary);
        Assert.Equal(read.Nodes, city.Nodes);
        Assert.Equal(read.Ties, city.Ties);
        Assert.Equal(read.Proposals, city.Proposals);
        Assert.Equal(read.StatusHistory, city.StatusHistory);
        Assert.Equal(read.Contacts, city.Contacts);
        Assert.NotEmpty(city.Contacts);
        var valid = Dataset.Create(city.Nodes, city.Ties, null, city.Proposals, city.StatusHistory, city.Contacts); // valid records
        Assert.Equal(read.Ties.Count, valid.Ties.Count);
        Assert.Equal(city.Proposals.Count, valid.Proposals.Count);
    }

    /// <summary>The city's own dataset shares its records (no copy of millions of ties) and builds the same snapshot as
    /// a dataset made of copies.</summary>
    [Fact]
    public void ToDataset_SharesTheRecords_AndBuildsTheSameGraph()
    {
        var options = new CityOptions { People = 2_000, Seed = 3 };
        var city = CityGenerator.Create(options);
        var shared = city.ToDataset();
        var copied = Dataset.Create(city.Nodes, city.Ties, null, city.Proposals, city.StatusHistory, city.Contacts);
        Assert.Same(city.Ties, shared.Ties);
        Assert.Same(city.Nodes, shared.Nodes);
        Assert.Equal(copied.Ties, shared.Ties);
        var graphOptions = new GraphOptions { AsOf = options.ReferenceDate };
        var (a, b) = (shared.ToGraph(graphOptions), copied.ToGraph(graphOptions));
        Assert.Equal(b.ContactCount, a.ContactCount);
        Assert.Equal(b.SizeInBytes, a.SizeInBytes);
        Assert.Equal(PersonMetrics.Compute(b).People, PersonMetrics.Compute(a).People);
    }

    [Fact]
    public void Generate_BadOptions_Throw()
    {
        using var folder = new TempFolder();
        Assert.Throws<SocialCapital.Model.InvalidOptionsException>(() => CityGenerator.Generate(folder.Path, new CityOptions { People = 5 }));
        Assert.Throws<SocialCapital.Model.InvalidOptionsException>(() => CityGenerator.Generate(folder.Path, new CityOptions { Homophily = 1.5 }));
        Assert.Throws<SocialCapital.Model.InvalidOptionsException>(() => CityGenerator.Generate(folder.Path, new CityOptions { People = 100, Areas = 101 }));
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void Generate_Cancelled_LeavesNothingBehind()
    {
        using var folder = new TempFolder();
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => CityGenerator.Generate(folder.Path, new CityOptions { People = 1_000 }, null, cancel.Token));
        Assert.Empty(Directory.GetFiles(folder.Path));
    }
}
