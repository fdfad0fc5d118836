using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SocialCapital.Security;

namespace SocialCapital.Api.Tests.Infrastructure;

/// <summary>Bearer tokens for the in-process API: minted with the API's own <see cref="ApiTokens"/> and the test
/// issuer, audience and key that <see cref="TestApi"/> configures; plus the bad ones the API must refuse.</summary>
internal static class Tokens
{
    public const string Issuer = "socialcapital-tests";
    public const string Audience = "socialcapital-api-tests";
    public const string SigningKey = "socialcapital-api-tests-signing-key-0123456789";
    public const string OtherKey = "a-different-key-the-api-never-trusts-0123456789";

    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    /// <summary>A valid token for <paramref name="role"/>; its subject (the rate-limit partition) is <c>dev-ROLE</c>
    /// unless given.</summary>
    public static string For(string role, string? subject = null, IReadOnlyList<string>? areas = null) =>
        ApiTokens.Mint(role, Issuer, Audience, SigningKey, Lifetime, subject, areas ?? [ApiTokens.AllAreas]);

    /// <summary>Right claims, signed with a key the API does not know.</summary>
    public static string SignedWithOtherKey(string role) => ApiTokens.Mint(role, Issuer, Audience, OtherKey, Lifetime);

    public static string WrongIssuer(string role) => ApiTokens.Mint(role, "someone-else", Audience, SigningKey, Lifetime);

    public static string WrongAudience(string role) => ApiTokens.Mint(role, Issuer, "another-api", SigningKey, Lifetime);

    /// <summary>Signed with the right key, but expired an hour ago (well past the one-minute clock skew).</summary>
    public static string Expired(string role)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity([new Claim("sub", "expired-" + role), new Claim(ApiTokens.RoleClaim, role)]),
            IssuedAt = now.AddHours(-2),
            NotBefore = now.AddHours(-2),
            Expires = now.AddHours(-1),
            SigningCredentials = new SigningCredentials(ApiTokens.Key(SigningKey), SecurityAlgorithms.HmacSha256),
        });
    }
}
