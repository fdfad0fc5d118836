using SocialCapital.Storage;

namespace SocialCapital.Api.Audit;

/// <summary>How endpoints take part in the audit: name the individuals they read (<see cref="AuditTargets"/>), and wrap
/// their store write so its entry commits with it (<see cref="Audited"/>).</summary>
internal static class AuditHttp
{
    /// <summary>Names the individuals this request reads or writes (e.g. the ids on a page); may be called more than
    /// once. Without it the route's <c>{id}</c> is the target. A no-op on routes that are not audited.</summary>
    public static void AuditTargets(this HttpContext http, IEnumerable<string?> ids) => http.Features.Get<AuditFeature>()?.Add(ids);

    /// <summary>A store write that appends this request's audit entry (naming <paramref name="targets"/>) in its own
    /// transaction (see <see cref="WriteEntry"/>).</summary>
    public static Func<IGraphStore, CancellationToken, Task<WriteOutcome>> Audited(this HttpContext http,
        Func<IGraphStore, AuditEntry?, CancellationToken, Task<WriteOutcome>> write, params string?[] targets)
    {
        var entry = http.WriteEntry(targets);
        return (store, token) => write(store, entry, token);
    }

    /// <summary>This request's entry for a write, to pass to the store write (which sets its outcome), or
    /// <see langword="null"/> on a route that is not audited. From here on the middleware adds no entry for an answered
    /// request: a store write either appends this one with its change (changed or not) or throws — its transaction, and
    /// this entry, rolled back — and then the middleware records the refused attempt (<c>invalid</c>, <c>conflict</c>).</summary>
    public static AuditEntry? WriteEntry(this HttpContext http, params string?[] targets)
    {
        if (http.Features.Get<AuditFeature>() is not { } feature) return null;
        if (targets.Length > 0) feature.Add(targets);
        feature.Stored = true;
        return feature.Entry(http, "pending");
    }
}
