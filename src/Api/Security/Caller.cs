using System.Collections.Frozen;
using System.Security.Claims;
using SocialCapital.Security;

namespace SocialCapital.Api;

/// <summary>Who is calling, as the API understands it once the token is validated: the subject, the roles this API knows,
/// and the areas whose individuals they may see. Made once per request from the normalised claims (<see cref="Claims"/>).</summary>
internal sealed class Caller
{
    /// <summary>The claim types of the normalised identity: whatever the identity provider calls them, the API reads only
    /// these (set by <see cref="Claims.Normalise"/> when a token is validated).</summary>
    public static class Claims
    {
        /// <summary>One of <see cref="ApiTokens.Roles"/>; a caller may have several.</summary>
        public const string Role = "socialcapital/role";

        /// <summary>An area code, or <see cref="ApiTokens.AllAreas"/>.</summary>
        public const string Area = "socialcapital/area";

        /// <summary>Adds the normalised role and area claims to a validated identity: roles from <paramref name="roleClaim"/>
        /// (and, when that is the default <c>role</c>, from a <c>roles</c> array, as Entra ID sends them), kept only when
        /// they name a role this API knows; areas from <paramref name="areaClaim"/> (an array of codes, or <c>"*"</c>
        /// alone). Without an area claim a caller sees no individual, except in Development
        /// (<paramref name="everyAreaWhenMissing"/>), where it sees every area. Claims of the normalised types that the
        /// token itself carries are dropped first: only this method speaks for the API.</summary>
        public static void Normalise(ClaimsIdentity identity, string roleClaim, string areaClaim, bool everyAreaWhenMissing)
        {
            foreach (var smuggled in identity.Claims.Where(c => c.Type is Role or Area).ToArray()) identity.RemoveClaim(smuggled);
            var readRolesArray = roleClaim == ApiTokens.RoleClaim;
            var roles = identity.Claims.Where(c => c.Type == roleClaim || (readRolesArray && c.Type == "roles")).Select(c => c.Value)
                .Where(ApiTokens.Roles.Contains).Distinct(StringComparer.Ordinal).ToArray();
            var areas = identity.Claims.Where(c => c.Type == areaClaim).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToArray();
            if (areas.Length == 0 && everyAreaWhenMissing) areas = [ApiTokens.AllAreas];
            foreach (var role in roles) identity.AddClaim(new Claim(Role, role));
            foreach (var area in areas) identity.AddClaim(new Claim(Area, area));
        }
    }

    private Caller(string subject, IReadOnlyList<string> roles, AreaScope areas)
    {
        Subject = subject;
        Roles = roles;
        Areas = areas;
    }

    /// <summary>The token's subject (<c>sub</c>), or <c>anonymous</c>.</summary>
    public string Subject { get; }

    /// <summary>The roles this API knows that the token carries.</summary>
    public IReadOnlyList<string> Roles { get; }

    /// <summary>The roles in one word list, for the audit trail.</summary>
    public string Role => string.Join(',', Roles);

    /// <summary>The areas whose individuals this caller may see.</summary>
    public AreaScope Areas { get; }

    /// <summary>Whether the caller is an admin.</summary>
    public bool IsAdmin => Roles.Contains(ApiTokens.Admin);

    /// <summary>Whether the caller may see an individual (or an aggregate) of <paramref name="area"/>.</summary>
    public bool Sees(string? area) => Areas.Contains(area);

    /// <summary>The caller of this request (made once, then kept in the request's features).</summary>
    public static Caller Of(HttpContext http)
    {
        if (http.Features.Get<Caller>() is { } known) return known;
        var user = http.User;
        var caller = new Caller(
            user.FindFirst("sub")?.Value ?? "anonymous",
            [.. user.FindAll(Claims.Role).Select(c => c.Value)],
            AreaScope.Of(user.FindAll(Claims.Area).Select(c => c.Value)));
        http.Features.Set(caller);
        return caller;
    }
}

/// <summary>A set of area codes, or every area.</summary>
internal sealed class AreaScope
{
    private readonly FrozenSet<string> _codes;

    private AreaScope(bool all, FrozenSet<string> codes)
    {
        IsAll = all;
        _codes = codes;
    }

    /// <summary>Every area.</summary>
    public static AreaScope All { get; } = new(true, FrozenSet<string>.Empty);

    /// <summary>No area.</summary>
    public static AreaScope None { get; } = new(false, FrozenSet<string>.Empty);

    /// <summary>Whether this is every area.</summary>
    public bool IsAll { get; }

    /// <summary>The codes, when not <see cref="IsAll"/>.</summary>
    public IReadOnlyCollection<string> Codes => _codes;

    /// <summary>The scope named by area claim values: <c>*</c> alone means every area; <c>*</c> among codes is not a
    /// scope a token is minted with (socialcapital token refuses it), so it is read as no area at all.</summary>
    public static AreaScope Of(IEnumerable<string> values)
    {
        var codes = values.ToFrozenSet(StringComparer.Ordinal);
        if (codes.Contains(ApiTokens.AllAreas)) return codes.Count == 1 ? All : None;
        return codes.Count == 0 ? None : new AreaScope(false, codes);
    }

    /// <summary>Whether <paramref name="area"/> is in scope; a node without an area is in scope only of every area.</summary>
    public bool Contains(string? area) => IsAll || (area is not null && _codes.Contains(area));
}
