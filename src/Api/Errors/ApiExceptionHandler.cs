using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using SocialCapital.Api.Contracts;
using SocialCapital.Api.Endpoints;
using SocialCapital.Interchange;
using SocialCapital.Storage;
using SocialCapital.Model;

namespace SocialCapital.Api.Errors;

/// <summary>Turns every exception into RFC 9457 problem details: the user's mistakes into 400/404/409/413 with what
/// and where, anything else into a 500 that reveals nothing.</summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && http.RequestAborted.IsCancellationRequested) return true; // the client left
        var details = Describe(exception);
        if (details.Status >= 500) log.LogError(exception, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
        http.Response.StatusCode = details.Status ?? 500;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = details, Exception = exception });
    }

    private static ProblemDetails Describe(Exception exception) => exception switch
    {
        RequestValidationException e => Invalid(e.Errors, "The request is not valid."),
        DataValidationException e => Invalid(FromProblems(e.Problems), e.Message, e.TotalCount),
        GraphStoreConflictException e => new ProblemDetails
        {
            Status = 409, Title = "Conflict", Detail = e.Message,
            Extensions = { ["problems"] = e.Problems.Select(p => p.ToString()).ToArray() },
        },
        NotFoundException e => Problem(404, "Not found", e.Message),
        KeyNotFoundException e => Problem(404, "Not found", e.Message),
        BadHttpRequestException { StatusCode: 400 } e when BindingErrors.Describe(e) is { } fields => Invalid(fields, "The request is not valid."),
        BadHttpRequestException e => Problem(e.StatusCode, e.StatusCode == 413 ? "Payload too large" : "Bad request", e.Message),
        JsonException e => Invalid(BindingErrors.FromJson(e), "The JSON body is not valid."),
        InvalidDataException e => Problem(400, "Bad request", e.Message), // malformed multipart form
        ArgumentException e => Problem(400, "Bad request", e.Message), // an engine option out of range
        OperationCanceledException => Problem(503, "Cancelled", "The request was cancelled before it finished."),
        _ => Problem(500, "Internal error", "Something went wrong on our side; it has been logged."),
    };

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };

    private static HttpValidationProblemDetails Invalid(IDictionary<string, string[]> errors, string detail, int? total = null)
    {
        var details = new HttpValidationProblemDetails(errors) { Status = 400, Title = "Invalid input", Detail = detail };
        if (total is { } t) details.Extensions["totalProblems"] = t;
        return details;
    }

    /// <summary>Field errors keyed by the JSON field (<c>ageBand</c>) for single records, by file, line and column for imports.</summary>
    private static Dictionary<string, string[]> FromProblems(IReadOnlyList<DataProblem> problems) =>
        problems.GroupBy(Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(p => p.ToString()).ToArray(), StringComparer.Ordinal);

    private static string Key(DataProblem p)
    {
        if (p.Line is { } line) return $"{p.Source}:{line}:{p.Column ?? "row"}";
        if (p.Column is null) return "body";
        var words = p.Column.Split('_'); // age_band → ageBand, as the JSON fields are named
        return words[0] + string.Concat(words.Skip(1).Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]));
    }
}
