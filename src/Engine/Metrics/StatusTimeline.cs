using SocialCapital.Graph;
using SocialCapital.Model;

namespace SocialCapital.Metrics;

/// <summary>People's employment on a day, from the status history (the programme report, the coaching report): their
/// latest change on or before it; for a person with no history at all, their record's employment; unknown (null) for a
/// person whose history starts later. Immutable once made; thread-safe to read.</summary>
internal sealed class StatusTimeline
{
    private readonly SocialGraph _graph;
    private readonly EmploymentHistory _history;

    public StatusTimeline(SocialGraph graph, EmploymentHistory history, DateOnly asOf)
    {
        _graph = graph;
        _history = history;
        AsOf = asOf;
    }

    /// <summary>The report's day: follow-ups must have ended by it.</summary>
    public DateOnly AsOf { get; }

    /// <summary>The person's employment on a day, as the class says.</summary>
    public Employment? On(string person, DateOnly day)
    {
        if (!_history.TryGet(person, out var changes))
            return _graph.TryGetIndex(person, out var u) ? _graph.Nodes.Employment[u] : null;
        Employment? at = null;
        foreach (var c in changes)
            if (c.Date <= day) at = c.Employment; else break;
        return at;
    }

    /// <summary>Whether any employment change of the person is recorded.</summary>
    public bool HasHistory(string person) => _history.TryGet(person, out _);

    /// <summary>Whether a change into work is dated after <paramref name="start"/> and on or before <paramref name="end"/>.</summary>
    public bool MovesIntoWork(string person, DateOnly start, DateOnly end) =>
        _history.TryGet(person, out var changes)
        && changes.Any(c => c.Date > start && c.Date <= end && c.Employment.ToWorkStatus() == WorkStatus.InWork);
}
