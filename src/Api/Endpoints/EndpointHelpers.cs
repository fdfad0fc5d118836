using System.Globalization;
using SocialCapital.Api.Contracts;
using SocialCapital.Api.Errors;
using SocialCapital.Api.Snapshots;
using SocialCapital.Model;
using SocialCapital.Storage;

namespace SocialCapital.Api.Endpoints;

/// <summary>What every endpoint does the same way: read from one snapshot and say which, answer unknown ids alike.</summary>
internal static class EndpointHelpers
{
    public const string VersionHeader = "X-Snapshot-Version";

    /// <summary>The snapshot this request reads, stamped on the response (<c>ETag</c> and <c>X-Snapshot-Version</c>).</summary>
    public static ApiSnapshot Read(this HttpContext http, SnapshotHost host)
    {
        var snapshot = host.Current;
        Stamp(http, snapshot);
        return snapshot;
    }

    public static void Stamp(HttpContext http, ApiSnapshot snapshot)
    {
        http.Response.Headers.ETag = snapshot.ETag;
        http.Response.Headers[VersionHeader] = snapshot.Version.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A 404 problem answer.</summary>
    public static NotFoundProblem NotFound(string detail) =>
        new(detail);

    /// <summary>The 404 for an id that names no node, or <see langword="null"/> when it names one.</summary>
    public static NotFoundProblem? MissingNode(this ApiSnapshot snapshot, string id, out NodeRecord node)
    {
        node = snapshot.Node(id)!;
        return node is null ? NotFound($"No person or place has id '{id}'.") : null;
    }

    /// <summary>The 404 for an id that names no person (a citizen, mentor or coach) — or no person of
    /// <paramref name="kind"/> — or <see langword="null"/> when it names one.</summary>
    public static NotFoundProblem? MissingPerson(this ApiSnapshot snapshot, string id, NodeKind? kind = null)
    {
        if (snapshot.MissingNode(id, out var node) is { } missing) return missing;
        if (kind is { } k && node.Kind != k) return NotFound($"'{id}' is {node.Kind.NameWithArticle()}, not {k.NameWithArticle()}.");
        return node.IsPerson ? null : NotFound($"'{id}' is {node.Kind.NameWithArticle()}, not a person.");
    }

    public static WriteResult ToResult(this WriteOutcome outcome) =>
        new(outcome.Effect.ToString().ToLowerInvariant(), outcome.Version, outcome.TiesRemoved);
}
