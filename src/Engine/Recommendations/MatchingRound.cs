using SocialCapital.Graph;
using SocialCapital.Model;

namespace SocialCapital.Recommendations;

/// <summary>A matching round: proposals for waiting citizens, at most the mentors' free places (pending proposals
/// count), optimal by the cohort assignment's min-cost flow, waiting time first. (Engine helper fills this.)</summary>
public static class MatchingRound
{
    /// <summary>Proposes mentors for a round.</summary>
    /// <param name="graph">The graph; its analysis date is the round's date. Its pending proposals hold places.</param>
    /// <param name="proposals">Every proposal so far (declined pairs are never proposed again; waiting time comes from them).</param>
    /// <param name="options">The round's options; null for the defaults.</param>
    /// <returns>The new proposals and who was left waiting.</returns>
    public static RoundResult Propose(SocialGraph graph, IReadOnlyList<ProposalRecord> proposals, RoundOptions? options = null) =>
        throw new NotImplementedException("Engine helper");
}

/// <summary>Options of a matching round. (Engine helper fills this.)</summary>
public sealed record RoundOptions
{
    /// <summary>The defaults.</summary>
    public static RoundOptions Default { get; } = new();

    /// <summary>The citizens to propose for; null for every waiting citizen.</summary>
    public IReadOnlyList<string>? Citizens { get; init; }

    /// <summary>Days until a proposal expires. Default 10.</summary>
    public int ExpiresInDays { get; init; } = 10;

    /// <summary>Who makes the proposals (a coach id), or null.</summary>
    public string? ProposedBy { get; init; }

    /// <summary>Matching options (area rule, weights, excluded pairs).</summary>
    public MatchOptions Match { get; init; } = MatchOptions.Default;
}

/// <summary>What a round proposed. (Engine helper fills this.)</summary>
/// <param name="Proposals">The new proposals.</param>
/// <param name="Waiting">Citizens of the round left without a proposal.</param>
public sealed record RoundResult(IReadOnlyList<ProposalRecord> Proposals, IReadOnlyList<string> Waiting);
