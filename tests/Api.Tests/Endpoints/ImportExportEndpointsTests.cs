using SocialCapital.Api.Tests.Infrastructure;
using SocialCapital.Interchange;

namespace SocialCapital.Api.Tests.Endpoints;

/// <summary><c>GET /export</c> and <c>POST /import</c> on a toy store of this class's own.</summary>
public class ImportExportEndpointsTests(ToyApi toy) : IClassFixture<ToyApi>
{
    private readonly TestApi _api = toy.Api;

    [Fact]
    public async Task Export_Toy_ZipOfNodesAndTiesEqualToTheSample()
    {
        var export = await Exported.ReadAsync(_api.Admin);
        Assert.Equal(["nodes.csv", "ties.csv"], export.Entries.Order(StringComparer.Ordinal));
        Assert.StartsWith("id,kind,area,employment,age_band,sector,ses", export.Nodes, StringComparison.Ordinal);
        Assert.StartsWith("source,target,kind,strength,since,until", export.Ties, StringComparison.Ordinal);
        AssertSameData(Samples.Toy, export.ToDataset());
    }

    [Fact]
    public async Task Export_RoundTrip_ImportItBackThenExportAgainGivesIdenticalFiles()
    {
        using (var edit = await _api.Admin.PutJsonAsync("/people/quoted", new
               {
                   kind = "mentor", sector = "health, care \"quoted\"", languages = new[] { "en", "cy" }, capacity = 3,
                   attributes = new Dictionary<string, string> { ["note"] = "line one\nline two" },
               }))
            await edit.AssertSuccessAsync();
        var first = await Exported.ReadAsync(_api.Admin);

        using var import = await _api.Admin.PostAsync(new Uri("/import", UriKind.Relative), first.ToForm());
        var result = await import.JsonAsync(200);
        Assert.Equal(first.Version + 1, result.GetProperty("version").GetInt64());
        Assert.Equal(first.ToDataset().Nodes.Count, result.GetProperty("nodes").GetInt32());
        Assert.Equal(first.ToDataset().Ties.Count, result.GetProperty("ties").GetInt32());
        Assert.Equal(first.Version + 1, import.SnapshotVersion());

        var second = await Exported.ReadAsync(_api.Admin);
        Assert.Equal(first.Nodes, second.Nodes);
        Assert.Equal(first.Ties, second.Ties);
        Assert.Equal(first.Version + 1, second.Version);
    }

    [Fact]
    public async Task Export_RoundTrip_AfterAPutWithPaddedListEntries_IdenticalFiles()
    {
        // Cells are trimmed when read (docs/format.md); a write that stores " en " exports a cell the import changes.
        using (var edit = await _api.Admin.PutJsonAsync("/people/padded", new
               {
                   kind = "mentor", area = "A", languages = new[] { " en ", "cy" }, skills = new[] { "cv_writing " }, capacity = 1,
               }))
            await edit.AssertSuccessAsync();
        try
        {
            var first = await Exported.ReadAsync(_api.Admin);
            using (var import = await _api.Admin.PostAsync(new Uri("/import", UriKind.Relative), first.ToForm()))
                await import.AssertStatusAsync(200);
            var second = await Exported.ReadAsync(_api.Admin);
            Assert.Equal(first.Nodes, second.Nodes);
            Assert.Equal(first.Ties, second.Ties);
        }
        finally
        {
            await RestoreToyAsync();
        }
    }

    [Fact]
    public async Task Import_Json_ReplacesEverythingAndReadsSeeIt()
    {
        var dataset = Dataset.Create(
            [
                new Model.NodeRecord("j1", Model.NodeKind.Citizen) { Area = "Z", Employment = Model.Employment.Unemployed, Ses = 0.1 },
                new Model.NodeRecord("j2", Model.NodeKind.Mentor) { Area = "Z", Employment = Model.Employment.Employed, Capacity = 2 },
            ],
            [new Model.TieRecord("j2", "j1", Model.TieKind.Mentoring) { Strength = 1.5 }]);
        try
        {
            using var import = await _api.Admin.PostAsync(new Uri("/import", UriKind.Relative), Http.Json(Exported.JsonBody(dataset)));
            var result = await import.JsonAsync(200);
            Assert.Equal(2, result.GetProperty("nodes").GetInt32());
            Assert.Equal(1, result.GetProperty("ties").GetInt32());

            using var list = await _api.Coach.GetAsync("/people");
            Assert.Equal(["j1", "j2"], (await list.JsonAsync(200)).Items().Select(p => p.Str("id")));
            AssertSameData(dataset, (await Exported.ReadAsync(_api.Admin)).ToDataset());
        }
        finally
        {
            await RestoreToyAsync();
        }
    }

    [Fact]
    public async Task Import_ToyFilesAsMultipart_200AndTheSampleIsServed()
    {
        var form = Exported.Form(File.ReadAllText(Path.Combine(Repo.Sample("toy"), "nodes.csv")),
            File.ReadAllText(Path.Combine(Repo.Sample("toy"), "ties.csv")));
        using var import = await _api.Admin.PostAsync(new Uri("/import", UriKind.Relative), form);
        var result = await import.JsonAsync(200);
        Assert.Equal(12, result.GetProperty("nodes").GetInt32());
        Assert.Equal(16, result.GetProperty("ties").GetInt32());
        AssertSameData(Samples.Toy, (await Exported.ReadAsync(_api.Admin)).ToDataset());
    }

    private async Task RestoreToyAsync()
    {
        using var restore = await _api.Admin.PostAsync(new Uri("/import", UriKind.Relative), Http.Json(Exported.JsonBody(Samples.Toy)));
        await restore.AssertStatusAsync(200);
    }

    private static void AssertSameData(Dataset expected, Dataset actual)
    {
        Assert.Equal(expected.Nodes.OrderBy(n => n.Id, StringComparer.Ordinal), actual.Nodes.OrderBy(n => n.Id, StringComparer.Ordinal));
        Assert.Equal(
            expected.Ties.Select(t => (t.Source, t.Target, t.Kind, t.Strength, t.Since, t.Until)).Order(),
            actual.Ties.Select(t => (t.Source, t.Target, t.Kind, t.Strength, t.Since, t.Until)).Order());
    }
}
