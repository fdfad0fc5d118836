using SocialCapital.Api.Contracts;
using System.Globalization;
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

    /// <summary>The node with this id, or a 404.</summary>
    public static NodeRecord RequireNode(this ApiSnapshot snapshot, string id) =>
        snapshot.Node(id) ?? throw new NotFoundException($"No person or place has id '{id}'.");

    /// <summary>The person with this id (a citizen, mentor or coach), or a 404.</summary>
    public static NodeRecord RequirePerson(this ApiSnapshot snapshot, string id, NodeKind? kind = null)
    {
        var node = snapshot.RequireNode(id);
        if (kind is { } k && node.Kind != k) throw new NotFoundException($"'{id}' is {node.Kind.NameWithArticle()}, not {k.NameWithArticle()}.");
        if (!node.IsPerson) throw new NotFoundException($"'{id}' is {node.Kind.NameWithArticle()}, not a person.");
        return node;
    }

    public static WriteResult ToResult(this WriteOutcome outcome) =>
        new(outcome.Effect.ToString().ToLowerInvariant(), outcome.Version, outcome.TiesRemoved);

    /// <summary>Checks a <c>top</c> argument.</summary>
    public static int Top(int? top, int fallback = 10, int max = 1000)
    {
        if (top is { } t && (t < 1 || t > max))
        {
            var errors = new Contracts.FieldErrors();
            errors.Add("top", $"top must be from 1 to {max}.");
            errors.ThrowIfAny();
        }
        return top ?? fallback;
    }
}

/// <summary>An id names nothing the request may use; answered with 404.</summary>
internal sealed class NotFoundException(string message) : Exception(message);
