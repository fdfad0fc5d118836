using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using SocialCapital.Api.Contracts;
using SocialCapital.Api.Hosting;
using SocialCapital.Api.Snapshots;
using SocialCapital.Interchange;
using SocialCapital.Model;

namespace SocialCapital.Api.Endpoints;

/// <summary><c>/import</c> and <c>/export</c>: the whole dataset in the interchange format.</summary>
internal static class DatasetEndpoints
{
    public static void MapDataset(this IEndpointRouteBuilder app, LimitSettings limits)
    {
        var dataset = app.MapGroup("/").WithTags("Dataset").RequireAuthorization(Policies.Admin);
        dataset.MapPost("/import", Import)
            .WithSummary("Replace all data with a dataset: nodes.csv and ties.csv as multipart form files, or JSON.")
            .WithDescription("Multipart form: files `nodes` and `ties` in the interchange format (docs/format.md). JSON: "
                + "{ \"nodes\": [...], \"ties\": [...] } with the same fields as PUT /people and PUT /ties (nodes carry their id). "
                + "All or nothing: any problem (every one is listed, with file, line and column) leaves the data as it was.")
            .Accepts<ImportRequest>("application/json", "multipart/form-data")
            .Produces<ImportResult>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithMetadata(new RequestSizeLimitAttribute(limits.MaxImportBytes));
        dataset.MapGet("/export", Export)
            .WithSummary("The whole dataset as a zip of nodes.csv and ties.csv (the interchange format).")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip");
    }

    private static async Task<IResult> Import(HttpContext http, SnapshotHost host, ILogger<SnapshotHost> log, CancellationToken cancellationToken)
    {
        var request = http.Request;
        Dataset dataset;
        if (request.HasFormContentType) dataset = await FromForm(request, cancellationToken);
        else if (request.HasJsonContentType())
        {
            var body = await request.ReadFromJsonAsync<ImportRequest>(cancellationToken)
                ?? throw Invalid("body", "The body is empty.");
            dataset = FromJson(body);
        }
        else
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: "Send multipart/form-data with files 'nodes' and 'ties', or application/json.");
        var snapshot = await host.ImportAsync(dataset, cancellationToken);
        EndpointHelpers.Stamp(http, snapshot);
        log.LogInformation("Imported {Nodes} nodes and {Ties} ties at version {Version}", dataset.Nodes.Count, dataset.Ties.Count, snapshot.Version);
        return TypedResults.Ok(new ImportResult(snapshot.Version, dataset.Nodes.Count, dataset.Ties.Count));
    }

    private static async Task<Dataset> FromForm(HttpRequest request, CancellationToken cancellationToken)
    {
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or InvalidDataException && !cancellationToken.IsCancellationRequested)
        {
            throw Invalid("body", $"The multipart form could not be read: {e.Message}");
        }
        var nodes = form.Files.GetFile("nodes");
        var ties = form.Files.GetFile("ties");
        var errors = new FieldErrors();
        if (nodes is null) errors.Add("nodes", "The form needs a file field 'nodes' (nodes.csv).");
        if (ties is null) errors.Add("ties", "The form needs a file field 'ties' (ties.csv).");
        errors.ThrowIfAny();
        using var nodesStream = nodes!.OpenReadStream();
        using var tiesStream = ties!.OpenReadStream();
        return DatasetReader.Read(nodesStream, tiesStream, DatasetReader.NodesFileName, DatasetReader.TiesFileName);
    }

    private static Dataset FromJson(ImportRequest body)
    {
        var errors = new FieldErrors();
        var nodes = new List<NodeRecord>();
        for (var i = 0; i < (body.Nodes?.Count ?? 0); i++)
        {
            var node = body.Nodes![i];
            if (node is null) { errors.Add($"nodes[{i}]", "a node must be an object, not null."); continue; }
            if (string.IsNullOrWhiteSpace(node.Id)) { errors.Add($"nodes[{i}].id", "id is required."); continue; }
            try { nodes.Add(node.ToRecord(node.Id)); }
            catch (RequestValidationException e)
            {
                foreach (var (field, messages) in e.Errors) foreach (var m in messages) errors.Add($"nodes[{i}].{field}", m);
            }
        }
        var ties = new List<TieRecord>();
        for (var i = 0; i < (body.Ties?.Count ?? 0); i++)
        {
            if (body.Ties![i] is { } tie) ties.Add(tie.ToRecord(errors, $"ties[{i}]."));
            else errors.Add($"ties[{i}]", "a tie must be an object, not null.");
        }
        errors.ThrowIfAny();
        return Dataset.Create(nodes, ties);
    }

    private static async Task<IResult> Export(HttpContext http, SnapshotHost host)
    {
        var snapshot = http.Read(host);
        // Zip into a temporary file (ZipArchive writes synchronously; the response body must not be written so).
        var file = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            await Entry(zip, DatasetReader.NodesFileName, w => DatasetWriter.WriteNodes(snapshot.Dataset, w));
            await Entry(zip, DatasetReader.TiesFileName, w => DatasetWriter.WriteTies(snapshot.Dataset, w));
        }
        file.Position = 0;
        return TypedResults.File(file, "application/zip", $"socialcapital-v{snapshot.Version}.zip");
    }

    private static async Task Entry(ZipArchive zip, string name, Action<TextWriter> write)
    {
        await using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
        write(writer);
    }

    private static RequestValidationException Invalid(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>The JSON body of <c>POST /import</c>.</summary>
public sealed class ImportRequest
{
    /// <summary>The nodes, each with its id.</summary>
    public IReadOnlyList<PersonBody>? Nodes { get; set; }

    /// <summary>The ties.</summary>
    public IReadOnlyList<TieBody>? Ties { get; set; }
}

/// <summary>What an import stored.</summary>
/// <param name="Version">The new data version.</param>
/// <param name="Nodes">Nodes stored.</param>
/// <param name="Ties">Ties stored.</param>
public sealed record ImportResult(long Version, int Nodes, int Ties);
