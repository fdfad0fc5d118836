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
    /// <remarks>Every end must be within the caller's reach (<see cref="OutOfReach"/>), else a 404 worded like an unknown
    /// id; a coach's tie must also have a citizen of their areas at one end (403).</remarks>
    public static ProblemResult? CheckTie(ApiSnapshot snapshot, Caller caller, string source, string target, TieKind? kind)
    {
        var coach = !caller.IsAdmin;
        if (coach && (kind is not { } k || !ArrangedByCoaches.Contains(k)))
            return new ForbiddenProblem("Your role (coach) may create and end only the ties coaches arrange: "
                + $"{string.Join(", ", ArrangedByCoaches.Select(t => t.Name()))} (give the kind).");
        foreach (var id in (string[])[source, target])
            if (OutOfReach(snapshot, caller, id, kind)) return EndpointHelpers.NoNode(id);
        return coach && !HasOwnCitizen(snapshot, caller, source, target)
            ? new ForbiddenProblem("A coach's tie must have a citizen of their areas at one end.")
            : null;
    }

    /// <summary>Whether one end of a proposed tie of <paramref name="kind"/> lies beyond the caller: unknown (for a caller
    /// of some areas only — for a caller of every area the engine names an unknown id), or outside their areas. The one
    /// exception is a mentor at one end of a mentoring tie, whom matches offer from any area. So a scoped caller learns
    /// nothing from an answer about a node of another area but whether it is a mentor, which matches tell anyway.</summary>
    public static bool OutOfReach(ApiSnapshot snapshot, Caller caller, string id, TieKind? kind)
    {
        if (snapshot.Node(id) is not { } node) return !caller.Areas.IsAll;
        return !caller.Sees(node.Area) && !(node.Kind == NodeKind.Mentor && kind == TieKind.Mentoring);
    }

    /// <summary>Whether a citizen of the caller's areas is at one end.</summary>
    public static bool HasOwnCitizen(ApiSnapshot snapshot, Caller caller, string source, string target) =>
        snapshot.Visible(caller, source)?.Kind == NodeKind.Citizen || snapshot.Visible(caller, target)?.Kind == NodeKind.Citizen;

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
