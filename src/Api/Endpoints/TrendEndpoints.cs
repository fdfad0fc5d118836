using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SocialCapital.Api.Audit;
using SocialCapital.Api.Contracts;
using SocialCapital.Api.Errors;
using SocialCapital.Api.Hosting;
using SocialCapital.Api.Snapshots;
using SocialCapital.Live;

namespace SocialCapital.Api.Endpoints;

/// <summary>Measures at a series of dates: <c>/areas/trends</c> for the analysts' dashboard (aggregates only, small areas
/// suppressed, computed in the background per snapshot and query: <see cref="BackgroundQueries{TKey, T}"/>) and
/// <c>/people/{id}/trends</c> for coaches (one person's measures, scoped and audited like every person endpoint).</summary>
internal static class TrendEndpoints
{
    /// <summary>The most dates one request may ask for: each costs about a full pass of the area measures.</summary>
    public const int MaxDates = 40;

    /// <summary>How long a request waits for a computation when nothing has finished yet: enough for a small graph to
    /// answer at once, short enough never to hold a connection for minutes.</summary>
    private static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(2);

    private const string Dates = "`from` and `to` (yyyy-MM-dd, required, from not after to), `every` (a step of days, weeks, months or "
        + "years: 14d, 2w, 1m, 3m, 1y; default 1m). The dates are from + k·every up to to, at most 40.";

    /// <summary>An area trend query: the dates and measures (the snapshot supplies the rest).</summary>
    internal sealed record Query(DateOnly From, DateOnly To, TrendPeriod Every, string Measures);

    public static void MapTrends(this IEndpointRouteBuilder app)
    {
        app.MapGet("/areas/trends", List).WithTags("Areas").RequireAuthorization(Policies.Analyst)
            .WithSummary("Area measures at a series of dates, with the change split into ties started, ties ended and moves.")
            .WithDescription(Dates + " `measure`: comma-separated areas columns, e.g. economic_connectedness,bridging_share; "
                + "default all. One row per date, area and measure: the value as "
                + "/areas would give it on that date, its bootstrap interval where the measure has one, and since the date before the change "
                + "split into what the ties that started and the ties that ended made of it (ended ties taken out first) and moves (0: one "
                + "area per person). Areas with fewer people than Analysis:MinCellSize show only suppressed=true; counts of ties from 1 to "
                + "that size are null. Definitions in docs/measures.md#trends. Computed in the background per query (about two full passes "
                + "of the area measures per date), never inside a request: `computedFor` names the snapshot the rows belong to and "
                + "`computedFor.current` whether that is still the one served; a read after writes starts the next computation "
                + "(`refreshing`) and gets the previous rows meanwhile. 202 with `Retry-After` while no rows for the query exist yet; "
                + "503 when the computation for the data being served failed, naming that data's version, and when 16 other queries "
                + "are being computed (with `Retry-After`). Only the caller's areas are listed.");
        app.MapGet("/people/{id}/trends", Person).WithTags("People").RequireAuthorization(Policies.Coach)
            .WithSummary("A person's measures at a series of dates, with the change split into their ties started and ended.")
            .WithDescription(Dates + " `measure`: comma-separated person measures as `metrics` names them (degree, bridging, "
                + "constraint, work_connectedness, …); default all. One row per date and measure: the value as the person's measures "
                + "would give it on that date, and since the date before the change split into what the ties that started and the "
                + "ties that ended made of it, with the person's own ties started and ended. Definitions in docs/measures.md#trends. "
                + "Computed on request from the person's neighbourhood. A person outside the caller's areas answers 404, like an "
                + "unknown id.");
    }

    /// <summary>The background computation of area trends, registered once per service.</summary>
    public static BackgroundQueries<Query, IReadOnlyList<TrendRow>> Background(IServiceProvider services)
    {
        var analysis = services.GetRequiredService<IOptions<AnalysisSettings>>().Value;
        return new BackgroundQueries<Query, IReadOnlyList<TrendRow>>("area trends",
            (snapshot, query, progress, token) => Trends.Compute(snapshot.Dataset, new TrendOptions
            {
                From = query.From,
                To = query.To,
                Every = query.Every,
                Measures = Names(query.Measures),
                Areas = snapshot.AreaOptions with { Progress = progress, CancellationToken = token },
                Graph = snapshot.GraphOptions,
                Noise = analysis.NoiseOptions(),
                Release = snapshot.Version.ToString(CultureInfo.InvariantCulture),
            }),
            services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<TrendRow>>(),
            services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
    }

    private static async Task<Results<Ok<TrendList>, Accepted<MeasurePending>, ValidationProblem, UnavailableProblem>> List(HttpContext http,
        SnapshotHost host, BackgroundQueries<Query, IReadOnlyList<TrendRow>> background, TimeProvider time, string? from, string? to,
        string? every, string? measure, CancellationToken cancellationToken)
    {
        var (options, errors) = Check(from, to, every, measure, Trends.Measures);
        if (options is null) return errors.ToProblem();
        var snapshot = http.Read(host);
        var query = new Query(options.From, options.To, options.Every, string.Join(',', options.Measures ?? []));
        if (background.For(query) is not { } computation) return background.Busy(http);
        var (latest, running, failed) = await computation.ReadAsync(snapshot, FirstWait, cancellationToken);
        if (latest is not null)
        {
            var caller = Caller.Of(http);
            var rows = latest.Value;
            return TypedResults.Ok(new TrendList(options.Every.ToString(), options.Dates(), caller.Areas.IsAll ? rows : [.. rows.Where(r => caller.Sees(r.Area))],
                latest.For(snapshot), running?.View));
        }
        if (failed || running is null)
            return background.Failed(snapshot);
        http.Response.Headers.RetryAfter = running.RetryAfter(time).ToString(CultureInfo.InvariantCulture);
        return TypedResults.Accepted((string?)null, new MeasurePending("trends", running.View));
    }

    private static Results<Ok<PersonTrendList>, NotFoundProblem, ValidationProblem> Person(HttpContext http, SnapshotHost host, string id,
        string? from, string? to, string? every, string? measure)
    {
        var (options, errors) = Check(from, to, every, measure, PersonTrends.Measures);
        if (options is null) return errors.ToProblem();
        var snapshot = http.Read(host);
        if (snapshot.MissingPerson(Caller.Of(http), id) is { } missing) return missing;
        var rows = PersonTrends.Compute(snapshot.PersonTrends, [id], options with
        {
            Areas = snapshot.AreaOptions with { CancellationToken = http.RequestAborted },
            Graph = snapshot.GraphOptions,
        });
        http.AuditTargets([id]);
        return TypedResults.Ok(new PersonTrendList(id, options.Every.ToString(), options.Dates(), rows));
    }

    /// <summary>The options of a valid query (null when there is a problem), and every problem of the parameters, each
    /// under its field.</summary>
    private static (TrendOptions? Options, FieldErrors Errors) Check(string? from, string? to, string? every, string? measure, IReadOnlyList<string> known)
    {
        var errors = new FieldErrors();
        var start = Date(from, "from", errors);
        var end = Date(to, "to", errors);
        if (start is { } s && end is { } e && s > e) errors.Add("to", $"'{to}' is before from ({from}).");
        var step = new TrendPeriod(1, TrendUnit.Month);
        if (every is not null && !TrendPeriod.TryParse(every, out step))
            errors.Add("every", $"'{every}' is not a step (expected {TrendPeriod.Syntax}).");
        var measures = Names(measure);
        foreach (var name in measures)
            if (!known.Contains(name)) errors.Add("measure", $"'{name}' is not a measure (expected {string.Join(", ", known)}).");
        if (errors.Any) return (null, errors);
        var options = new TrendOptions { From = start!.Value, To = end!.Value, Every = step, Measures = measures };
        if (options.Dates(MaxDates + 1).Count <= MaxDates) return (options, errors);
        errors.Add("every", $"from {from} to {to} every {step} gives more than {MaxDates} dates; take a longer step or a shorter range.");
        return (null, errors);
    }

    private static string[] Names(string? list) => list?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];

    private static DateOnly? Date(string? text, string field, FieldErrors errors)
    {
        if (text is null) { errors.Add(field, "is required (yyyy-MM-dd)."); return null; }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        errors.Add(field, $"'{text}' is not an ISO date (expected yyyy-MM-dd).");
        return null;
    }
}
