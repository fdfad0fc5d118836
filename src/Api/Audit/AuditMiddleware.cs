using Microsoft.AspNetCore.Routing.Patterns;
using SocialCapital.Api.Errors;
using SocialCapital.Storage;

namespace SocialCapital.Api.Audit;

/// <summary>Records every call to an individual-level route once its status is known: answered (2xx) as <c>ok</c>, and
/// every refused or failed attempt alike — 401 <c>unauthenticated</c>, 403 <c>denied</c>, 404 <c>not_found</c>, 400/413/415
/// <c>invalid</c>, 409 <c>conflict</c>, 429 <c>throttled</c>, 5xx <c>failed</c> — including those the exception handler
/// answers (a write the store refuses), named by the status that handler gives them. A write's entry goes with the write (see
/// <see cref="AuditHttp.Audited"/>); this queues the rest on <see cref="AuditTrail"/>. Runs after routing and before
/// authentication, so it sees the 401s and 403s those answer.</summary>
internal sealed class AuditMiddleware(RequestDelegate next, AuditTrail trail)
{
    /// <summary>Route prefixes that are not audited: aggregates (areas, groups), health, documentation. What-if is audited: a
    /// coach's names individuals (its targets); an analyst's programme names none, and its entry says who planned what.</summary>
    private static readonly string[] NotAudited = ["/health", "/openapi", "/docs", "/areas", "/groups"];

    public async Task InvokeAsync(HttpContext http)
    {
        if (http.GetEndpoint() is not RouteEndpoint { RoutePattern: var route } || !Audits(route))
        {
            await next(http);
            return;
        }
        var feature = new AuditFeature(route);
        http.Features.Set(feature);
        try
        {
            await next(http);
        }
        catch (Exception e) // a refused write (its transaction and entry rolled back), a failure: recorded as the status it gets
        {
            trail.Record(feature.Entry(http, Outcome(ApiExceptionHandler.StatusOf(e))));
            throw;
        }
        if (!feature.Stored) trail.Record(feature.Entry(http, Outcome(http.Response.StatusCode)));
    }

    /// <summary>Whether calls to <paramref name="route"/> are audited.</summary>
    public static bool Audits(RoutePattern route)
    {
        var text = "/" + (route.RawText ?? "").TrimStart('/');
        foreach (var prefix in NotAudited)
            if (text.Equals(prefix, StringComparison.OrdinalIgnoreCase) || text.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase))
                return false;
        return true;
    }

    private static string Outcome(int status) => status switch
    {
        < 400 => AuditOutcomes.Ok,
        401 => AuditOutcomes.Unauthenticated,
        403 => AuditOutcomes.Denied,
        404 => AuditOutcomes.NotFound,
        409 => AuditOutcomes.Conflict,
        429 => AuditOutcomes.Throttled,
        < 500 => AuditOutcomes.Invalid,
        _ => AuditOutcomes.Failed,
    };
}
