using System.CommandLine;
using SocialCapital.Security;

namespace SocialCapital.Cli.Commands;

/// <summary><c>socialcapital token --role R [--areas A1,A2|*]</c>: a bearer token for the API, signed with the development
/// key unless told otherwise, scoped to the areas given (the <c>areas</c> claim, always an array). Prints the bare token on
/// standard output and nothing else, so it can be captured; a note on standard error when it carries no areas.</summary>
internal static class TokenCommand
{
    public static Command Create()
    {
        var role = new Option<string>("--role") { Description = $"The role: {string.Join(", ", ApiTokens.Roles)}.", Required = true };
        role.AcceptOnlyFromAmong([.. ApiTokens.Roles]);
        var hours = new Option<double>("--hours") { Description = "How long the token is valid, in hours (default 12).", DefaultValueFactory = _ => 12 };
        hours.Validators.Add(r => { if (r.GetValueOrDefault<double>() is <= 0 or > 24 * 366) r.AddError("--hours must be above 0 and at most a year."); });
        var subject = new Option<string?>("--subject") { Description = "Whom the token names (claim sub; default dev-ROLE). Rate limits count per subject." };
        var issuer = new Option<string>("--issuer") { Description = "Issuer (the API's Jwt:Issuer).", DefaultValueFactory = _ => ApiTokens.DefaultIssuer };
        var audience = new Option<string>("--audience") { Description = "Audience (the API's Jwt:Audience).", DefaultValueFactory = _ => ApiTokens.DefaultAudience };
        var key = new Option<string?>("--key")
        {
            Description = "Signing key (the API's Jwt:SigningKey, at least 32 bytes). Default: the environment variable Jwt__SigningKey, "
                + "else the public development key, which only an API in the Development environment accepts.",
        };
        key.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } k && System.Text.Encoding.UTF8.GetByteCount(k) < ApiTokens.MinKeyBytes)
                r.AddError($"--key must be at least {ApiTokens.MinKeyBytes} bytes (HS256).");
        });
        var areas = new Option<string?>("--areas")
        {
            Description = "The areas whose individuals the token may see: codes separated by commas (A1,A2), or '*' for every area. "
                + "Without it the token has no area claim and sees individuals only in an API running in Development.",
        };
        areas.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } text && !ApiTokens.TryParseAreas(text, out _, out var problem))
                r.AddError($"--areas: {problem}.");
        });
        var command = new Command("token",
            "Mint a bearer token for the API (for local use and scripts). Prints only the token on standard output.")
        {
            role, areas, hours, subject, issuer, audience, key,
        };
        CommandRunner.SetAction(command, (parse, _, _) =>
        {
            var signingKey = parse.GetValue(key)
                ?? (Environment.GetEnvironmentVariable("Jwt__SigningKey") is { Length: > 0 } fromEnvironment ? fromEnvironment : ApiTokens.DevelopmentSigningKey);
            if (System.Text.Encoding.UTF8.GetByteCount(signingKey) < ApiTokens.MinKeyBytes)
                throw new InvalidInputException($"the signing key in Jwt__SigningKey must be at least {ApiTokens.MinKeyBytes} bytes (HS256).");
            IReadOnlyList<string>? scope = null;
            if (parse.GetValue(areas) is { } text && ApiTokens.TryParseAreas(text, out var codes, out _)) scope = codes;
            else
                Console.Error.WriteLine("note: no --areas, so the token has no area claim: an API outside Development shows it no individual "
                    + "(--areas A1,A2 for some areas, --areas '*' for all).");
            Console.Out.WriteLine(ApiTokens.Mint(parse.GetRequiredValue(role), parse.GetRequiredValue(issuer), parse.GetRequiredValue(audience),
                signingKey, TimeSpan.FromHours(parse.GetValue(hours)), parse.GetValue(subject), scope));
            return ExitCodes.Success;
        });
        return command;
    }
}
