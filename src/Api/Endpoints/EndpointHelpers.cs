using System.Globalization;
using SocialCapital.Api.Contracts;
using SocialCapital.Api.Errors;
using SocialCapital.Api.Snapshots;
using SocialCapital.Model;
using SocialCapital.Storage;

namespace SocialCapital.Api.Endpoints;

/// <summary>What every endpoint does the same way: read from one snapshot and say which, answer unknown ids alike.</summary>
internal static partial class EndpointHelpers
{
    public const string VersionHeader = "X-Snapshot-Version";

    /// <summary>The snapshot this request reads, stamped on the response (<c>ETag</c> and <c>X-Snapshot-Version</c>). A
    /// request that sent <c>X-Min-Version</c> has waited for that version before it got here (<see cref="MinVersion"/>),
    /// so the snapshot is at least at it.
    /// A request reads one snapshot however many parts of it ask: a second call returns the first's, so an answer built
    /// from several parts never mixes two states (nor carries the tag of a newer one than its body).</summary>
    public static ApiSnapshot Read(this HttpContext http, SnapshotHost host)
    {
        if (http.Items[ReadSnapshot] is ApiSnapshot read) return read;
        var snapshot = host.Current;
        http.Items[ReadSnapshot] = snapshot;
        Stamp(http, snapshot);
        return snapshot;
    }

    private static readonly object ReadSnapshot = new();

    public static void Stamp(HttpContext http, ApiSnapshot snapshot)
    {
        http.Response.Headers.ETag = snapshot.ETag;
        http.Response.Headers[VersionHeader] = snapshot.Version.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Adds a problem on <paramref name="field"/> when <paramref name="grouping"/> is not one of the snapshot's
    /// groupings (<see cref="Metrics.Brokerage.Groupings"/>: area, work_status, …, node attributes), naming the valid
    /// ones; the one check every <c>group</c>/<c>by</c> parameter gets.</summary>
    /// <returns>Whether the grouping is valid.</returns>
    public static bool CheckGrouping(this ApiSnapshot snapshot, string grouping, string field, FieldErrors errors)
    {
        var valid = Metrics.Brokerage.Groupings(snapshot.Graph);
        if (valid.Contains(grouping)) return true;
        errors.Add(field, $"Unknown grouping '{grouping}' (expected one of {string.Join(", ", valid)}).");
        return false;
    }

    /// <summary>A 404 problem answer.</summary>
    public static NotFoundProblem NotFound(string detail) =>
        new(detail);

    /// <summary>The 404 for an id that names no node the caller may see: one wording for unknown ids and ids outside the
    /// caller's areas, so the answer tells nothing about the other areas.</summary>
    public static NotFoundProblem NoNode(string id) => NotFound($"No person or place you may see has id '{id}'.");

    /// <summary>The node with this id when it exists and <paramref name="caller"/> may see it (its area is in their
    /// scope); otherwise <see langword="null"/>, the same for an unknown id and one outside the caller's areas.</summary>
    public static NodeRecord? Visible(this ApiSnapshot snapshot, Caller caller, string id) =>
        snapshot.Node(id) is { } node && caller.Sees(node.Area) ? node : null;

    /// <summary>The 404 for an id that names no node the caller may see, or <see langword="null"/> when it names one.
    /// An id outside the caller's areas is answered exactly like an unknown one: no existence oracle.</summary>
    public static NotFoundProblem? MissingNode(this ApiSnapshot snapshot, Caller caller, string id, out NodeRecord node)
    {
        node = snapshot.Visible(caller, id)!;
        return node is null ? NoNode(id) : null;
    }

    /// <summary>The 404 for an id that names no person (a citizen, mentor or coach) the caller may see — or no such
    /// person of <paramref name="kind"/> — or <see langword="null"/> when it names one. Unknown and out-of-scope ids get
    /// one answer; only a node the caller may see is named with its kind.</summary>
    public static NotFoundProblem? MissingPerson(this ApiSnapshot snapshot, Caller caller, string id, NodeKind? kind = null)
    {
        var wanted = kind is { } k ? k.Name() : "person";
        if (snapshot.Visible(caller, id) is not { } node) return NotFound($"No {wanted} you may see has id '{id}'.");
        if (kind is { } expected && node.Kind != expected) return NotFound($"'{id}' is {node.Kind.NameWithArticle()}, not {expected.NameWithArticle()}.");
        return node.IsPerson ? null : NotFound($"'{id}' is {node.Kind.NameWithArticle()}, not a person.");
    }

    /// <summary>The citizens a request names when it names none: every citizen the caller may see; null (the engine's
    /// "every citizen") for a caller of every area.</summary>
    public static IReadOnlyList<string>? CitizensOf(this ApiSnapshot snapshot, Caller caller) =>
        caller.Areas.IsAll ? null : [.. snapshot.Live.Nodes.Where(n => n.Kind == NodeKind.Citizen && caller.Sees(n.Area)).Select(n => n.Id)];

    /// <summary>Reasons as a caller of some areas may read them: an id of a node outside their areas (a mutual contact,
    /// a member of a group) becomes "someone outside your areas", so a reason tells no more than the capital view, which
    /// shows such contacts without their id. A caller of every area gets the reasons as they are.</summary>
    public static IReadOnlyList<string> Redacted(this ApiSnapshot snapshot, Caller caller, IReadOnlyList<string> reasons) =>
        caller.Areas.IsAll ? reasons
            : [.. reasons.Select(reason => IdToken().Replace(reason, m =>
                snapshot.Node(m.Value) is { } node && !caller.Sees(node.Area) ? "someone outside your areas" : m.Value))];

    [System.Text.RegularExpressions.GeneratedRegex("[A-Za-z0-9._:-]+")]
    private static partial System.Text.RegularExpressions.Regex IdToken();

    public static WriteResult ToResult(this WriteOutcome outcome) =>
        new(outcome.Effect.ToString().ToLowerInvariant(), outcome.Version, outcome.TiesRemoved);
}
