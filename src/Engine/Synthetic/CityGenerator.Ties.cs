using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using SocialCapital.Model;

namespace SocialCapital.Synthetic;

// The ties: person–person contacts (degree propensities, triadic closure, communities, homophily), then the
// institutional ties (mentoring, coaching, referral, membership, employment).
public static partial class CityGenerator
{
    private sealed partial class City
    {
        /// <summary>Coaching ties written, current and ended.</summary>
        public int CoachingTies { get; private set; }

        public long WriteTies(CityWriter writer, IProgress<double>? progress, CancellationToken token)
        {
            writer.BeginTies();
            var residents = Group(_n, i => _area[i]);
            var community = Communities(residents);
            var communityTables = Enumerable.Range(0, community.Max() + 1)
                .Select(c => new List<int>()).ToArray();
            for (var i = 0; i < _n; i++) communityTables[community[i]].Add(i);
            var byCommunity = communityTables.Select(c => new AliasTable([.. c], _propensity)).ToArray();
            var areaTables = residents.Select(r => r.Length > 0 ? new AliasTable(r, _propensity) : null).ToArray();
            var everyone = new AliasTable(Enumerable.Range(0, _n).ToArray(), _propensity);
            var h = _o.Homophily;
            long written = 0;
            for (var i = 0; i < _n; i++)
            {
                if ((i & 0x3FFF) == 0)
                {
                    token.ThrowIfCancellationRequested();
                    progress?.Report(0.9 * i / _n);
                }
                var count = Poisson.Sample(_random, _propensity[i] * _o.MeanContacts / 2);
                for (var t = 0; t < count; t++)
                {
                    var j = -1;
                    for (var attempt = 0; j < 0 && attempt < 8; attempt++)
                    {
                        // Where to look: a friend of a friend (triadic closure, Rapoport 1953: the main source of
                        // clustering in real networks), one's own community of ~50 people, one's area, or anywhere;
                        // the higher h, the closer to home. Partners come in proportion to their propensity.
                        var r = _random.NextDouble();
                        var candidate = r < 0.5 * h ? FriendOfFriend(i) : -1;
                        if (candidate < 0)
                        {
                            var pool = r < 0.75 * h ? byCommunity[community[i]] : r < h ? areaTables[_area[i]] : everyone;
                            candidate = (pool is { Count: > 1 } ? pool : everyone).Sample(_random);
                        }
                        if (candidate == i) continue;
                        // Whom to accept: alike people always; each dimension of difference (work status, SES
                        // band, age band) multiplies the chance by (1 − h): h = 0 accepts anyone, h = 1 only the alike.
                        if (_random.NextDouble() < Math.Pow(1 - h, 3 * (1 - Similarity(i, candidate))) || attempt == 7) j = candidate;
                    }
                    if (j < 0) continue;
                    WriteTie(writer, i, j);
                    Remember(i, j);
                    Remember(j, i);
                    written++;
                }
            }
            PersonTies = written;
            written += WriteInstitutionalTies(writer, residents);
            return written;
        }

        private long WriteInstitutionalTies(CityWriter writer, int[][] residents)
        {
            long written = 0;
            var outOfWork = residents.Select(r => r.Where(i => _kind[i] == NodeKind.Citizen && _employment[i].ToWorkStatus() == WorkStatus.OutOfWork).ToArray()).ToArray();
            var coaches = residents.Select(r => r.Where(i => _kind[i] == NodeKind.Coach).ToArray()).ToArray();
            var anyCoach = Enumerable.Range(0, _n).Where(i => _kind[i] == NodeKind.Coach).ToArray();
            for (var m = 0; m < _n; m++)
            {
                if (_kind[m] != NodeKind.Mentor) continue;
                var pool = outOfWork[_area[m]];
                if (pool.Length == 0) continue;
                var current = _random.Next(0, _capacity[m] + 1); // some mentors full, most with free places
                for (var k = 0; k < current; k++)
                {
                    var mentee = pool[_random.Next(pool.Length)];
                    var started = Since();
                    Tie(writer, m, mentee, TieKind.Mentoring, 1, started, null);
                    NoteMentoring(m, mentee, started, null);
                    written++;
                }
                if (_random.NextDouble() < 0.3)
                {
                    var (since, until) = Ended();
                    var mentee = pool[_random.Next(pool.Length)];
                    var (outcome, reason) = PairingEnd();
                    Tie(writer, m, mentee, TieKind.Mentoring, 1, since, until, outcome, reason);
                    NoteMentoring(m, mentee, since!.Value, until);
                    written++;
                }
            }
            // The coaching ties drawn as they always were (which citizens, which coach of their area, the dates), then
            // written: as drawn, or with the coaching (CityOptions.Coaching) as the current spell of an episode whose dates
            // come from the coaching's own stream (docs/generator.md, "Coaching").
            var coachOf = new int[_n];
            Array.Fill(coachOf, -1);
            var drawn = new List<(int Citizen, int Coach, DateOnly Since, DateOnly? Referral)>();
            for (var a = 0; a < residents.Length; a++)
            {
                var local = coaches[a].Length > 0 ? coaches[a] : anyCoach;
                if (local.Length == 0) continue;
                foreach (var c in outOfWork[a])
                {
                    if (_random.NextDouble() >= 0.7) continue;
                    var coach = local[_random.Next(local.Length)];
                    var since = Since();
                    drawn.Add((c, coach, since, _random.NextDouble() < 0.1 ? Since() : null));
                    coachOf[c] = coach;
                }
            }
            if (!_o.Coaching)
            {
                CoachingTies = drawn.Count;
                foreach (var (c, coach, since, referral) in drawn)
                {
                    Tie(writer, coach, c, TieKind.Coaching, 1, since, null);
                    NoteCoaching(coach, c);
                    written++;
                    if (referral is { } day) { Tie(writer, coach, c, TieKind.Referral, 1, day, null); written++; }
                }
            }
            else
            {
                var random = new MersenneTwister(_o.Seed ^ CoachingSalt, threadSafe: false);
                var plan = PlanCoaching(random, residents, coaches, coachOf);
                Coaching = plan;
                var referrals = new Dictionary<int, DateOnly>();
                foreach (var (c, _, _, referral) in drawn) if (referral is { } day) referrals[c] = day;
                var spells = new List<(int Coach, int Since, int Until)>(4);
                foreach (var area in outOfWork)
                    foreach (var c in area)
                    {
                        written += WriteCoachingSpells(writer, random, plan, c, coachOf[c], spells);
                        if (coachOf[c] < 0) continue;
                        NoteCoaching(coachOf[c], c);
                        if (referrals.TryGetValue(c, out var day)) { Tie(writer, coachOf[c], c, TieKind.Referral, 1, day, null); written++; }
                    }
                CoachingTies = plan.Spells;
            }
            foreach (var (id, area, capacity) in _groups)
            {
                var pool = residents[area];
                if (pool.Length == 0) continue;
                var size = (int)Math.Round(capacity * (0.4 + 0.6 * _random.NextDouble()));
                foreach (var member in Distinct(pool, size)) { writer.Tie(_ids[member], id, TieKind.Membership, 1, Since(), null, null, null); written++; }
            }
            var employersByArea = Group(_employers.Length, e => _employers[e].Area);
            for (var i = 0; i < _n; i++)
            {
                var local = employersByArea[_area[i]];
                if (_employment[i] != Employment.Employed || local.Length == 0 || _random.NextDouble() >= 0.3) continue;
                writer.Tie(_ids[i], _employers[local[_random.Next(local.Length)]].Id, TieKind.Employment, 1, Since(), null, null, null);
                written++;
            }
            return written;
        }

        private void WriteTie(CityWriter writer, int i, int j)
        {
            var bothInWork = _employment[i].ToWorkStatus() == WorkStatus.InWork && _employment[j].ToWorkStatus() == WorkStatus.InWork;
            var r = _random.NextDouble();
            var (kind, strength) = bothInWork && r < 0.25 ? (TieKind.Colleague, 1 + _random.Next(2))
                : r < 0.35 ? (TieKind.Family, 2 + _random.Next(2))
                : r < 0.6 ? (TieKind.Acquaintance, 1)
                : r < 0.62 ? (TieKind.Referral, 1)
                : (TieKind.Friend, 1 + _random.Next(3));
            var d = _random.NextDouble();
            (DateOnly? since, DateOnly? until) = d < 0.05 ? Ended() : d < 0.65 ? (Since(), null) : (null, null);
            Tie(writer, i, j, kind, strength, since, until);
        }

        /// <summary>Writes a tie between two people (every person–person tie goes through here, so a planted effect
        /// counts each of them).</summary>
        private void Tie(CityWriter writer, int source, int target, TieKind kind, int strength, DateOnly? since, DateOnly? until,
            PairingOutcome? outcome = null, string? reason = null)
        {
            writer.Tie(_ids[source], _ids[target], kind, strength, since, until, outcome, reason);
            NotePersonTie(source, target, kind, since, until);
        }

        private DateOnly Since() => Date(-_random.Next(1, 3650));

        private (DateOnly? Since, DateOnly? Until) Ended()
        {
            var until = -_random.Next(1, 365);
            return (Date(until - _random.Next(30, 2000)), Date(until));
        }

        private DateOnly Date(int days) => _o.ReferenceDate.AddDays(days);

        /// <summary>Share of the three attribute dimensions (work status, SES band, age band) on which two people agree.</summary>
        private double Similarity(int i, int j)
        {
            var same = 0;
            if (_employment[i].ToWorkStatus() == _employment[j].ToWorkStatus()) same++;
            if (_ses[i] >= 0.5 == _ses[j] >= 0.5) same++;
            if (_age[i] == _age[j]) same++;
            return same / 3.0;
        }

        private IEnumerable<int> Distinct(int[] pool, int size)
        {
            var chosen = new HashSet<int>();
            for (var tries = 0; chosen.Count < Math.Min(size, pool.Length) && tries < size * 4; tries++)
                chosen.Add(pool[_random.Next(pool.Length)]);
            return chosen.Order();
        }

        /// <summary>A random contact of a random recent contact of i (not i itself), or -1.</summary>
        private int FriendOfFriend(int i)
        {
            var k = Recent(i);
            if (k < 0) return -1;
            var j = Recent(k);
            return j == i ? -1 : j;
        }

        private int Recent(int i)
        {
            var known = Math.Min(_recentCount[i], RecentSlots);
            return known == 0 ? -1 : _recent[(long)i * RecentSlots + _random.Next(known)];
        }

        private void Remember(int i, int j) => _recent[(long)i * RecentSlots + (_recentCount[i]++ % RecentSlots)] = j;

        /// <summary>Splits each area's residents at random into communities of about 50 people (a workplace,
        /// a school, a street): the dense pockets that give real networks their clustering.</summary>
        private int[] Communities(int[][] residents)
        {
            var community = new int[_n];
            var next = 0;
            foreach (var area in residents)
            {
                var shuffled = area.ToArray();
                for (var k = shuffled.Length - 1; k > 0; k--)
                {
                    var swap = _random.Next(k + 1);
                    (shuffled[k], shuffled[swap]) = (shuffled[swap], shuffled[k]);
                }
                var groups = Math.Max(1, (int)Math.Round(shuffled.Length / 50.0));
                for (var k = 0; k < shuffled.Length; k++) community[shuffled[k]] = next + k % groups;
                next += groups;
            }
            return community;
        }
    }
}
