namespace SocialCapital.Api.Errors;

/// <summary>Writes a problem-details answer from middleware, where there is no endpoint result to return: the same
/// JSON the endpoints' problems have.</summary>
internal static class ProblemWriter
{
    public static Task WriteAsync(HttpContext http, int status, string title, string detail,
        IEnumerable<KeyValuePair<string, object?>>? extensions = null)
    {
        http.Response.StatusCode = status;
        var context = new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        };
        foreach (var (name, value) in extensions ?? []) context.ProblemDetails.Extensions[name] = value;
        return http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(context).AsTask();
    }
}
