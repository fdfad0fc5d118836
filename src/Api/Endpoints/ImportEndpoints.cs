using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SocialCapital.Api.Audit;
using SocialCapital.Api.Contracts;
using SocialCapital.Api.Errors;
using SocialCapital.Api.Hosting;
using SocialCapital.Api.Snapshots;
using SocialCapital.Interchange;
using SocialCapital.Model;

namespace SocialCapital.Api.Endpoints;

/// <summary><c>/import</c>: replace the whole dataset, in the interchange format or as JSON.</summary>
internal static class ImportEndpoints
{
    public static void MapImport(this IEndpointRouteBuilder app, LimitSettings limits) =>
        app.MapPost("/import", Import).WithTags("Dataset").RequireAuthorization(Policies.Admin)
            .WithSummary("Replace all data with a dataset: nodes.csv and ties.csv (and optionally proposals.csv, status_history.csv, contacts.csv) as multipart form files, or JSON.")
            .WithDescription("Multipart form: files `nodes` and `ties` in the interchange format (docs/format.md), and optionally "
                + "`proposals` and `status_history` (the mentoring lifecycle) and `contacts` (the coaches' meetings); an import without "
                + "them has none. Each field at most once. JSON: "
                + "{ \"nodes\": [...], \"ties\": [...] } with the same fields as PUT /people and PUT /ties (nodes carry their id). "
                + "Both `nodes` and `ties` are required (either may be an empty list). An import that would leave the store "
                + "empty is refused unless `allowEmpty=true` is given: it deletes everything. "
                + "It replaces every area, so it needs a token for every area. All or nothing: any problem (every one is listed, with file, line and column) leaves the data as it was.")
            .Accepts<ImportRequest>("application/json", "multipart/form-data")
            // 413 comes from the body-size limit, 415 is a ProblemHttpResult: neither declares its status itself.
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithMetadata(new RequestSizeLimitAttribute(limits.MaxImportBytes));

    /// <summary>Bad files or records are a 400 listing every problem with file, line and column
    /// (<see cref="DataValidationException"/> from the engine's reader).</summary>
    private static async Task<Results<Ok<ImportResult>, ValidationProblem, ProblemHttpResult, ForbiddenProblem>> Import(HttpContext http,
        SnapshotHost host, ILogger<SnapshotHost> log, bool? allowEmpty, CancellationToken cancellationToken)
    {
        if (WriteScope.CheckEveryArea(Caller.Of(http), "Imports") is { } forbidden) return forbidden;
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
        if (dataset.Nodes.Count == 0 && allowEmpty != true)
            throw Invalid("nodes", "This import holds no nodes, so it would delete everything stored. If that is what you mean, "
                + "send it again with allowEmpty=true in the query.");
        var snapshot = await host.ImportAsync(dataset, http.WriteEntry(), cancellationToken);
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
        var errors = new FieldErrors();
        IFormFile? File(string field, string file, bool required)
        {
            var files = form.Files.GetFiles(field);
            if (files.Count > 1) errors.Add(field, $"The form has {files.Count} file fields '{field}'; send {file} once.");
            else if (files.Count == 0 && required) errors.Add(field, $"The form needs a file field '{field}' ({file}).");
            return files.Count == 1 ? files[0] : null;
        }

        var nodes = File("nodes", DatasetReader.NodesFileName, required: true);
        var ties = File("ties", DatasetReader.TiesFileName, required: true);
        var proposals = File("proposals", DatasetReader.ProposalsFileName, required: false);
        var history = File("status_history", DatasetReader.StatusHistoryFileName, required: false);
        var contacts = File("contacts", DatasetReader.ContactsFileName, required: false);
        errors.ThrowIfAny();
        using var nodesStream = nodes!.OpenReadStream();
        using var tiesStream = ties!.OpenReadStream();
        using var proposalsStream = proposals?.OpenReadStream();
        using var historyStream = history?.OpenReadStream();
        using var contactsStream = contacts?.OpenReadStream();
        return DatasetReader.Read(nodesStream, tiesStream, DatasetReader.NodesFileName, DatasetReader.TiesFileName, proposalsStream, historyStream,
            contacts: contactsStream);
    }

    private static Dataset FromJson(ImportRequest body)
    {
        var errors = new FieldErrors();
        if (body.Nodes is null) errors.Add("nodes", "nodes is required: the list of nodes to store (it may be empty).");
        if (body.Ties is null) errors.Add("ties", "ties is required: the list of ties to store (it may be empty).");
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

    private static RequestValidationException Invalid(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });
}
