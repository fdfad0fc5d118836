using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using SocialCapital.Api.Contracts;
using SocialCapital.Live;
using SocialCapital.Model;
using SocialCapital.Storage;

namespace SocialCapital.Api.Errors;

/// <summary>Turns the exceptions that mean a bad request into RFC 9457 problem details — the API's own
/// <see cref="RequestValidationException"/>, the framework's binding failures, and the engine's domain exceptions
/// (<see cref="DataValidationException"/>, <see cref="InvalidOptionsException"/>, <see cref="UnknownNodeException"/>,
/// <see cref="WrongNodeKindException"/>, <see cref="GraphStoreConflictException"/>), a store write lock another replica held
/// too long (<see cref="WriteLockTimeoutException"/>: 503 with <c>Retry-After</c>) — and everything else into a
/// logged 500 that reveals nothing: an <see cref="ArgumentException"/> or <see cref="KeyNotFoundException"/> from
/// anywhere else is a bug of ours, not the client's. docs/api.md#errors lists the mapping.</summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && http.RequestAborted.IsCancellationRequested) return true; // the client left
        var details = Describe(exception);
        if (exception is WriteLockTimeoutException) // expected under contention, and retried: not an error of ours
            log.LogWarning("Store busy on {Method} {Path}: {Message}", http.Request.Method, http.Request.Path, exception.Message);
        else if (details.Status >= 500) log.LogError(exception, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
        http.Response.StatusCode = details.Status ?? 500;
        if (exception is WriteLockTimeoutException) http.Response.Headers.RetryAfter = "1";
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = details, Exception = exception });
    }

    /// <summary>The status <paramref name="exception"/> is answered with (for the audit trail, which records it).</summary>
    public static int StatusOf(Exception exception) => Describe(exception).Status ?? 500;

    private static ProblemDetails Describe(Exception exception) => exception switch
    {
        RequestValidationException e => Invalid(e.Errors, FieldErrors.Detail),
        DataValidationException e => Invalid(FromProblems(e.Problems), e.Message, e.TotalCount),
        InvalidOptionsException e => Invalid(FromOptions(e.Problems), FieldErrors.Detail),
        UnknownNodeException e => Problem(404, "Not found", e.Message),
        WrongNodeKindException e => Problem(404, "Not found", e.Message), // as the endpoints answer an id of the wrong kind
        GraphStoreConflictException e => new ProblemDetails
        {
            Status = 409, Title = "Conflict", Detail = e.Message,
            Extensions = { ["problems"] = e.Problems.Select(p => p.ToString()).ToArray() },
        },
        BadHttpRequestException { StatusCode: 400 } e when BindingErrors.Describe(e) is { } fields => Invalid(fields, FieldErrors.Detail),
        BadHttpRequestException e => Problem(e.StatusCode, e.StatusCode == 413 ? "Payload too large" : "Bad request", e.Message),
        JsonException e => Invalid(BindingErrors.FromJson(e), "The JSON body is not valid."), // a body the API reads itself
        // Another replica held the store's write lock for longer than Replicas:WriteLockWait: nothing was written.
        // The message names the store (a path, a server): for the log, not the client.
        WriteLockTimeoutException e => Problem(503, "Store busy", $"Other writes held the store for longer than "
            + $"{e.Waited.TotalSeconds:0.###} s; nothing was written. Retry after 1 s, here or on another replica."),
        OperationCanceledException => Problem(503, "Cancelled", "The request was cancelled before it finished."),
        _ => Problem(500, "Internal error", "Something went wrong on our side; it has been logged."),
    };

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };

    private static HttpValidationProblemDetails Invalid(IDictionary<string, string[]> errors, string detail, int? total = null)
    {
        var details = new HttpValidationProblemDetails(errors) { Status = 400, Title = FieldErrors.Title, Detail = detail };
        if (total is { } t) details.Extensions["totalProblems"] = t;
        return details;
    }

    /// <summary>Options the engine refused that no endpoint checked first (e.g. <c>top</c> of peer suggestions): keyed by
    /// the option's name in camelCase, as the query and body fields are named.</summary>
    private static IDictionary<string, string[]> FromOptions(IReadOnlyList<OptionProblem> problems)
    {
        var errors = new FieldErrors();
        errors.AddOptions(problems);
        return errors.ToDictionary();
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
