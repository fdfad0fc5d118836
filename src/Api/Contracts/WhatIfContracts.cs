using SocialCapital.Recommendations;

namespace SocialCapital.Api.Contracts;

/// <summary>The body of <c>POST /what-if</c>: exactly one of <c>programme</c> (the only form an analyst may send), <c>ties</c> or <c>assignment</c> (coaches and admins).</summary>
public sealed class WhatIfRequest
{
    /// <summary>A programme described without naming anyone; the engine chooses the citizens and their mentors.</summary>
    public ProgrammeBody? Programme { get; set; }

    /// <summary>Proposed ties (coaches and admins; a coach's ties may involve only people of the coach's areas, or mentors).</summary>
    public IReadOnlyList<TieBody>? Ties { get; set; }

    /// <summary>Proposed mentor assignment: each pair becomes a mentoring tie from the mentor to the citizen (coaches and admins).</summary>
    public IReadOnlyList<ProposedPair>? Assignment { get; set; }

    /// <summary>Relative rise in the chance of moving into work per added in-work contact; default 0.15.</summary>
    /// <example>0.15</example>
    public double? Effect { get; set; }

    /// <summary>Chance an out-of-work person moves into work over the period without the change; default 0.10.</summary>
    /// <example>0.1</example>
    public double? Baseline { get; set; }
}

/// <summary>A mentoring programme: "mentor <c>citizens</c> citizens of <c>area</c> from the mentor pool".</summary>
public sealed class ProgrammeBody
{
    /// <summary>The area whose citizens the programme reaches.</summary>
    /// <example>A1</example>
    public string? Area { get; set; }

    /// <summary>How many citizens: at least Analysis:MinCellSize and a multiple of it (10, 20, 30… by default).</summary>
    /// <example>20</example>
    public int? Citizens { get; set; }

    /// <summary>Which citizens: <c>out_of_work</c> (default) or <c>fewest_bridging_ties</c> (any work status); either way those without a current mentor, fewest bridging ties first, then by id.</summary>
    /// <example>out_of_work</example>
    public string? Which { get; set; }

    /// <summary>Where the mentors come from: <c>same_area</c> (default) or <c>any_area</c>.</summary>
    /// <example>same_area</example>
    public string? Pool { get; set; }

    /// <summary>Most programme citizens per mentor, within the mentor's free places; 0 or absent = only the free places.</summary>
    /// <example>2</example>
    public int? MaxPerMentor { get; set; }
}

/// <summary>A proposed citizen–mentor pair.</summary>
public sealed class ProposedPair
{
    /// <summary>The citizen's id.</summary>
    /// <example>c0001</example>
    public string? Citizen { get; set; }

    /// <summary>The mentor's id.</summary>
    /// <example>m0001</example>
    public string? Mentor { get; set; }
}

/// <summary>A what-if answer.</summary>
/// <param name="ProposedTies">How many ties were proposed (named what-if only; null for a programme, whose exact count of mentored citizens is not published).</param>
/// <param name="Programme">The programme evaluated and how many of its citizens were mentored (programme only).</param>
/// <param name="Areas">The change per area: every area for named ties; for a programme its area and its mentors' areas, suppressed below Analysis:MinCellSize and with Analysis:Noise.</param>
public sealed record WhatIfView(int? ProposedTies, ProgrammeView? Programme, IReadOnlyList<AreaChange> Areas);

/// <summary>A programme as evaluated.</summary>
/// <param name="Area">Its area.</param>
/// <param name="Citizens">Citizens it chose.</param>
/// <param name="MentoredCitizens">Of them, those the pool had places for, rounded down to a multiple of Analysis:MinCellSize.</param>
/// <param name="Which">Which citizens.</param>
/// <param name="Pool">Where the mentors came from.</param>
/// <param name="MaxPerMentor">Most citizens per mentor (0: the mentors' free places).</param>
public sealed record ProgrammeView(string Area, int Citizens, int MentoredCitizens, string Which, string Pool, int MaxPerMentor);
