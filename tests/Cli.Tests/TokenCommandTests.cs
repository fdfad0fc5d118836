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

    private static string Base64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        return Encoding.UTF8.GetString(Convert.FromBase64String(padded));
    }
}
