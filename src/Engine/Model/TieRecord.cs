namespace SocialCapital.Model;

/// <summary>One row of <c>ties.csv</c>: a tie between two people, or from a person to a place.</summary>
/// <param name="Source">Id of the source node (the mentor for mentoring, the coach for coaching, the
/// person for membership and employment).</param>
/// <param name="Target">Id of the target node.</param>
/// <param name="Kind">The kind of tie.</param>
public sealed record TieRecord(string Source, string Target, TieKind Kind)
{
    /// <summary>Strength, &gt; 0; default 1. Several ties between the same two people add up.</summary>
    public double Strength { get; init; } = 1;

    /// <summary>First day the tie is active; <see langword="null"/> = always was.</summary>
    public DateOnly? Since { get; init; }

    /// <summary>First day the tie is no longer active; <see langword="null"/> = still is.</summary>
    public DateOnly? Until { get; init; }

    /// <summary>How an ended mentoring pairing went, or null (a pairing still running, or any other kind of tie). Only a
    /// <see cref="TieKind.Mentoring"/> tie with an <see cref="Until"/> date may have one.</summary>
    public PairingOutcome? Outcome { get; init; }

    /// <summary>Why a mentoring pairing ended (free text), or null. Only with an <see cref="Outcome"/>.</summary>
    public string? EndReason { get; init; }

    /// <summary>Whether the tie is active on <paramref name="date"/>: <c>Since ≤ date &lt; Until</c>.</summary>
    /// <param name="date">The analysis date.</param>
    /// <returns><see langword="true"/> when active on that date.</returns>
    public bool IsActiveOn(DateOnly date) =>
        (Since is not { } since || since <= date) && (Until is not { } until || date < until);
}
