using SocialCapital.Live;

namespace SocialCapital.Api.Contracts;

/// <summary>Area measures at a series of dates for analysts (<c>GET /areas/trends</c>): aggregates only, suppressed as
/// <c>/areas</c>, computed in the background for a snapshot of the data.</summary>
/// <param name="Every">The step between the dates (<c>3m</c>).</param>
/// <param name="Dates">The dates of the series, in order.</param>
/// <param name="Items">One row per date, area of the caller's and measure, ordered so.</param>
/// <param name="ComputedFor">The snapshot the rows were computed for, and whether it is still the one being served.</param>
/// <param name="Refreshing">The computation for a newer snapshot, when one is under way; otherwise null.</param>
public sealed record TrendList(string Every, IReadOnlyList<DateOnly> Dates, IReadOnlyList<TrendRow> Items, ComputedFor ComputedFor,
    BackgroundProgress? Refreshing);

/// <summary>A person's measures at a series of dates for their coach (<c>GET /people/{id}/trends</c>).</summary>
/// <param name="Id">The person's id.</param>
/// <param name="Every">The step between the dates (<c>3m</c>).</param>
/// <param name="Dates">The dates of the series, in order.</param>
/// <param name="Items">One row per date and measure, ordered so.</param>
public sealed record PersonTrendList(string Id, string Every, IReadOnlyList<DateOnly> Dates, IReadOnlyList<PersonTrendRow> Items);

/// <summary>The answer while a background measure has no value yet (202): the computation that will give one. Ask again
/// after <c>Retry-After</c> seconds.</summary>
/// <param name="Measure">What is being computed (<c>trends</c>, <c>evidence</c>).</param>
/// <param name="Computing">The computation under way.</param>
public sealed record MeasurePending(string Measure, BackgroundProgress Computing);
