namespace SocialCapital.Graph;

/// <summary>Every mentoring tie of the dataset, whatever its dates: who has ever mentored whom (a past
/// mentor is not suggested again) and how many mentees each mentor has on the analysis date (which uses
/// up their capacity). Mentoring ties are few, so this is small.</summary>
internal sealed class MentoringHistory
{
    private readonly HashSet<long> _pairs;
    private readonly Dictionary<int, int> _current;
    private readonly HashSet<int> _menteesNow;

    private MentoringHistory(HashSet<long> pairs, Dictionary<int, int> current, HashSet<int> menteesNow)
    {
        _pairs = pairs;
        _current = current;
        _menteesNow = menteesNow;
    }

    public static MentoringHistory Build(IEnumerable<(int Mentor, int Mentee, bool Active)> ties)
    {
        var pairs = new HashSet<long>();
        var current = new Dictionary<int, int>();
        var activePairs = new HashSet<long>();
        var menteesNow = new HashSet<int>();
        foreach (var (mentor, mentee, active) in ties)
        {
            var key = Key(mentor, mentee);
            pairs.Add(key);
            // Two active ties between the same pair are one mentee.
            if (active && activePairs.Add(key)) current[mentor] = current.GetValueOrDefault(mentor) + 1;
            if (active) menteesNow.Add(mentee);
        }
        return new MentoringHistory(pairs, current, menteesNow);
    }

    /// <summary>Whether <paramref name="mentor"/> mentors, has mentored or will mentor <paramref name="mentee"/>.</summary>
    public bool Ever(int mentor, int mentee) => _pairs.Contains(Key(mentor, mentee));

    /// <summary>Mentees of <paramref name="mentor"/> on the analysis date.</summary>
    public int CurrentMentees(int mentor) => _current.GetValueOrDefault(mentor);

    /// <summary>Whether <paramref name="mentee"/> has an active mentor on the analysis date.</summary>
    public bool HasCurrentMentor(int mentee) => _menteesNow.Contains(mentee);

    private static long Key(int mentor, int mentee) => ((long)mentor << 32) | (uint)mentee;
}
