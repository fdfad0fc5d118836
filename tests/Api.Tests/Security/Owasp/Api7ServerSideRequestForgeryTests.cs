using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Security.Owasp;

/// <summary>OWASP API7:2023 Server Side Request Forgery: nothing a caller sends makes the API open a connection. Keys come
/// only from configuration (the signing key, or the configured authority's JWKS); a token that names where to fetch its
/// key (<c>jku</c>, <c>x5u</c>) or claims an issuer URL is refused without the API ever contacting that address.</summary>
public sealed class Api7ServerSideRequestForgeryTests(ToyApi toy) : IClassFixture<ToyApi>, IDisposable
{
    private readonly TcpListener _trap = StartTrap();
    private int _connections;

    private static TcpListener StartTrap()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return listener;
    }

    private string TrapUrl(string path) => $"http://127.0.0.1:{((IPEndPoint)_trap.LocalEndpoint).Port}{path}";

    private async Task<int> ConnectionsAfterAsync(TimeSpan wait)
    {
        var until = DateTime.UtcNow + wait;
        while (DateTime.UtcNow < until)
        {
            if (_trap.Pending()) { using var client = await _trap.AcceptTcpClientAsync(); _connections++; }
            else await Task.Delay(50);
        }
        return _connections;
    }

    [Theory]
    [InlineData("jku")]
    [InlineData("x5u")]
    public async Task Token_NamingAKeyUrl_401AndTheUrlIsNeverFetched(string header)
    {
        using var rsa = RSA.Create(2048);
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Tokens.Issuer,
            Audience = Tokens.Audience,
            Subject = new ClaimsIdentity([new Claim("sub", "attacker"), new Claim("role", "admin"), new Claim("areas", "*")]),
            Expires = DateTime.UtcNow.AddHours(1),
            AdditionalHeaderClaims = new Dictionary<string, object> { [header] = TrapUrl("/keys.json") },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = "attacker" }, SecurityAlgorithms.RsaSha256),
        });
        using var response = await toy.Api.WithToken(token).GetAsync("/people");
        await response.AssertProblemAsync(401);
        Assert.Equal(0, await ConnectionsAfterAsync(TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task Token_ClaimingAnIssuerUrl_401AndTheIssuerIsNeverContacted()
    {
        var token = SocialCapital.Security.ApiTokens.Mint("admin", TrapUrl(""), Tokens.Audience, Tokens.SigningKey, TimeSpan.FromHours(1), areas: ["*"]);
        using var response = await toy.Api.WithToken(token).GetAsync("/people");
        await response.AssertProblemAsync(401);
        Assert.Equal(0, await ConnectionsAfterAsync(TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task Requests_WithUrlsInBodiesOrQueries_AreDataNeverFetched()
    {
        using (var put = await toy.Api.Admin.PutJsonAsync("/people/ssrf-1", new { kind = "citizen", area = "A", sector = TrapUrl("/sector") }))
            await put.AssertSuccessAsync();
        using (var get = await toy.Api.Admin.GetAsync($"/people?area={Uri.EscapeDataString(TrapUrl("/area"))}"))
            await get.AssertSuccessAsync();
        Assert.Equal(0, await ConnectionsAfterAsync(TimeSpan.FromMilliseconds(500)));
    }

    public void Dispose() => _trap.Stop();
}
