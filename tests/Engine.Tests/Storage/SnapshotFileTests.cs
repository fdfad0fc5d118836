using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Metrics;
using SocialCapital.Model;
using SocialCapital.Storage;
using SocialCapital.Ties;

namespace SocialCapital.Tests.Storage;

/// <summary>The snapshot file: what is read back is what was written (the same measures, the same records), and every
/// way a file can be wrong is refused with a message that says so.</summary>
public sealed class SnapshotFileTests : IDisposable
{
    private static readonly DateOnly AsOf = new(2025, 6, 1);
    private readonly string _folder = Directory.CreateTempSubdirectory("scg-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Written(string sample, out Dataset dataset, out SocialGraph graph, GraphOptions? options = null)
    {
        dataset = DatasetReader.Read(TestData.Sample(sample));
        graph = dataset.ToGraph(options ?? new GraphOptions { AsOf = AsOf });
        var path = Path.Combine(_folder, sample + ".scg");
        SnapshotFile.Write(dataset, graph, path);
        return path;
    }

    [Theory]
    [InlineData("city-10k")]
    [InlineData("toy")]
    [InlineData("karate")]
    public void Read_WrittenGraph_GivesTheSameMeasures(string sample)
    {
        var path = Written(sample, out _, out var built);

        var file = SnapshotFile.Read(path);
        var loaded = file.Graph;

        Assert.Equal(AsOf, file.AsOf);
        Assert.Equal(built.NodeCount, loaded.NodeCount);
        Assert.Equal(built.ContactCount, loaded.ContactCount);
        Assert.Equal(built.Areas, loaded.Areas);
        Assert.Equal(built.AttributeNames, loaded.AttributeNames);
        Assert.Equal(PersonMetrics.Compute(built).People, PersonMetrics.Compute(loaded).People);
        Assert.Equal(AreaMetrics.Compute(built), AreaMetrics.Compute(loaded));
        for (var u = 0; u < built.NodeCount; u++)
        {
            Assert.Equal(built.Id(u), loaded.Id(u));
            Assert.Equal(built.Neighbors(u).ToArray(), loaded.Neighbors(u).ToArray());
            Assert.Equal(built.Strengths(u).ToArray(), loaded.Strengths(u).ToArray());
            Assert.Equal(built.Languages(u), loaded.Languages(u));
            Assert.Equal(built.Hub(u), loaded.Hub(u));
        }
    }

    [Fact]
    public void Dataset_Written_ReadsBackEveryRecordInInputOrder()
    {
        var path = Written("city-10k", out var dataset, out _);

        var read = SnapshotFile.Read(path).Dataset;

        Assert.Equal(dataset.Nodes, read.Nodes);
        Assert.Equal(dataset.Ties, read.Ties);
        Assert.Equal(dataset.AttributeColumns, read.AttributeColumns);
        Assert.Equal(dataset.Proposals, read.Proposals);
        Assert.Equal(dataset.StatusHistory, read.StatusHistory);
        Assert.Equal(dataset.Contacts, read.Contacts);
        Assert.NotEmpty(read.Proposals);
        Assert.NotEmpty(read.StatusHistory);
        Assert.NotEmpty(read.Contacts);
    }

    [Fact]
    public void Dataset_ReadBack_BuildsTheSameGraphOnAnotherDate()
    {
        var path = Written("city-10k", out var dataset, out _);
        var other = new GraphOptions { AsOf = new DateOnly(2024, 1, 1) };

        var rebuilt = SnapshotFile.Read(path).Dataset.ToGraph(other);

        Assert.Equal(PersonMetrics.Compute(dataset.ToGraph(other)).People, PersonMetrics.Compute(rebuilt).People);
    }

    [Fact]
    public void BuiltWith_SameOrOtherDateAndPolicy_SaysWhetherTheGraphServes()
    {
        var path = Written("toy", out _, out _);
        var file = SnapshotFile.Read(path);

        Assert.True(file.BuiltWith(AsOf, TiePolicy.Default));
        Assert.False(file.BuiltWith(AsOf.AddDays(1), TiePolicy.Default));
        Assert.False(file.BuiltWith(AsOf, TiePolicy.Default with { BridgingThreshold = 0.9 }));
    }

    [Fact]
    public void Read_PolicyOfTheBuild_IsKept()
    {
        var policy = TiePolicy.Default with { BridgingThreshold = 0.7 };
        var path = Written("toy", out _, out var built, new GraphOptions { AsOf = AsOf, TiePolicy = policy });

        var file = SnapshotFile.Read(path);

        Assert.Equal(policy.ToJson(), file.TiePolicy.ToJson());
        Assert.Equal(PersonMetrics.Compute(built).People, PersonMetrics.Compute(file.Graph).People);
    }

    [Fact]
    public void Read_ForeignFile_SaysItIsNotASnapshotFile()
    {
        var path = Path.Combine(_folder, "nodes.scg");
        File.Copy(Path.Combine(TestData.Sample("toy"), "nodes.csv"), path);

        var e = Assert.Throws<SnapshotFileException>(() => SnapshotFile.Read(path));

        Assert.Contains("is not a SocialCapital snapshot file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OtherFormatVersion_NamesBothVersions()
    {
        var path = Written("toy", out _, out _);
        var bytes = File.ReadAllBytes(path);
        BitConverter.TryWriteBytes(bytes.AsSpan(8), SnapshotFile.FormatVersion + 1);
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<SnapshotFileException>(() => SnapshotFile.Read(path));

        Assert.Contains($"made by snapshot format {SnapshotFile.FormatVersion + 1}; this build reads format {SnapshotFile.FormatVersion}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TruncatedFile_SaysTruncated()
    {
        var path = Written("toy", out _, out _);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var e = Assert.Throws<SnapshotFileException>(() => SnapshotFile.Read(path));

        Assert.Contains("is truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Graph_FlippedByteInASection_FailsItsChecksum()
    {
        var path = Written("toy", out _, out _);
        var bytes = File.ReadAllBytes(path);
        bytes[64] ^= 0x40; // the first section starts here, after the preamble, at the first 64-byte boundary
        File.WriteAllBytes(path, bytes);

        var file = SnapshotFile.Read(path); // the header is intact
        var e = Assert.Throws<SnapshotFileException>(() => file.Graph);

        Assert.Contains("is damaged", e.Message, StringComparison.Ordinal);
        Assert.Contains("checksum", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FlippedByteInTheHeader_FailsItsChecksum()
    {
        var path = Written("toy", out _, out _);
        var bytes = File.ReadAllBytes(path);
        bytes[^40] ^= 0x01; // inside the header, just before the footer
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<SnapshotFileException>(() => SnapshotFile.Read(path));

        Assert.Contains("checksum of its header", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SourceFolderChanged_IsRefusedAsStale()
    {
        var source = Path.Combine(_folder, "toy");
        Directory.CreateDirectory(source);
        foreach (var file in Directory.GetFiles(TestData.Sample("toy"))) File.Copy(file, Path.Combine(source, Path.GetFileName(file)));
        var dataset = DatasetReader.Read(source);
        var path = Path.Combine(_folder, "toy.scg");
        SnapshotFile.Write(dataset, dataset.ToGraph(new GraphOptions { AsOf = AsOf }), path, source);
        Assert.Equal(source, SnapshotFile.Read(path).SourceFolder);

        File.AppendAllText(Path.Combine(source, "ties.csv"), "");
        File.SetLastWriteTimeUtc(Path.Combine(source, "ties.csv"), DateTime.UtcNow.AddMinutes(1));
        var e = Assert.Throws<SnapshotFileException>(() => SnapshotFile.Read(path));
        Assert.Contains("is stale: ties.csv changed", e.Message, StringComparison.Ordinal);

        Assert.NotNull(SnapshotFile.Read(path, checkSources: false).Graph); // asked not to check
        Directory.Delete(source, recursive: true);
        Assert.NotNull(SnapshotFile.Read(path).Graph); // the folder is gone: nothing to be stale against
    }

    [Fact]
    public void Write_LiveEditedGraph_IsRefused()
    {
        var dataset = DatasetReader.Read(TestData.Sample("toy"));
        var graph = dataset.ToGraph(new GraphOptions { AsOf = AsOf });
        var edited = SocialCapital.Live.LiveGraph.Create(dataset, new SocialCapital.Live.LiveGraphOptions { Graph = new GraphOptions { AsOf = AsOf }, CompactionThreshold = 0 });
        edited.Apply(new SocialCapital.Live.GraphEdit.UpsertNode(new NodeRecord("zz-new", NodeKind.Citizen)));

        Assert.Throws<ArgumentException>(() => SnapshotFile.Write(dataset, edited.Current.Graph, Path.Combine(_folder, "x.scg")));
        Assert.Throws<ArgumentException>(() => SnapshotFile.Write(DatasetReader.Read(TestData.Sample("karate")), graph, Path.Combine(_folder, "y.scg")));
        Assert.False(File.Exists(Path.Combine(_folder, "x.scg")));
    }
}
