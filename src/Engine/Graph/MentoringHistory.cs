using System.Collections.Immutable;

namespace SocialCapital.Graph;

/// <summary>Every mentoring tie of the dataset, whatever its dates: who has ever mentored whom (a past
/// mentor is not suggested again) and how many mentees each mentor has on the analysis date (which uses
/// up their capacity). Mentoring ties are few, so this is small; persistent sets, so a live edit changes one pair.</summary>
internal sealed class MentoringHistory
{
    private readonly ImmutableHashSet<long> _pairs;
    private readonly ImmutableHashSet<long> _activePairs;
    private readonly ImmutableDictionary<int, int> _current; // mentor → mentees now
    private readonly ImmutableDictionary<int, int> _mentorsNow; // mentee → mentors now

    private MentoringHistory(ImmutableHashSet<long> pairs, ImmutableHashSet<long> activePairs,
        ImmutableDictionary<int, int> current, ImmutableDictionary<int, int> mentorsNow)
    {
        _pairs = pairs;
        _activePairs = activePairs;
        _current = current;
        _mentorsNow = mentorsNow;
    }

    public static MentoringHistory Build(IEnumerable<(int Mentor, int Mentee, bool Active)> ties)
    {
        var pairs = new HashSet<long>();
        var activePairs = new HashSet<long>();
        var current = new Dictionary<int, int>();
        var mentorsNow = new Dictionary<int, int>();
        foreach (var (mentor, mentee, active) in ties)
        {
            var key = Key(mentor, mentee);
            pairs.Add(key);
            // Two active ties between the same pair are one mentee.
            if (active && activePairs.Add(key))
            {
                current[mentor] = current.GetValueOrDefault(mentor) + 1;
                mentorsNow[mentee] = mentorsNow.GetValueOrDefault(mentee) + 1;
            }
        }
        return new MentoringHistory([.. pairs], [.. activePairs], current.ToImmutableDictionary(), mentorsNow.ToImmutableDictionary());
    }

    /// <summary>The history with one pair's state replaced: whether any mentoring tie joins them, and whether one is
    /// active on the analysis date.</summary>
    public MentoringHistory WithPair(int mentor, int mentee, bool ever, bool active)
    {
        var key = Key(mentor, mentee);
        var pairs = ever ? _pairs.Add(key) : _pairs.Remove(key);
        var wasActive = _activePairs.Contains(key);
        if (wasActive == active) return new MentoringHistory(pairs, _activePairs, _current, _mentorsNow);
        var step = active ? 1 : -1;
        return new MentoringHistory(pairs, active ? _activePairs.Add(key) : _activePairs.Remove(key),
            Count(_current, mentor, step), Count(_mentorsNow, mentee, step));
    }

    /// <summary>Whether <paramref name="mentor"/> mentors, has mentored or will mentor <paramref name="mentee"/>.</summary>
    public bool Ever(int mentor, int mentee) => _pairs.Contains(Key(mentor, mentee));

    /// <summary>Mentees of <paramref name="mentor"/> on the analysis date.</summary>
    public int CurrentMentees(int mentor) => _current.GetValueOrDefault(mentor);

    /// <summary>Whether <paramref name="mentee"/> has an active mentor on the analysis date.</summary>
    public bool HasCurrentMentor(int mentee) => _mentorsNow.ContainsKey(mentee);

    private static ImmutableDictionary<int, int> Count(ImmutableDictionary<int, int> counts, int key, int step) =>
        counts.GetValueOrDefault(key) + step is var count and > 0 ? counts.SetItem(key, count) : counts.Remove(key);

    private static long Key(int mentor, int mentee) => ((long)mentor << 32) | (uint)mentee;
}
