using System.Text;
using System.Text.Json;
using SocialCapital.Cli.Tests.Infrastructure;

namespace SocialCapital.Cli.Tests;

/// <summary><c>socialcapital token</c>, run as a real process.</summary>
public sealed class TokenCommandTests
{
    [Theory]
    [InlineData("coach")]
    [InlineData("analyst")]
    [InlineData("admin")]
    public void Token_Role_PrintsOnlyASignedJwtForThatRole(string role)
    {
        var result = CliProcess.Run("token", "--role", role);

        Assert.True(result.ExitCode == 0, result.ToString());
        var token = result.StdOut.TrimEnd('\n');
        Assert.DoesNotContain('\n', token); // the bare token and nothing else
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        var payload = JsonDocument.Parse(Base64Url(parts[1])).RootElement;
        Assert.Equal(role, payload.GetProperty("role").GetString());
        Assert.Equal("socialcapital", payload.GetProperty("iss").GetString());
        Assert.Equal("socialcapital-api", payload.GetProperty("aud").GetString());
        Assert.True(payload.GetProperty("exp").GetInt64() > DateTimeOffset.UtcNow.AddHours(11).ToUnixTimeSeconds());
    }

    [Fact]
    public void Token_UnknownRole_ExitsOneAndPrintsNoToken()
    {
        var result = CliProcess.Run("token", "--role", "boss");

        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain("eyJ", result.StdOut, StringComparison.Ordinal); // no token, only usage
        Assert.Contains("boss", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Token_ShortKey_ExitsOneNamingTheKey()
    {
        var result = CliProcess.Run("token", "--role", "coach", "--key", "short");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--key", result.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("A1,A2", new[] { "A1", "A2" })]
    [InlineData("A1", new[] { "A1" })]
    [InlineData("A1,A1,B", new[] { "A1", "B" })]
    [InlineData("*", new[] { "*" })]
    public void Token_Areas_CarriesThemAsAnArrayClaim(string areas, string[] expected)
    {
        var result = CliProcess.Run("token", "--role", "coach", "--areas", areas);

        Assert.True(result.ExitCode == 0, result.ToString());
        var claim = Payload(result).GetProperty("areas");
        Assert.Equal(JsonValueKind.Array, claim.ValueKind); // always an array, even for one code or '*'
        Assert.Equal(expected, claim.EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal("coach", Payload(result).GetProperty("role").GetString());
        Assert.DoesNotContain("note:", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Token_NoAreas_HasNoAreaClaimAndSaysSoOnStandardError()
    {
        var result = CliProcess.Run("token", "--role", "coach");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.False(Payload(result).TryGetProperty("areas", out _));
        var note = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Development", note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("A1,,A2", "empty")]
    [InlineData("A1,", "empty")]
    [InlineData("A1, A2", "whitespace")]
    [InlineData("A1,*", "stands alone")]
    [InlineData("A\u202E1", "invisible")] // right-to-left override
    [InlineData("A\u200B1", "invisible")] // zero-width space
    [InlineData("A\u00071", "control")]
    public void Token_BadAreaCode_ExitsOneNamingTheProblemAndPrintsNoToken(string areas, string problem)
    {
        var result = CliProcess.Run("token", "--role", "coach", "--areas", System.Text.RegularExpressions.Regex.Unescape(areas));

        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain("eyJ", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("--areas", result.StdErr, StringComparison.Ordinal);
        Assert.Contains(problem, result.StdErr, StringComparison.Ordinal);
    }

    private static JsonElement Payload(CliResult result) =>
        JsonDocument.Parse(Base64Url(result.StdOut.TrimEnd('\n').Split('.')[1])).RootElement;

    private static string Base64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        return Encoding.UTF8.GetString(Convert.FromBase64String(padded));
    }
}
