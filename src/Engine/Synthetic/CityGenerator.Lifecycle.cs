using MathNet.Numerics.Random;
using SocialCapital.Model;

namespace SocialCapital.Synthetic;

// The mentoring programme's lifecycle and the people's employment history (docs/generator.md, "Lifecycle"): outcomes of
// ended pairings, proposals, dated status changes and the planted effect of in-work contacts. Every draw here comes from a
// random stream of its own, so the rest of the city is the same with or without them.
public static partial class CityGenerator
{
    private static readonly string[] EarlyEndReasons = ["moved away", "mentee found work", "schedule", "no longer needed"];
    private static readonly string[] DeclineReasons = ["schedule clash", "not the right fit", "citizen found work", "mentor unavailable"];
    private static readonly string[] WithdrawReasons = ["citizen found work", "citizen moved away", "proposed in error"];

    /// <summary>Mixed into the seed of the lifecycle's random stream.</summary>
    private const int LifecycleSalt = 0x4C494645;

    /// <summary>Days a proposal stays open (PushFar's request expiry).</summary>
    private const int ExpiryDays = 10;

    /// <summary>Days of employment history before the reference date.</summary>
    private const int HistoryDays = 730;

    /// <summary>Shares of the proposals by status: accepted (one per mentoring tie), declined, expired, withdrawn; the
    /// rest are pending (as many as the mentors' free places allow).</summary>
    private const double AcceptedShare = 0.55, DeclinedShare = 0.20, ExpiredShare = 0.12, WithdrawnShare = 0.05;

    private sealed partial class City
    {
        private readonly Life? _life;

        /// <summary>What the lifecycle remembers of the ties as they are drawn, and its random stream.</summary>
        private sealed class Life(CityOptions options, int people)
        {
            public MersenneTwister Random { get; } = new(options.Seed ^ LifecycleSalt, threadSafe: false);

            /// <summary>Every mentoring tie, in the order written.</summary>
            public List<(int Mentor, int Citizen, DateOnly Since, DateOnly? Until)> Mentoring { get; } = [];

            /// <summary>Each person's coach (the last coaching tie to them), or -1.</summary>
            public int[] CoachOf { get; } = Enumerable.Repeat(-1, people).ToArray();

            /// <summary>With a planted effect: (citizen out of work) × 2³² + (in-work contact), for every friend or family
            /// tie active on the baseline date; a pair may repeat.</summary>
            public List<long>? CloseInWork { get; } = options.Effect is null ? null : [];
        }

        private void NoteMentoring(int mentor, int citizen, DateOnly since, DateOnly? until) => _life?.Mentoring.Add((mentor, citizen, since, until));

        private void NoteCoaching(int coach, int citizen)
        {
            if (_life is not null) _life.CoachOf[citizen] = coach;
        }

        private void NotePersonTie(int i, int j, TieKind kind, DateOnly? since, DateOnly? until)
        {
            if (_life?.CloseInWork is not { } pairs || kind is not (TieKind.Friend or TieKind.Family)) return;
            var baseline = _o.EffectBaseline;
            if (since > baseline || until <= baseline) return;
            if (IsOutOfWorkCitizen(i) && _employment[j].ToWorkStatus() == WorkStatus.InWork) pairs.Add(((long)i << 32) | (uint)j);
            if (IsOutOfWorkCitizen(j) && _employment[i].ToWorkStatus() == WorkStatus.InWork) pairs.Add(((long)j << 32) | (uint)i);
        }

        private bool IsOutOfWorkCitizen(int i) => _kind[i] == NodeKind.Citizen && _employment[i].ToWorkStatus() == WorkStatus.OutOfWork;

        /// <summary>How an ended pairing went: completed (75%) or ended early (25%) with a reason; nothing without the lifecycle.</summary>
        private (PairingOutcome? Outcome, string? Reason) PairingEnd()
        {
            if (_life is null) return (null, null);
            var random = _life.Random;
            return random.NextDouble() < 0.25
                ? (PairingOutcome.EndedEarly, EarlyEndReasons[random.Next(EarlyEndReasons.Length)])
                : (PairingOutcome.Completed, null);
        }

        /// <summary>Writes the status history and the proposals (after the ties: they use what the ties were).</summary>
        /// <returns>The rows written, and each person's final employment when it may differ from the drawn one (a planted
        /// effect), else null.</returns>
        public (int Proposals, int Changes, Employment[]? Final) WriteLifecycle(CityWriter writer)
        {
            if (_life is null) return (0, 0, null);
            writer.BeginLifecycle();
            var final = (Employment[])_employment.Clone();
            var changes = WriteHistory(writer, _life.Random, final);
            var proposals = WriteProposals(writer, _life, final);
            return (proposals, changes, _o.Effect is null ? null : final);
        }

        /// <summary>Dated employment changes of the citizens over the two years before the reference date. Without a planted
        /// effect the drawn status is today's and the history leads to it. With one, the drawn status is the status on the
        /// baseline date, the history before it leads to it, and after it citizens out of work move into work with the
        /// planted probability (and 2% of those in work lose it); <paramref name="final"/> gets the status after.</summary>
        private int WriteHistory(CityWriter writer, MersenneTwister random, Employment[] final)
        {
            var today = _o.ReferenceDate;
            var start = today.AddDays(-HistoryDays);
            var baseline = _o.EffectBaseline;
            var close = _o.Effect is null ? null : CloseInWorkCounts();
            var rows = new List<(DateOnly Date, Employment Status)>(4);
            var written = 0;
            for (var i = 0; i < _n; i++)
            {
                if (_kind[i] != NodeKind.Citizen) continue;
                rows.Clear();
                var drawn = _employment[i];
                Past(rows, random, i, drawn, start, close is null ? today : baseline);
                if (_o.Effect is { } effect)
                {
                    var to = drawn;
                    var work = drawn.ToWorkStatus();
                    if (work == WorkStatus.OutOfWork)
                    {
                        var p = Math.Min(1, CityOptions.EffectBaseRate + effect * Math.Min(close![i], CityOptions.EffectContactCap));
                        if (random.NextDouble() < p) to = random.NextDouble() < 0.85 ? Employment.Employed : Employment.SelfEmployed;
                    }
                    else if (work == WorkStatus.InWork && _age[i] != AgeBand.Age65Plus && random.NextDouble() < 0.02)
                        to = random.NextDouble() < 0.6 ? Employment.Unemployed : Employment.Inactive;
                    if (to != drawn)
                    {
                        if (rows.Count == 0) rows.Add((start, drawn));
                        rows.Add((Between(random, baseline, today), to));
                        final[i] = to;
                    }
                }
                foreach (var (date, status) in rows) writer.Status(new StatusChange(_ids[i], date, status));
                written += rows.Count;
            }
            return written;
        }

        /// <summary>The changes of person <paramref name="i"/> from <paramref name="start"/> to just before
        /// <paramref name="end"/> that lead to <paramref name="status"/>: a first row on <paramref name="start"/> (the status
        /// then) and each change after it; none when the status did not change.</summary>
        private void Past(List<(DateOnly, Employment)> rows, MersenneTwister random, int i, Employment status, DateOnly start, DateOnly end)
        {
            var u = random.NextDouble();
            var young = _age[i] == AgeBand.Age16To24;
            switch (status)
            {
                case Employment.Employed or Employment.SelfEmployed when _age[i] != AgeBand.Age65Plus:
                    if (young && u < 0.10)
                    {
                        rows.Add((start, Employment.Student)); // left education for work
                        rows.Add((Between(random, start, end), status));
                    }
                    else if (u < (young ? 0.25 : 0.15))
                    {
                        // An out-of-work spell that ended in the window; 40% of them also began in it.
                        var before = random.NextDouble() < 0.6 ? Employment.Unemployed : Employment.Inactive;
                        var back = Between(random, start.AddDays(1), end);
                        if (random.NextDouble() < 0.4)
                        {
                            rows.Add((start, status));
                            rows.Add((Between(random, start, back), before));
                        }
                        else rows.Add((start, before));
                        rows.Add((back, status));
                    }
                    break;
                case Employment.Unemployed:
                    if (u < 0.40) rows.Add((start, u < 0.30 ? Employment.Employed : Employment.Inactive));
                    break;
                case Employment.Inactive:
                    if (u < 0.15) rows.Add((start, u < 0.10 ? Employment.Employed : Employment.Unemployed));
                    break;
                case Employment.Retired when _age[i] is AgeBand.Age50To64 or AgeBand.Age65Plus:
                    if (u < 0.08) rows.Add((start, Employment.Employed));
                    break;
            }
            if (rows.Count == 1) rows.Add((Between(random, start, end), status));
        }

        /// <summary>A day strictly between two days, uniformly.</summary>
        private static DateOnly Between(MersenneTwister random, DateOnly after, DateOnly before) =>
            after.AddDays(1 + random.Next(before.DayNumber - after.DayNumber - 1));

        /// <summary>Each person's number of distinct in-work friend or family contacts on the baseline date (only for
        /// citizens out of work then; 0 for everyone else).</summary>
        private int[] CloseInWorkCounts()
        {
            var pairs = _life!.CloseInWork!;
            pairs.Sort();
            var counts = new int[_n];
            var previous = -1L;
            foreach (var pair in pairs)
            {
                if (pair != previous) counts[(int)(pair >> 32)]++;
                previous = pair;
            }
            return counts;
        }

        /// <summary>The proposals: one accepted per mentoring tie (decided on its first day), declined, expired and
        /// withdrawn ones over the same ten years, and pending ones at the reference date within the mentors' free places.
        /// Ids <c>pr1</c>… (padded) in order of the day proposed.</summary>
        private int WriteProposals(CityWriter writer, Life life, Employment[] final)
        {
            var random = life.Random;
            var today = _o.ReferenceDate;
            var coaches = Group(_n, i => _area[i]).Select(r => r.Where(i => _kind[i] == NodeKind.Coach).ToArray()).ToArray();
            var anyCoach = Enumerable.Range(0, _n).Where(i => _kind[i] == NodeKind.Coach).ToArray();
            string? By(int citizen)
            {
                if (life.CoachOf[citizen] >= 0) return _ids[life.CoachOf[citizen]];
                var local = coaches[_area[citizen]].Length > 0 ? coaches[_area[citizen]] : anyCoach;
                return local.Length > 0 ? _ids[local[random.Next(local.Length)]] : null;
            }
            static long Pair(int mentor, int citizen) => ((long)mentor << 32) | (uint)citizen;

            var drafts = new List<ProposalRecord>();
            var paired = new HashSet<long>();
            var mentored = new HashSet<int>();
            var active = new int[_n];
            foreach (var (mentor, citizen, since, until) in life.Mentoring)
            {
                var proposed = since.AddDays(-Wait(random));
                drafts.Add(new ProposalRecord("", _ids[citizen], _ids[mentor], proposed, proposed.AddDays(ExpiryDays))
                {
                    ProposedBy = By(citizen), Status = ProposalStatus.Accepted, Decided = since,
                });
                paired.Add(Pair(mentor, citizen));
                if (until is null)
                {
                    active[mentor]++;
                    mentored.Add(citizen);
                }
            }
            var accepted = drafts.Count;
            if (accepted > 0)
            {
                var total = (int)Math.Round(accepted / AcceptedShare);
                int declined = (int)Math.Round(total * DeclinedShare), expired = (int)Math.Round(total * ExpiredShare),
                    withdrawn = (int)Math.Round(total * WithdrawnShare);
                var pending = Math.Max(0, total - accepted - declined - expired - withdrawn);

                // Decided proposals, over the ten years the ties span: mentors and citizens out of work of one area.
                var outOfWork = Group(_n, i => _area[i]).Select(r => r.Where(IsOutOfWorkCitizen).ToArray()).ToArray();
                var mentors = Enumerable.Range(0, _n).Where(m => _kind[m] == NodeKind.Mentor && outOfWork[_area[m]].Length > 0).ToArray();
                var refused = new HashSet<long>();
                var others = new HashSet<long>();
                for (var k = 0; k < declined + expired + withdrawn && mentors.Length > 0; k++)
                {
                    var status = k < declined ? ProposalStatus.Declined : k < declined + expired ? ProposalStatus.Expired : ProposalStatus.Withdrawn;
                    int mentor = -1, citizen = -1;
                    for (var tries = 0; tries < 20 && mentor < 0; tries++)
                    {
                        var m = mentors[random.Next(mentors.Length)];
                        var pool = outOfWork[_area[m]];
                        var c = pool[random.Next(pool.Length)];
                        var pair = Pair(m, c);
                        // A declined pair is never proposed again; no pair that was ever paired is proposed again here.
                        if (paired.Contains(pair) || refused.Contains(pair) || (status == ProposalStatus.Declined && others.Contains(pair))) continue;
                        (mentor, citizen) = (m, c);
                        (status == ProposalStatus.Declined ? refused : others).Add(pair);
                    }
                    if (mentor < 0) continue;
                    var proposed = today.AddDays(-(ExpiryDays + 1 + random.Next(3650 - ExpiryDays)));
                    var draft = new ProposalRecord("", _ids[citizen], _ids[mentor], proposed, proposed.AddDays(ExpiryDays))
                    {
                        ProposedBy = By(citizen), Status = status,
                    };
                    drafts.Add(status switch
                    {
                        ProposalStatus.Declined => draft with { Decided = proposed.AddDays(Wait(random)), Reason = DeclineReasons[random.Next(DeclineReasons.Length)] },
                        ProposalStatus.Expired => draft with { Decided = draft.Expires },
                        _ => draft with { Decided = proposed.AddDays(Wait(random)), Reason = WithdrawReasons[random.Next(WithdrawReasons.Length)] },
                    });
                }

                // Pending at the reference date: citizens out of work today with no current mentor, one proposal each, to
                // mentors with a free place (capacity − current mentees − pending proposals ≥ 0 throughout).
                var waiting = Group(_n, i => _area[i])
                    .Select(r => r.Where(i => _kind[i] == NodeKind.Citizen && final[i].ToWorkStatus() == WorkStatus.OutOfWork && !mentored.Contains(i)).ToArray())
                    .ToArray();
                var free = new int[_n];
                var room = new List<int>();
                for (var m = 0; m < _n; m++)
                {
                    if (_kind[m] != NodeKind.Mentor) continue;
                    free[m] = _capacity[m] - active[m];
                    if (free[m] > 0 && waiting[_area[m]].Length > 0) room.Add(m);
                }
                var proposedTo = new HashSet<int>();
                for (var k = 0; k < pending && room.Count > 0; k++)
                {
                    int mentor = -1, citizen = -1;
                    for (var tries = 0; tries < 20 && mentor < 0; tries++)
                    {
                        var m = room[random.Next(room.Count)];
                        var pool = waiting[_area[m]];
                        var c = pool[random.Next(pool.Length)];
                        if (proposedTo.Contains(c) || paired.Contains(Pair(m, c)) || refused.Contains(Pair(m, c))) continue;
                        (mentor, citizen) = (m, c);
                    }
                    if (mentor < 0) continue;
                    proposedTo.Add(citizen);
                    if (--free[mentor] == 0) room.Remove(mentor);
                    var proposed = today.AddDays(-(1 + random.Next(ExpiryDays - 1)));
                    drafts.Add(new ProposalRecord("", _ids[citizen], _ids[mentor], proposed, proposed.AddDays(ExpiryDays)) { ProposedBy = By(citizen) });
                }
            }
            var format = "D" + Digits(drafts.Count);
            var number = 0;
            foreach (var draft in drafts.OrderBy(d => d.Proposed)) // stable: ties keep the order drawn
                writer.Proposal(draft with { Id = "pr" + (++number).ToString(format, System.Globalization.CultureInfo.InvariantCulture) });
            return drafts.Count;
        }

        /// <summary>Days from a proposal to its decision: 1 to 9, most within three (a short exponential tail).</summary>
        private static int Wait(MersenneTwister random) => 1 + Math.Min(ExpiryDays - 2, (int)(-Math.Log(1 - random.NextDouble()) * 2.5));
    }
}
