using Microsoft.AspNetCore.Routing.Patterns;
using SocialCapital.Storage;

namespace SocialCapital.Api.Audit;

/// <summary>Records every call to an individual-level route once its status is known: answered (2xx) as <c>ok</c>, and
/// refused attempts — 401 <c>unauthenticated</c>, 403 <c>denied</c>, 404 <c>not_found</c> — alike. Other answers (400,
/// 409, 413, 429, 5xx) read or changed nothing and are not recorded. A write's entry goes with the write (see
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
        await next(http); // an exception (a refused write, a failure) is not recorded
        if (feature.Stored || Outcome(http.Response.StatusCode) is not { } outcome) return;
        trail.Record(feature.Entry(http, outcome));
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

    private static string? Outcome(int status) => status switch
    {
        >= 200 and < 300 => AuditOutcomes.Ok,
        401 => AuditOutcomes.Unauthenticated,
        403 => AuditOutcomes.Denied,
        404 => AuditOutcomes.NotFound,
        _ => null,
    };
}
