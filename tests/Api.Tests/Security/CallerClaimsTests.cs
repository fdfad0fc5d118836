using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SocialCapital.Security;

namespace SocialCapital.Api.Tests.Security;

/// <summary><see cref="Caller.Claims.Normalise"/> on the claims a real token carries (parsed by
/// <see cref="JsonWebToken"/>, so arrays arrive as one claim per element, as in the API): roles from the role claim and
/// a <c>roles</c> array, known roles only; areas from the configured claim, <c>*</c> or a list; none without a claim
/// outside Development.</summary>
public sealed class CallerClaimsTests
{
    [Fact]
    public void Normalise_RolesArrayAndRoleClaim_KeepsKnownRolesOnly()
    {
        var caller = CallerOf(new() { ["role"] = "coach", ["roles"] = new[] { "analyst", "superuser", "Admin", "admin " } });

        Assert.Equal(["analyst", "coach"], caller.Roles.Order(StringComparer.Ordinal));
        Assert.False(caller.IsAdmin);
    }

    [Fact]
    public void Normalise_TokenCarryingTheNormalisedClaimTypes_TheyAreDroppedNotTrusted()
    {
        var caller = CallerOf(new() { ["role"] = "coach", [Caller.Claims.Role] = "admin", [Caller.Claims.Area] = "*", ["areas"] = new[] { "A1" } });

        Assert.Equal(["coach"], caller.Roles);
        Assert.Equal(["A1"], caller.Areas.Codes);
    }

    [Fact]
    public void Normalise_StarAmongCodes_IsNoAreaNotEvery()
    {
        var caller = CallerOf(new() { ["role"] = "coach", ["areas"] = new[] { "A1", "*" } });

        Assert.False(caller.Areas.IsAll);
        Assert.False(caller.Sees("A1"));
    }

    [Fact]
    public void Normalise_CustomRoleClaimAndARolesArray_ReadsOnlyTheCustomClaim()
    {
        var caller = CallerOf(new() { ["app_role"] = new[] { "coach" }, ["roles"] = new[] { "admin" } }, roleClaim: "app_role");

        Assert.Equal(["coach"], caller.Roles);
    }

    [Fact]
    public void Normalise_CustomRoleClaim_ReadsItAndNotRole()
    {
        var caller = CallerOf(new() { ["app_role"] = new[] { "admin" }, ["role"] = "coach" }, roleClaim: "app_role");

        Assert.Equal(["admin"], caller.Roles);
    }

    [Fact]
    public void Normalise_AreaList_ScopesToThoseAreas()
    {
        var caller = CallerOf(new() { ["role"] = "coach", ["areas"] = new[] { "A1", "A2" } });

        Assert.False(caller.Areas.IsAll);
        Assert.Equal(["A1", "A2"], caller.Areas.Codes.Order(StringComparer.Ordinal));
        Assert.True(caller.Sees("A1"));
        Assert.False(caller.Sees("A3"));
        Assert.False(caller.Sees("a1")); // codes are exact
        Assert.False(caller.Sees(null));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Normalise_Star_ScopesToEveryArea(bool asArray)
    {
        var caller = CallerOf(new() { ["role"] = "coach", ["areas"] = asArray ? new[] { ApiTokens.AllAreas } : ApiTokens.AllAreas });

        Assert.True(caller.Areas.IsAll);
        Assert.True(caller.Sees("A9"));
    }

    [Fact]
    public void Normalise_CustomAreaClaim_ReadsItAndNotAreas()
    {
        var caller = CallerOf(new() { ["role"] = "coach", ["ca_codes"] = new[] { "B1" }, ["areas"] = new[] { "*" } }, areaClaim: "ca_codes");

        Assert.Equal(["B1"], caller.Areas.Codes);
    }

    [Fact]
    public void Normalise_NoAreaClaimOutsideDevelopment_SeesNoIndividual()
    {
        var caller = CallerOf(new() { ["role"] = "admin" });

        Assert.Same(AreaScope.None, caller.Areas);
        Assert.False(caller.Sees("A1"));
    }

    [Fact]
    public void Normalise_NoAreaClaimInDevelopment_SeesEveryArea()
    {
        var caller = CallerOf(new() { ["role"] = "coach" }, development: true);

        Assert.True(caller.Areas.IsAll);
    }

    private static Caller CallerOf(Dictionary<string, object> claims, string roleClaim = ApiTokens.RoleClaim,
        string areaClaim = ApiTokens.AreaClaim, bool development = false)
    {
        claims["sub"] = "someone";
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(ApiTokens.Key(new string('k', 32)), SecurityAlgorithms.HmacSha256),
        });
        var identity = new ClaimsIdentity(new JsonWebToken(token).Claims, "Bearer");
        Caller.Claims.Normalise(identity, roleClaim, areaClaim, development);
        return Caller.Of(new DefaultHttpContext { User = new ClaimsPrincipal(identity) });
    }
}
