using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace SocialCapital.Api.Errors;

/// <summary>An answer written as RFC 9457 problem details (<c>application/problem+json</c>, through the app's
/// <see cref="IProblemDetailsService"/> like every other problem). A subclass declares its status in the OpenAPI
/// document when it is part of an endpoint's <c>Results&lt;…&gt;</c>; the framework's <c>NotFound&lt;ProblemDetails&gt;</c>
/// would write and declare <c>application/json</c>.</summary>
internal abstract class ProblemResult(int status, string title, string detail)
    : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<ProblemDetails>
{
    public ProblemDetails Value { get; } = new() { Status = status, Title = title, Detail = detail };

    object? IValueHttpResult.Value => Value;

    public int StatusCode => status;

    int? IStatusCodeHttpResult.StatusCode => status;

    public Task ExecuteAsync(HttpContext httpContext) => TypedResults.Problem(Value).ExecuteAsync(httpContext);
}

/// <summary>A 404 problem.</summary>
internal sealed class NotFoundProblem(string detail)
    : ProblemResult(StatusCodes.Status404NotFound, "Not found", detail), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(ProblemMetadata.Of(StatusCodes.Status404NotFound));
}

/// <summary>A 409 problem. Endpoints whose store write can conflict declare it in their <c>Results&lt;…&gt;</c>; the
/// answer itself is written by <see cref="ApiExceptionHandler"/> from the store's
/// <see cref="Storage.GraphStoreConflictException"/>, in the same shape.</summary>
internal sealed class ConflictProblem(string detail)
    : ProblemResult(StatusCodes.Status409Conflict, "Conflict", detail), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(ProblemMetadata.Of(StatusCodes.Status409Conflict));
}

internal static class ProblemMetadata
{
    /// <summary>"Answers <paramref name="status"/> with problem details", for the OpenAPI document.</summary>
    public static ProducesResponseTypeMetadata Of(int status) => new(status, typeof(ProblemDetails), ["application/problem+json"]);
}

/// <summary>A 403 problem: the caller's role may make this call, but not with these arguments (a coach writing a tie they
/// do not arrange, an admin storing a person outside their areas). 403s for a role that may not make the call at all
/// come from the authorization policies.</summary>
internal sealed class ForbiddenProblem(string detail)
    : ProblemResult(StatusCodes.Status403Forbidden, "Forbidden", detail), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(ProblemMetadata.Of(StatusCodes.Status403Forbidden));
}

/// <summary>A 503 problem: the service cannot give this answer now (a background computation failed for the data being
/// served); it may once the data changes.</summary>
internal sealed class UnavailableProblem(string detail)
    : ProblemResult(StatusCodes.Status503ServiceUnavailable, "Service unavailable", detail), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(ProblemMetadata.Of(StatusCodes.Status503ServiceUnavailable));
}
