using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SocialCapital.Security;

/// <summary>The API's roles and how its bearer tokens are made. Shared (as a linked file) by the API, which prints
/// development tokens at start-up, and the CLI's <c>socialcapital token</c>, so both mint exactly the same tokens.</summary>
internal static class ApiTokens
{
    /// <summary>People, capital, matches, recommendations, what-if, and the ties coaches arrange (in their areas).</summary>
    public const string Coach = "coach";

    /// <summary>Areas, groups, what-if: aggregates only.</summary>
    public const string Analyst = "analyst";

    /// <summary>Everything, including writes, import and export.</summary>
    public const string Admin = "admin";

    /// <summary>Every role, in the order they are printed.</summary>
    public static readonly IReadOnlyList<string> Roles = [Coach, Analyst, Admin];

    /// <summary>The claim that carries the role in the tokens this project mints (and, by default, the claim the API
    /// reads roles from: <c>Jwt:RoleClaim</c>).</summary>
    public const string RoleClaim = "role";

    /// <summary>The claim that carries the caller's areas in the tokens this project mints (and, by default, the claim the
    /// API reads areas from: <c>Jwt:AreaClaim</c>): an array of area codes, or <see cref="AllAreas"/>.</summary>
    public const string AreaClaim = "areas";

    /// <summary>The area claim's value for "every area".</summary>
    public const string AllAreas = "*";

    /// <summary>Issuer used when <c>Jwt:Issuer</c> is not configured.</summary>
    public const string DefaultIssuer = "socialcapital";

    /// <summary>Audience used when <c>Jwt:Audience</c> is not configured.</summary>
    public const string DefaultAudience = "socialcapital-api";

    /// <summary>The published development signing key: accepted only in the Development environment, where it is used
    /// when <c>Jwt:SigningKey</c> is empty. Never a secret.</summary>
    public const string DevelopmentSigningKey = "socialcapital-development-only-signing-key-not-a-secret-2026";

    /// <summary>The smallest signing key HS256 accepts: 256 bits.</summary>
    public const int MinKeyBytes = 32;

    /// <summary>The area codes of an <c>--areas</c> list: <c>*</c> alone for every area, or codes separated by commas,
    /// each non-empty and free of whitespace, control and format characters (bidi overrides, zero-width spaces);
    /// repeated codes count once. <paramref name="problem"/> says what is wrong when the list is refused.</summary>
    public static bool TryParseAreas(string text, out IReadOnlyList<string> areas, out string? problem)
    {
        areas = [];
        if (text == AllAreas)
        {
            areas = [AllAreas];
            problem = null;
            return true;
        }
        var codes = text.Split(',');
        foreach (var code in codes)
        {
            problem = code.Length == 0 ? "an area code is empty (two commas, or one at an end)"
                : code == AllAreas ? $"'{AllAreas}' means every area and stands alone"
                : code.Any(char.IsWhiteSpace) ? $"the area code '{code}' contains whitespace"
                : SocialCapital.Model.TextRule.Problem(code) is { } rule ? $"the area code '{SocialCapital.Model.TextRule.Visible(code)}' {rule}"
                : null;
            if (problem is not null) return false;
        }
        areas = codes.Distinct(StringComparer.Ordinal).ToArray();
        problem = null;
        return true;
    }

    /// <summary>The key the API validates with and the tools sign with.</summary>
    public static SymmetricSecurityKey Key(string signingKey) => new(Encoding.UTF8.GetBytes(signingKey));

    /// <summary>Makes a signed bearer token for one role. <paramref name="areas"/>: the area codes the caller may see
    /// individuals in (<c>["*"]</c> for every area); <see langword="null"/> leaves the area claim out, and such a token
    /// sees no individual outside the Development environment.</summary>
    public static string Mint(string role, string issuer, string audience, string signingKey, TimeSpan lifetime, string? subject = null,
        IReadOnlyList<string>? areas = null)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", subject ?? $"dev-{role}"), new Claim(RoleClaim, role)]),
            Claims = areas is null ? null : new Dictionary<string, object> { [AreaClaim] = areas.ToArray() }, // always an array
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(Key(signingKey), SecurityAlgorithms.HmacSha256),
        });
    }
}
