using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SocialCapital.Api.Contracts;
using SocialCapital.Api.Endpoints;
using SocialCapital.Api.Errors;
using SocialCapital.Api.Hosting;
using SocialCapital.Api.Snapshots;
using SocialCapital.Storage;

namespace SocialCapital.Api.Audit;

/// <summary><c>GET /audit</c> (admins), and the audit's services and middleware.</summary>
internal static class AuditEndpoints
{
    /// <summary>Registers the audit writer (a hosted service) and its settings; a negative retention stops startup.</summary>
    public static void AddAudit(this IServiceCollection services, IConfiguration config)
    {
        var settings = config.GetSection("Audit").Get<AuditSettings>() ?? new AuditSettings();
        if (settings.RetentionDays < 0)
            throw new StartupException($"Audit:RetentionDays must be 0 (keep forever) or a number of days; it is {settings.RetentionDays}.");
        services.Configure<AuditSettings>(config.GetSection("Audit"));
        services.AddSingleton<AuditTrail>();
        services.AddHostedService(s => s.GetRequiredService<AuditTrail>());
    }

    public static void MapAudit(this IEndpointRouteBuilder app) =>
        app.MapGet("/audit", List).WithTags("Audit").RequireAuthorization(Policies.Admin)
            .WithSummary("The audit trail: who read or wrote whose data, when, and how it ended; newest first, a page at a time.")
            .WithDescription("`actor`: a token subject; `target`: an individual's id; `from` (inclusive) and `to` (exclusive): "
                + "ISO 8601 times or dates (UTC unless an offset is given). Reads are in the trail within a second; writes "
                + "with the write. See docs/api.md, Audit trail. Needs a token for every area.");

    private static async Task<Results<Ok<Paged<AuditEntryView>>, ValidationProblem, ForbiddenProblem>> List(HttpContext http, SnapshotHost host,
        string? actor, string? target, string? from, string? to, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (WriteScope.CheckEveryArea(Caller.Of(http), "Audit trails") is { } forbidden) return forbidden;
        var errors = new FieldErrors();
        var fromTime = Time(from, "from", errors);
        var toTime = Time(to, "to", errors);
        if (fromTime > toTime) errors.Add("to", "to must not be before from.");
        if (actor is { Length: 0 }) errors.Add("actor", "actor must not be empty.");
        if (target is { Length: 0 }) errors.Add("target", "target must not be empty.");
        var paging = Paging.Check(page, pageSize, errors);
        if (errors.Any) return errors.ToProblem();
        http.Read(host); // stamps the snapshot version, as every answer does
        http.AuditTargets([target]);
        var skip = (long)(paging.Page - 1) * paging.PageSize;
        var result = await host.Store.QueryAuditAsync(new AuditQuery
        {
            Actor = actor, Target = target, From = fromTime, To = toTime,
            Skip = (int)Math.Min(skip, int.MaxValue), Limit = paging.PageSize,
        }, cancellationToken);
        return TypedResults.Ok(new Paged<AuditEntryView>([.. result.Entries.Select(AuditEntryView.From)], paging.Page, paging.PageSize,
            (int)Math.Min(result.Total, int.MaxValue)));
    }

    /// <summary>An ISO 8601 time (<c>2026-01-31T09:00:00Z</c>, an offset, or UTC without one) or date (midnight UTC).</summary>
    private static DateTimeOffset? Time(string? text, string field, FieldErrors errors)
    {
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return new DateTimeOffset(date, TimeOnly.MinValue, TimeSpan.Zero);
        if (text.Contains('T', StringComparison.Ordinal) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            return time;
        errors.Add(field, $"{field} must be an ISO 8601 date (2026-01-31) or time (2026-01-31T09:00:00Z); got '{text}'.");
        return null;
    }
}
