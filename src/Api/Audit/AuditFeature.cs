using Microsoft.AspNetCore.Routing.Patterns;
using SocialCapital.Storage;

namespace SocialCapital.Api.Audit;

/// <summary>The audit state of one request to an audited route: whom it names, and whether its entry already went to
/// the store with a write.</summary>
internal sealed class AuditFeature(RoutePattern route)
{
    private readonly List<string> _targets = []; // in the order named
    private readonly HashSet<string> _named = new(StringComparer.Ordinal); // each once: an assignment names 100k ids

    /// <summary>What the entry says was done: <c>GET /people/{id}</c>.</summary>
    public string Action(HttpContext http)
    {
        var pattern = route.RawText ?? "";
        if (pattern.Length > 1) pattern = pattern.TrimEnd('/');
        if (!pattern.StartsWith('/')) pattern = "/" + pattern;
        return $"{http.Request.Method} {pattern}";
    }

    /// <summary>Whether the endpoint named its targets (otherwise the route's <c>{id}</c> and the <c>source</c> and
    /// <c>target</c> query values are taken).</summary>
    public bool Named { get; private set; }

    /// <summary>Whether the request's entry was appended by the store with its write (the middleware then adds none).</summary>
    public bool Stored { get; set; }

    public void Add(IEnumerable<string?> ids)
    {
        Named = true;
        foreach (var id in ids)
            if (id is not null && _named.Add(id)) _targets.Add(id);
    }

    /// <summary>The entry for this request, with <paramref name="outcome"/>.</summary>
    public AuditEntry Entry(HttpContext http, string outcome)
    {
        if (!Named)
        {
            var defaults = new List<string?> { http.Request.RouteValues.TryGetValue("id", out var id) ? id as string : null };
            foreach (var name in (string[])["source", "target"])
                if (http.Request.Query.TryGetValue(name, out var value) && value.Count == 1) defaults.Add(value[0]);
            Add(defaults);
        }
        var caller = Caller.Of(http);
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        return new AuditEntry(now, caller.Subject, caller.Role, Action(http), [.. _targets], outcome);
    }
}
