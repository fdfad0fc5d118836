using System.Collections.Immutable;

namespace SocialCapital.Graph;

/// <summary>Every mentoring tie of the dataset, whatever its dates: who has ever mentored whom (a past
/// mentor is not suggested again) and how many mentees each mentor has on the analysis date (which uses
/// up their capacity); and the programme's proposals as they stand on the analysis date: the places pending proposals
/// hold per mentor, the pairs with a pending proposal, the pairs declined before (never proposed or suggested again),
/// and each mentee's last pairing event (the day their latest pairing began or ended, up to the analysis date: waiting
/// time counts from it). Mentoring ties and proposals are few, so this is small; persistent sets, so a live edit
/// changes one pair.</summary>
internal sealed class MentoringHistory
{
    private readonly ImmutableHashSet<long> _pairs;
    private readonly ImmutableHashSet<long> _activePairs;
    private readonly ImmutableDictionary<int, int> _current; // mentor → mentees now
    private readonly ImmutableDictionary<int, int> _mentorsNow; // mentee → mentors now
    private readonly Proposals _proposals;

    /// <summary>The proposals' part: counts, so that replacing one proposal by another undoes exactly its share.</summary>
    private sealed record Proposals(
        ImmutableDictionary<int, int> Pending, // mentor → pending proposals
        ImmutableDictionary<int, int> PendingCitizens, // citizen → pending proposals
        ImmutableDictionary<long, int> PendingPairs, // (mentor, citizen) → pending proposals
        ImmutableDictionary<long, int> Declined, // (mentor, citizen) → declined proposals
        ImmutableDictionary<int, int> DeclinedCitizens, // citizen → declined proposals
        ImmutableDictionary<int, DateOnly> LastPairing); // mentee → latest pairing start or end ≤ analysis date

    private MentoringHistory(ImmutableHashSet<long> pairs, ImmutableHashSet<long> activePairs,
        ImmutableDictionary<int, int> current, ImmutableDictionary<int, int> mentorsNow, Proposals proposals)
    {
        _pairs = pairs;
        _activePairs = activePairs;
        _current = current;
        _mentorsNow = mentorsNow;
        _proposals = proposals;
    }

    /// <summary>The history of some mentoring ties (with the last pairing event of each mentee, null when none is on or
    /// before the analysis date) and proposals (<c>Pending</c> on the analysis date, <c>Declined</c>).</summary>
    public static MentoringHistory Build(IEnumerable<(int Mentor, int Mentee, bool Active, DateOnly? Event)> ties,
        IEnumerable<(int Mentor, int Citizen, bool Pending, bool Declined)> proposals)
    {
        var pairs = new HashSet<long>();
        var activePairs = new HashSet<long>();
        var current = new Dictionary<int, int>();
        var mentorsNow = new Dictionary<int, int>();
        var last = new Dictionary<int, DateOnly>();
        foreach (var (mentor, mentee, active, date) in ties)
        {
            var key = Key(mentor, mentee);
            pairs.Add(key);
            // Two active ties between the same pair are one mentee.
            if (active && activePairs.Add(key))
            {
                current[mentor] = current.GetValueOrDefault(mentor) + 1;
                mentorsNow[mentee] = mentorsNow.GetValueOrDefault(mentee) + 1;
            }
            if (date is { } d && (!last.TryGetValue(mentee, out var seen) || d > seen)) last[mentee] = d;
        }
        var pending = new Dictionary<int, int>();
        var pendingCitizens = new Dictionary<int, int>();
        var pendingPairs = new Dictionary<long, int>();
        var declined = new Dictionary<long, int>();
        var declinedCitizens = new Dictionary<int, int>();
        foreach (var (mentor, citizen, isPending, isDeclined) in proposals)
        {
            if (mentor < 0 || citizen < 0) continue;
            var key = Key(mentor, citizen);
            if (isPending)
            {
                pending[mentor] = pending.GetValueOrDefault(mentor) + 1;
                pendingCitizens[citizen] = pendingCitizens.GetValueOrDefault(citizen) + 1;
                pendingPairs[key] = pendingPairs.GetValueOrDefault(key) + 1;
            }
            if (isDeclined)
            {
                declined[key] = declined.GetValueOrDefault(key) + 1;
                declinedCitizens[citizen] = declinedCitizens.GetValueOrDefault(citizen) + 1;
            }
        }
        return new MentoringHistory([.. pairs], [.. activePairs], current.ToImmutableDictionary(), mentorsNow.ToImmutableDictionary(),
            new Proposals(pending.ToImmutableDictionary(), pendingCitizens.ToImmutableDictionary(), pendingPairs.ToImmutableDictionary(),
                declined.ToImmutableDictionary(), declinedCitizens.ToImmutableDictionary(), last.ToImmutableDictionary()));
    }

    /// <summary>A map as two arrays in key order: what the snapshot file stores of each of the history's maps.</summary>
    internal sealed record Counts<TKey>(TKey[] Keys, int[] Values) where TKey : notnull
    {
        public static Counts<TKey> Of(ImmutableDictionary<TKey, int> map)
        {
            var keys = map.Keys.ToArray();
            Array.Sort(keys);
            var values = new int[keys.Length];
            for (var i = 0; i < keys.Length; i++) values[i] = map[keys[i]];
            return new Counts<TKey>(keys, values);
        }

        public ImmutableDictionary<TKey, int> ToMap()
        {
            var builder = ImmutableDictionary.CreateBuilder<TKey, int>();
            for (var i = 0; i < Keys.Length; i++) builder.Add(Keys[i], Values[i]);
            return builder.ToImmutable();
        }
    }

    /// <summary>The whole history as arrays in key order (pairs as mentor &lt;&lt; 32 | mentee; the last pairing as a
    /// day number): what the snapshot file writes and reads back.</summary>
    internal sealed record Parts(long[] Pairs, long[] ActivePairs, Counts<int> Current, Counts<int> MentorsNow, Counts<int> Pending,
        Counts<int> PendingCitizens, Counts<long> PendingPairs, Counts<long> Declined, Counts<int> DeclinedCitizens, Counts<int> LastPairing);

    internal Parts ToParts()
    {
        long[] pairs = [.. _pairs], active = [.. _activePairs];
        Array.Sort(pairs);
        Array.Sort(active);
        var last = _proposals.LastPairing.Keys.ToArray();
        Array.Sort(last);
        var days = new int[last.Length];
        for (var i = 0; i < last.Length; i++) days[i] = _proposals.LastPairing[last[i]].DayNumber;
        return new Parts(pairs, active, Counts<int>.Of(_current), Counts<int>.Of(_mentorsNow), Counts<int>.Of(_proposals.Pending),
            Counts<int>.Of(_proposals.PendingCitizens), Counts<long>.Of(_proposals.PendingPairs), Counts<long>.Of(_proposals.Declined),
            Counts<int>.Of(_proposals.DeclinedCitizens), new Counts<int>(last, days));
    }

    internal static MentoringHistory FromParts(Parts parts)
    {
        var last = ImmutableDictionary.CreateBuilder<int, DateOnly>();
        for (var i = 0; i < parts.LastPairing.Keys.Length; i++) last.Add(parts.LastPairing.Keys[i], DateOnly.FromDayNumber(parts.LastPairing.Values[i]));
        return new MentoringHistory([.. parts.Pairs], [.. parts.ActivePairs], parts.Current.ToMap(), parts.MentorsNow.ToMap(),
            new Proposals(parts.Pending.ToMap(), parts.PendingCitizens.ToMap(), parts.PendingPairs.ToMap(), parts.Declined.ToMap(),
                parts.DeclinedCitizens.ToMap(), last.ToImmutable()));
    }

    /// <summary>The history with one pair's state replaced: whether any mentoring tie joins them, and whether one is
    /// active on the analysis date.</summary>
    public MentoringHistory WithPair(int mentor, int mentee, bool ever, bool active)
    {
        var key = Key(mentor, mentee);
        var pairs = ever ? _pairs.Add(key) : _pairs.Remove(key);
        var wasActive = _activePairs.Contains(key);
        if (wasActive == active) return new MentoringHistory(pairs, _activePairs, _current, _mentorsNow, _proposals);
        var step = active ? 1 : -1;
        return new MentoringHistory(pairs, active ? _activePairs.Add(key) : _activePairs.Remove(key),
            Count(_current, mentor, step), Count(_mentorsNow, mentee, step), _proposals);
    }

    /// <summary>The history with a mentee's last pairing event replaced (null: none up to the analysis date).</summary>
    public MentoringHistory WithLastPairing(int mentee, DateOnly? date)
    {
        var last = date is { } d ? _proposals.LastPairing.SetItem(mentee, d) : _proposals.LastPairing.Remove(mentee);
        return new MentoringHistory(_pairs, _activePairs, _current, _mentorsNow, _proposals with { LastPairing = last });
    }

    /// <summary>The history with one proposal's share added (<paramref name="step"/> +1) or taken away (−1).</summary>
    public MentoringHistory WithProposal(int mentor, int citizen, bool pending, bool declined, int step)
    {
        if ((!pending && !declined) || mentor < 0 || citizen < 0) return this;
        var p = _proposals;
        var key = Key(mentor, citizen);
        if (pending)
            p = p with
            {
                Pending = Count(p.Pending, mentor, step),
                PendingCitizens = Count(p.PendingCitizens, citizen, step),
                PendingPairs = Count(p.PendingPairs, key, step),
            };
        if (declined) p = p with { Declined = Count(p.Declined, key, step), DeclinedCitizens = Count(p.DeclinedCitizens, citizen, step) };
        return new MentoringHistory(_pairs, _activePairs, _current, _mentorsNow, p);
    }

    /// <summary>Whether <paramref name="mentor"/> mentors, has mentored or will mentor <paramref name="mentee"/>.</summary>
    public bool Ever(int mentor, int mentee) => _pairs.Contains(Key(mentor, mentee));

    /// <summary>Mentees of <paramref name="mentor"/> on the analysis date.</summary>
    public int CurrentMentees(int mentor) => _current.GetValueOrDefault(mentor);

    /// <summary>Whether <paramref name="mentee"/> has an active mentor on the analysis date.</summary>
    public bool HasCurrentMentor(int mentee) => _mentorsNow.ContainsKey(mentee);

    /// <summary>Places of <paramref name="mentor"/> held by proposals pending on the analysis date.</summary>
    public int PendingPlaces(int mentor) => _proposals.Pending.GetValueOrDefault(mentor);

    /// <summary>A mentor's free places: <paramref name="capacity"/> − current mentees − places held by pending proposals,
    /// never below 0; 0 when the capacity is unknown (a mentor must state one).</summary>
    public int FreePlaces(int mentor, int? capacity) =>
        capacity is { } c ? Math.Max(0, c - CurrentMentees(mentor) - PendingPlaces(mentor)) : 0;

    /// <summary>Whether <paramref name="citizen"/> has a proposal pending on the analysis date.</summary>
    public bool HasPendingProposal(int citizen) => _proposals.PendingCitizens.ContainsKey(citizen);

    /// <summary>Whether a proposal of <paramref name="mentor"/> to <paramref name="citizen"/> is pending on the analysis date.</summary>
    public bool Pending(int mentor, int citizen) => _proposals.PendingPairs.ContainsKey(Key(mentor, citizen));

    /// <summary>Whether <paramref name="citizen"/> has declined any mentor before (a cheap test before <see cref="Declined"/>).</summary>
    public bool HasDeclined(int citizen) => _proposals.DeclinedCitizens.ContainsKey(citizen);

    /// <summary>Whether <paramref name="citizen"/> has declined <paramref name="mentor"/> before (never proposed again).</summary>
    public bool Declined(int mentor, int citizen) => _proposals.Declined.ContainsKey(Key(mentor, citizen));

    /// <summary>The day <paramref name="mentee"/>'s latest pairing began or ended, up to the analysis date; null when none did.</summary>
    public DateOnly? LastPairing(int mentee) => _proposals.LastPairing.TryGetValue(mentee, out var d) ? d : null;

    /// <summary>The latest day on or before <paramref name="asOf"/> on which a mentoring tie began or ended; null when
    /// neither is known and past.</summary>
    public static DateOnly? PairingEvent(Model.TieRecord tie, DateOnly asOf)
    {
        DateOnly? latest = null;
        if (tie.Since is { } since && since <= asOf) latest = since;
        if (tie.Until is { } until && until <= asOf && (latest is null || until > latest)) latest = until;
        return latest;
    }

    private static ImmutableDictionary<TKey, int> Count<TKey>(ImmutableDictionary<TKey, int> counts, TKey key, int step) where TKey : notnull =>
        counts.GetValueOrDefault(key) + step is var count and > 0 ? counts.SetItem(key, count) : counts.Remove(key);

    private static long Key(int mentor, int mentee) => ((long)mentor << 32) | (uint)mentee;
}
