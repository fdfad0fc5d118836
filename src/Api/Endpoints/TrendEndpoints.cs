using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SocialCapital.Api.Contracts;
using SocialCapital.Api.Errors;
using SocialCapital.Api.Hosting;
using SocialCapital.Api.Snapshots;
using SocialCapital.Live;

namespace SocialCapital.Api.Endpoints;

/// <summary><c>/areas/trends</c>: area measures at a series of dates for the dashboard's time series, for analysts.
/// Aggregates only, small areas suppressed, computed once per snapshot and query.</summary>
internal static class TrendEndpoints
{
    /// <summary>The most dates one request may ask for: each costs about a full pass of the area measures.</summary>
    public const int MaxDates = 40;

    public static void MapTrends(this IEndpointRouteBuilder app)
    {
        app.MapGet("/areas/trends", List).WithTags("Areas").RequireAuthorization(Policies.Analyst)
            .WithSummary("Area measures at a series of dates, with the change split into ties started, ties ended and moves.")
            .WithDescription("`from` and `to` (yyyy-MM-dd, required, from not after to), `every` (a step of days, weeks, months or years: "
                + "14d, 2w, 1m, 3m, 1y; default 1m), `measure` (comma-separated areas columns, e.g. economic_connectedness,bridging_share; "
                + $"default all). The dates are from + k·every up to to, at most {MaxDates}. One row per date, area and measure: the value as "
                + "/areas would give it on that date, its bootstrap interval where the measure has one, and since the date before the change "
                + "split into what the ties that started and the ties that ended made of it (ended ties taken out first) and moves (0: one "
                + "area per person). Areas with fewer people than Analysis:MinCellSize show only suppressed=true; counts of ties from 1 to "
                + "that size are null. Definitions in docs/measures.md#trends. Computed on the first request for a snapshot and query "
                + "(about one full pass of the area measures per date) and kept with the snapshot. Only the caller's areas are listed.");
    }

    private static Results<Ok<TrendList>, ValidationProblem> List(HttpContext http, SnapshotHost host, IOptions<AnalysisSettings> analysis,
        string? from, string? to, string? every, string? measure)
    {
        var errors = new FieldErrors();
        var start = Date(from, "from", errors);
        var end = Date(to, "to", errors);
        if (start is { } s && end is { } e && s > e) errors.Add("to", $"'{to}' is before from ({from}).");
        var step = new TrendPeriod(1, TrendUnit.Month);
        if (every is not null && !TrendPeriod.TryParse(every, out step))
            errors.Add("every", $"'{every}' is not a step (expected {TrendPeriod.Syntax}).");
        string[] measures = measure?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];
        foreach (var name in measures)
            if (!Trends.Measures.Contains(name)) errors.Add("measure", $"'{name}' is not a measure (expected {string.Join(", ", Trends.Measures)}).");
        if (errors.Any) return errors.ToProblem();
        var snapshot = http.Read(host);
        var options = new TrendOptions
        {
            From = start!.Value,
            To = end!.Value,
            Every = step,
            Measures = measures,
            Areas = snapshot.AreaOptions,
            Graph = snapshot.GraphOptions,
            Noise = analysis.Value.NoiseOptions(),
            Release = snapshot.Version.ToString(CultureInfo.InvariantCulture),
        };
        var dates = options.Dates(MaxDates + 1);
        if (dates.Count > MaxDates)
        {
            errors.Add("every", $"from {from} to {to} every {step} gives more than {MaxDates} dates; take a longer step or a shorter range.");
            return errors.ToProblem();
        }
        var rows = snapshot.Trends(options);
        var caller = Caller.Of(http);
        return TypedResults.Ok(new TrendList(step.ToString(), dates, caller.Areas.IsAll ? rows : [.. rows.Where(r => caller.Sees(r.Area))]));
    }

    private static DateOnly? Date(string? text, string field, FieldErrors errors)
    {
        if (text is null) { errors.Add(field, "is required (yyyy-MM-dd)."); return null; }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        errors.Add(field, $"'{text}' is not an ISO date (expected yyyy-MM-dd).");
        return null;
    }
}
