using SocialCapital.Recommendations;

namespace SocialCapital.Api.Contracts;

/// <summary>The body of <c>POST /what-if</c>.</summary>
public sealed class WhatIfRequest
{
    /// <summary>Proposed ties.</summary>
    public IReadOnlyList<TieBody>? Ties { get; set; }

    /// <summary>Proposed mentor assignment: each pair becomes a mentoring tie from the mentor to the citizen.</summary>
    public IReadOnlyList<ProposedPair>? Assignment { get; set; }

    /// <summary>Relative rise in the chance of moving into work per added in-work contact; default 0.15.</summary>
    /// <example>0.15</example>
    public double? Effect { get; set; }

    /// <summary>Chance an out-of-work person moves into work over the period without the change; default 0.10.</summary>
    /// <example>0.1</example>
    public double? Baseline { get; set; }
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
/// <param name="ProposedTies">How many ties were proposed.</param>
/// <param name="Areas">The change per area.</param>
public sealed record WhatIfView(int ProposedTies, IReadOnlyList<AreaChange> Areas);
