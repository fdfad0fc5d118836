using SocialCapital.Api.Endpoints;
using SocialCapital.Api.Errors;
using SocialCapital.Api.Snapshots;
using SocialCapital.Model;

namespace SocialCapital.Api;

/// <summary>Who may write what, where: the rules every write endpoint applies after the role policy has let the caller in.
/// Admins may write anything in their areas; coaches may create and end only the ties they arrange, for citizens of
/// their areas. An end the caller may not see is answered like an unknown one.</summary>
internal static class WriteScope
{
    /// <summary>The tie kinds a coach arranges, and so may create and end.</summary>
    public static readonly IReadOnlyList<TieKind> ArrangedByCoaches = [TieKind.Mentoring, TieKind.Coaching, TieKind.Referral, TieKind.Membership];

    /// <summary>Checks a tie write (a store of one tie, or a delete of one kind or — admins only — every kind):
    /// <see langword="null"/> when allowed, else the 403 or 404 to answer.</summary>
    /// <remarks>Every end must be a node the caller may see, except that a coach's arranged party (the mentor, coach,
    /// group or referee at the other end from their citizen) may live in another area: matches offer mentors of any
    /// area. For a caller of every area an unknown end is left to the engine's own 400; for a scoped caller it is a 404,
    /// worded like an end outside their areas.</remarks>
    public static ProblemResult? CheckTie(ApiSnapshot snapshot, Caller caller, string source, string target, TieKind? kind)
    {
        var coach = !caller.IsAdmin;
        if (coach && (kind is not { } k || !ArrangedByCoaches.Contains(k)))
            return new ForbiddenProblem("Your role (coach) may create and end only the ties coaches arrange: "
                + $"{string.Join(", ", ArrangedByCoaches.Select(t => t.Name()))} (give the kind).");
        var citizens = 0;
        foreach (var id in (string[])[source, target])
        {
            var node = snapshot.Node(id);
            if (node is null)
            {
                if (caller.Areas.IsAll) continue; // the engine names it: unknown id
                return EndpointHelpers.NoNode(id);
            }
            var mustSee = !coach || node.Kind == NodeKind.Citizen;
            if (mustSee && !caller.Sees(node.Area)) return EndpointHelpers.NoNode(id);
            if (node.Kind == NodeKind.Citizen) citizens++;
        }
        return coach && citizens == 0
            ? new ForbiddenProblem("A coach's tie must have a citizen of their areas at one end.")
            : null;
    }

    /// <summary>Checks a write of a whole node: the node, if stored already, must be one the caller may see (else 404,
    /// as for an unknown id), and its new area must be one of theirs (else 403).</summary>
    public static ProblemResult? CheckNode(ApiSnapshot snapshot, Caller caller, string id, string? newArea)
    {
        if (snapshot.Node(id) is { } stored && !caller.Sees(stored.Area))
            return EndpointHelpers.NoNode(id);
        if (!caller.Sees(newArea))
            return new ForbiddenProblem(newArea is null
                ? "Only a caller of every area may store a person or place without an area."
                : $"You may store people and places only in your areas; '{newArea}' is not one of them.");
        return null;
    }

    /// <summary>Calls that cover every area — import, export, the audit trail, a data subject's access and erasure (their
    /// record may be gone, their audit entries span areas) — need a caller of every area (else 403, naming
    /// <paramref name="what"/>).</summary>
    public static ForbiddenProblem? CheckEveryArea(Caller caller, string what) => caller.Areas.IsAll ? null
        : new ForbiddenProblem($"{what} cover every area, so they need a token for every area (areas: \"*\"); yours is limited to "
            + $"{(caller.Areas.Codes.Count == 0 ? "no area" : string.Join(", ", caller.Areas.Codes.Order(StringComparer.Ordinal)))}.");
}
