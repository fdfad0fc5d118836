using System.IO.Compression;
using System.Text;
using System.Text.Json;
using SocialCapital.Interchange;
using SocialCapital.Model;

namespace SocialCapital.Api.Tests.Infrastructure;

/// <summary>What the API holds: the store's version (from <c>/health/ready</c>) and the exported files.</summary>
/// <param name="Version">The store's version.</param>
/// <param name="Nodes">The exported nodes.csv.</param>
/// <param name="Ties">The exported ties.csv.</param>
internal sealed record StoreState(long Version, string Nodes, string Ties)
{
    /// <summary>Reads the state with an admin client.</summary>
    public static async Task<StoreState> ReadAsync(HttpClient admin)
    {
        using var ready = await admin.GetAsync("/health/ready");
        var health = await ready.JsonAsync(200);
        var export = await Exported.ReadAsync(admin);
        return new StoreState(health.GetProperty("storeVersion").GetInt64(), export.Nodes, export.Ties);
    }

    public override string ToString() => $"version {Version}, nodes.csv {Nodes.Length} chars, ties.csv {Ties.Length} chars";
}

/// <summary>One <c>GET /export</c>: the files in the zip and the version the answer was stamped with.</summary>
internal sealed record Exported(string Nodes, string Ties, long Version, string[] Entries, string? Proposals = null, string? StatusHistory = null)
{
    public static async Task<Exported> ReadAsync(HttpClient admin)
    {
        using var response = await admin.GetAsync("/export");
        await response.AssertStatusAsync(200);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        string Read(string name)
        {
            var entry = zip.GetEntry(name) ?? throw new Xunit.Sdk.XunitException($"the export has no {name}");
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            return reader.ReadToEnd();
        }

        string? Optional(string name) => zip.GetEntry(name) is null ? null : Read(name);

        return new Exported(Read("nodes.csv"), Read("ties.csv"), response.SnapshotVersion(), [.. zip.Entries.Select(e => e.FullName)],
            Optional(DatasetReader.ProposalsFileName), Optional(DatasetReader.StatusHistoryFileName));
    }

    /// <summary>The exported files read back by the engine's reader.</summary>
    public Dataset ToDataset() => DatasetReader.Read(Stream(Nodes), Stream(Ties), DatasetReader.NodesFileName, DatasetReader.TiesFileName,
        Proposals is null ? null : Stream(Proposals), StatusHistory is null ? null : Stream(StatusHistory));

    private static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>A multipart import body with these files.</summary>
    public MultipartFormDataContent ToForm() => Form(Nodes, Ties, Proposals, StatusHistory);

    public static MultipartFormDataContent Form(string? nodes, string? ties, string? proposals = null, string? statusHistory = null)
    {
        var form = new MultipartFormDataContent();
        if (nodes is not null) form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(nodes)), "nodes", "nodes.csv");
        if (ties is not null) form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(ties)), "ties", "ties.csv");
        if (proposals is not null) form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(proposals)), "proposals", "proposals.csv");
        if (statusHistory is not null) form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(statusHistory)), "status_history", "status_history.csv");
        return form;
    }

    /// <summary>A JSON import body for a dataset (nodes with ids; ties).</summary>
    public static string JsonBody(Dataset dataset) => JsonSerializer.Serialize(new
    {
        nodes = dataset.Nodes.Select(n => new
        {
            id = n.Id, kind = n.Kind.Name(), area = n.Area,
            employment = n.Employment == Employment.Unknown ? null : n.Employment.Name(),
            ses = n.Ses, capacity = n.Capacity,
        }),
        ties = dataset.Ties.Select(t => new
        {
            source = t.Source, target = t.Target, kind = t.Kind.Name(), strength = t.Strength,
        }),
    }, Http.Web);
}
