namespace SocialCapital.Api.Errors;

/// <summary>Writes a problem-details answer from middleware, where there is no endpoint result to return: the same
/// JSON the endpoints' problems have.</summary>
internal static class ProblemWriter
{
    public static Task WriteAsync(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        return http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}
