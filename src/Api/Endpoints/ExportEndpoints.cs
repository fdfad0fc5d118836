using System.IO.Compression;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Text;
using SocialCapital.Api.Errors;
using SocialCapital.Api.Snapshots;
using SocialCapital.Interchange;

namespace SocialCapital.Api.Endpoints;

/// <summary><c>/export</c>: the whole dataset in the interchange format.</summary>
internal static class ExportEndpoints
{
    public static void MapExport(this IEndpointRouteBuilder app) =>
        app.MapGet("/export", Export).WithTags("Dataset").RequireAuthorization(Policies.Admin)
            .WithSummary("The whole dataset as a zip of nodes.csv and ties.csv, with proposals.csv, status_history.csv and contacts.csv when there are any (the interchange format).")
            .WithDescription("Every area's data, so it needs a token for every area.")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip");

    private static async Task<Results<FileStreamHttpResult, ForbiddenProblem>> Export(HttpContext http, SnapshotHost host)
    {
        if (WriteScope.CheckEveryArea(Caller.Of(http), "Exports") is { } forbidden) return forbidden;
        // From the store, which keeps the order records were first stored in (an export of an import is the import).
        var stored = await host.Store.ExportAsync(http.RequestAborted);
        http.Response.Headers[EndpointHelpers.VersionHeader] = stored.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Response.Headers.ETag = ApiSnapshot.TagOf(stored.Version, host.Current.Graph.AsOf);
        // Zip into a temporary file (ZipArchive writes synchronously; the response body must not be written so).
        var file = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            await Entry(zip, DatasetReader.NodesFileName, w => DatasetWriter.WriteNodes(stored.Dataset, w));
            await Entry(zip, DatasetReader.TiesFileName, w => DatasetWriter.WriteTies(stored.Dataset, w));
            // The optional files only when they have records, as a dataset folder has them.
            if (stored.Dataset.Proposals.Count > 0)
                await Entry(zip, DatasetReader.ProposalsFileName, w => DatasetWriter.WriteProposals(stored.Dataset, w));
            if (stored.Dataset.StatusHistory.Count > 0)
                await Entry(zip, DatasetReader.StatusHistoryFileName, w => DatasetWriter.WriteStatusHistory(stored.Dataset, w));
            if (stored.Dataset.Contacts.Count > 0)
                await Entry(zip, DatasetReader.ContactsFileName, w => DatasetWriter.WriteContacts(stored.Dataset, w));
        }
        file.Position = 0;
        return TypedResults.File(file, "application/zip", $"socialcapital-v{stored.Version}.zip");
    }

    private static async Task Entry(ZipArchive zip, string name, Action<TextWriter> write)
    {
        await using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
        write(writer);
    }
}
