using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace SocialCapital.Api.Errors;

/// <summary>A 404 answered as RFC 9457 problem details (<c>application/problem+json</c>, through the app's
/// <see cref="IProblemDetailsService"/> like every other problem), and declared so in the OpenAPI document when it is
/// part of an endpoint's <c>Results&lt;…&gt;</c>. The framework's <c>NotFound&lt;ProblemDetails&gt;</c> would write and
/// declare <c>application/json</c>.</summary>
internal sealed class NotFoundProblem : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<ProblemDetails>
{
    public NotFoundProblem(string detail) =>
        Value = new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found", Detail = detail };

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(ProblemMetadata.Of(StatusCodes.Status404NotFound));

    public ProblemDetails Value { get; }

    object? IValueHttpResult.Value => Value;

    public int StatusCode => StatusCodes.Status404NotFound;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public Task ExecuteAsync(HttpContext httpContext) => TypedResults.Problem(Value).ExecuteAsync(httpContext);
}

/// <summary>A 409 problem (<c>application/problem+json</c>). Endpoints whose store write can conflict declare it in their
/// <c>Results&lt;…&gt;</c>; the answer itself is written by <see cref="ApiExceptionHandler"/> from the store's
/// <see cref="Storage.GraphStoreConflictException"/>, in the same shape.</summary>
internal sealed class ConflictProblem : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<ProblemDetails>
{
    public ConflictProblem(string detail) =>
        Value = new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Conflict", Detail = detail };

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(ProblemMetadata.Of(StatusCodes.Status409Conflict));

    public ProblemDetails Value { get; }

    object? IValueHttpResult.Value => Value;

    public int StatusCode => StatusCodes.Status409Conflict;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public Task ExecuteAsync(HttpContext httpContext) => TypedResults.Problem(Value).ExecuteAsync(httpContext);
}

internal static class ProblemMetadata
{
    /// <summary>"Answers <paramref name="status"/> with problem details", for the OpenAPI document.</summary>
    public static ProducesResponseTypeMetadata Of(int status) => new(status, typeof(ProblemDetails), ["application/problem+json"]);
}
