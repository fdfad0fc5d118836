using SocialCapital.Live;

namespace SocialCapital.Api.Contracts;

/// <summary>Area measures at a series of dates for analysts (<c>GET /areas/trends</c>): aggregates only, suppressed as
/// <c>/areas</c>.</summary>
/// <param name="Every">The step between the dates (<c>3m</c>).</param>
/// <param name="Dates">The dates of the series, in order.</param>
/// <param name="Items">One row per date, area of the caller's and measure, ordered so.</param>
public sealed record TrendList(string Every, IReadOnlyList<DateOnly> Dates, IReadOnlyList<TrendRow> Items);
