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

    /// <summary>Days of employment history before the reference date: ten years and ten days, so the history starts
    /// before every proposal and pairing (the earliest is proposed 3,658 days before), in steps of 30 days.</summary>
    private const int HistoryDays = 3660;

    /// <summary>The spells of a citizen out of work at the end of the history (City.Spells): chance per 30 days
    /// of moving into work when unemployed, inactive under 65, inactive 65+; of a job spell ending.</summary>
    private const double FindWorkUnemployed = 0.08, FindWorkInactive = 0.02, FindWorkInactiveOld = 0.005, LeaveWork = 0.04;

    /// <summary>The chance per 30 days of a job spell ending for a citizen in work at the end of the history (steadier
    /// jobs than those of people out of work at the end: the two form a mover–stayer mixture).</summary>
    private const double LeaveWorkStable = 0.005;

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

            /// <summary>With a planted effect: (citizen out of work) × 2³² + (in-work contact), for every person–person tie
            /// active on the baseline date (the contacts the engine counts, as the evidence model does); a pair may repeat.</summary>
            public List<long>? CloseInWork { get; } = options.Effect is null ? null : [];
        }

        private void NoteMentoring(int mentor, int citizen, DateOnly since, DateOnly? until) => _life?.Mentoring.Add((mentor, citizen, since, until));

        private void NoteCoaching(int coach, int citizen)
        {
            if (_life is not null) _life.CoachOf[citizen] = coach;
        }

        private void NotePersonTie(int i, int j, TieKind kind, DateOnly? since, DateOnly? until)
        {
            if (_life?.CloseInWork is not { } pairs || !kind.IsPersonToPerson() || i == j) return;
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

        /// <summary>Writes the status history and the proposals (after the ties: they use what the ties were). The decided
        /// proposals are drawn first (the history keeps their citizens out of work on the days they were proposed and
        /// paired), then the history, then the pending proposals (which go to citizens out of work at the end).</summary>
        /// <returns>The rows written, and each person's final employment when it may differ from the drawn one (a planted
        /// effect), else null.</returns>
        public (int Proposals, int Changes, Employment[]? Final) WriteLifecycle(CityWriter writer)
        {
            if (_life is null) return (0, 0, null);
            writer.BeginLifecycle();
            var final = (Employment[])_employment.Clone();
            var programme = DecidedProposals(_life);
            var changes = WriteHistory(writer, _life.Random, final, programme.Anchors());
            var proposals = WriteProposals(writer, _life, programme, final);
            return (proposals, changes, _o.Effect is null ? null : final);
        }

        /// <summary>Dated employment changes of the citizens over the <see cref="HistoryDays"/> before the reference date
        /// (the span of the programme's proposals and pairings). Without a planted effect the drawn status is today's and
        /// the history leads to it. With one, the drawn status is the status on the baseline date, the history before it
        /// leads to it, and after it citizens out of work move into work with the planted probability (and 2% of those in
        /// work lose it); <paramref name="final"/> gets the status after. A citizen out of work at the end of the drawn
        /// history (today, or the baseline) is out of work on every day in <paramref name="anchors"/> (their proposals and
        /// pairing starts).</summary>
        private int WriteHistory(CityWriter writer, MersenneTwister random, Employment[] final, Dictionary<int, List<DateOnly>> anchors)
        {
            var today = _o.ReferenceDate;
            var start = today.AddDays(-HistoryDays);
            var baseline = _o.EffectBaseline;
            var close = _o.Effect is null ? null : CloseInWorkCounts();
            var end = close is null ? today : baseline;
            var chain = new Spells(start, end);
            var rows = new List<(DateOnly Date, Employment Status)>(8);
            var written = 0;
            for (var i = 0; i < _n; i++)
            {
                if (_kind[i] != NodeKind.Citizen) continue;
                rows.Clear();
                var drawn = _employment[i];
                if (drawn.ToWorkStatus() == WorkStatus.OutOfWork)
                {
                    var find = drawn == Employment.Unemployed ? FindWorkUnemployed : _age[i] == AgeBand.Age65Plus ? FindWorkInactiveOld : FindWorkInactive;
                    chain.Draw(rows, random, find, LeaveWork, false, drawn, null, anchors.GetValueOrDefault(i));
                }
                else if (drawn.ToWorkStatus() == WorkStatus.InWork && _age[i] is not (AgeBand.Age16To24 or AgeBand.Age65Plus))
                {
                    // Out-of-work spells of one kind per person: unemployed (60%) or inactive.
                    var unemployed = random.NextDouble() < 0.6;
                    chain.Draw(rows, random, unemployed ? FindWorkUnemployed : FindWorkInactive, LeaveWorkStable, true,
                        unemployed ? Employment.Unemployed : Employment.Inactive, drawn, null);
                    if (rows.Count == 1) rows.Clear(); // no change: no rows
                }
                else Past(rows, random, i, drawn, start, end);
                if (_o.Effect is { } effect)
                {
                    var to = drawn;
                    var work = drawn.ToWorkStatus();
                    if (work == WorkStatus.OutOfWork)
                    {
                        var p = PlantedChance(effect, close![i], i, OutOfWorkSpell.Band(rows, r => r.Date, r => r.Status, baseline));
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
                if (Coaching is not null && rows.Count >= 2 && !IsOutOfWorkCitizen(i) && rows[^1].Status.ToWorkStatus() == WorkStatus.InWork
                    && rows[^2].Status.ToWorkStatus() == WorkStatus.OutOfWork && rows[^1].Date.DayNumber - today.DayNumber >= 30 - ContactWindowDays)
                    Coaching.MovedIntoWork[i] = rows[^1].Date.DayNumber - today.DayNumber;
            }
            return written;
        }

        /// <summary>The changes of person <paramref name="i"/> (not out of work at the end) from <paramref name="start"/>
        /// to just before <paramref name="end"/> that lead to <paramref name="status"/>: a first row on
        /// <paramref name="start"/> (the status then) and each change after it; none when the status did not change.</summary>
        private void Past(List<(DateOnly, Employment)> rows, MersenneTwister random, int i, Employment status, DateOnly start, DateOnly end)
        {
            var u = random.NextDouble();
            switch (status)
            {
                case Employment.Employed or Employment.SelfEmployed when _age[i] == AgeBand.Age16To24:
                {
                    // Left education for work in the last six years; 25% with an out-of-work spell between.
                    var left = Between(random, start.DayNumber > end.DayNumber - 2190 ? start : end.AddDays(-2190), end);
                    rows.Add((start, Employment.Student));
                    if (u < 0.25 && left.DayNumber < end.DayNumber - 1)
                    {
                        rows.Add((left, random.NextDouble() < 0.6 ? Employment.Unemployed : Employment.Inactive));
                        rows.Add((Between(random, left, end), status));
                    }
                    else rows.Add((left, status));
                    break;
                }
                case Employment.Retired when _age[i] is AgeBand.Age50To64 or AgeBand.Age65Plus:
                    if (u < (_age[i] == AgeBand.Age65Plus ? 0.40 : 0.30)) rows.Add((start, Employment.Employed));
                    break;
            }
            if (rows.Count == 1) rows.Add((Between(random, start, end), status));
        }

        /// <summary>The history of a citizen out of work at its end: a two-state chain (out of work, in work) on a grid of
        /// 30-day steps back from the end, moving into work with a chance per step that depends on the status at the end
        /// (<see cref="FindWorkUnemployed"/>, …) and out of it with <see cref="LeaveWork"/>, started from its stationary
        /// shares and drawn conditioned on being out of work at the end and in every step that holds an anchor day (forward
        /// filtering, backward sampling: exact). Out-of-work spells have the status at the end; each in-work spell is
        /// employed (85%) or self-employed (15%). A change falls on a day uniform in its step, after the step's anchors.
        /// One instance per city; not thread-safe.</summary>
        private sealed class Spells
        {
            private const int Step = 30;
            private readonly int _steps;
            private readonly DateOnly[] _grid;
            private readonly DateOnly?[] _anchor;
            private readonly double[] _out;
            private readonly bool[] _inWork;

            public Spells(DateOnly start, DateOnly end)
            {
                _steps = (end.DayNumber - start.DayNumber + Step - 1) / Step;
                _grid = new DateOnly[_steps + 1];
                _grid[0] = start;
                for (var k = 1; k <= _steps; k++) _grid[k] = end.AddDays(-Step * (_steps - k));
                _anchor = new DateOnly?[_steps];
                _out = new double[_steps];
                _inWork = new bool[_steps + 1];
            }

            private DateOnly End => _grid[_steps];

            /// <summary>The step holding a day from the start to before the end.</summary>
            private int IndexOf(DateOnly day) =>
                _steps == 1 || day < _grid[1] ? 0 : _steps - (End.DayNumber - day.DayNumber + Step - 1) / Step;

            /// <summary>Adds the rows of one person: a first row on the start and one per change.</summary>
            /// <param name="rows">Where the rows go.</param>
            /// <param name="random">The lifecycle's stream.</param>
            /// <param name="find">Chance per 30 days of moving into work.</param>
            /// <param name="leave">Chance per 30 days of a job spell ending.</param>
            /// <param name="inWorkAtEnd">The state at the end.</param>
            /// <param name="outOfWork">The status of every out-of-work spell.</param>
            /// <param name="inWork">The status of every in-work spell; null: employed (85%) or self-employed, drawn per spell.</param>
            /// <param name="anchors">Days the person is out of work on (only for a person out of work at the end).</param>
            public void Draw(List<(DateOnly, Employment)> rows, MersenneTwister random, double find, double leave, bool inWorkAtEnd,
                Employment outOfWork, Employment? inWork, List<DateOnly>? anchors)
            {
                Array.Clear(_anchor);
                if (anchors is not null)
                    foreach (var day in anchors)
                    {
                        if (day < _grid[0] || day >= End) continue;
                        var k = IndexOf(day);
                        if (_anchor[k] is not { } latest || day > latest) _anchor[k] = day;
                    }
                // Forward: the chance of being out of work at each grid day given the constraints up to it.
                var f = leave / (find + leave);
                for (var k = 0; k < _steps; k++)
                {
                    if (_anchor[k] is not null) f = 1;
                    _out[k] = f;
                    var (toWork, toOut) = Chances(find, leave, k);
                    f = f * (1 - toWork) + (1 - f) * toOut;
                }
                // Backward: the state at the end, then each step's state given the next.
                _inWork[_steps] = inWorkAtEnd;
                for (var k = _steps - 1; k >= 0; k--)
                {
                    var (toWork, toOut) = Chances(find, leave, k);
                    var next = _inWork[k + 1];
                    var fromOut = _out[k] * (next ? toWork : 1 - toWork);
                    var fromIn = (1 - _out[k]) * (next ? 1 - toOut : toOut);
                    _inWork[k] = random.NextDouble() * (fromOut + fromIn) < fromIn;
                }
                rows.Add((_grid[0], _inWork[0] ? inWork ?? Job(random) : outOfWork));
                for (var k = 0; k < _steps; k++)
                {
                    if (_inWork[k + 1] == _inWork[k]) continue;
                    var after = _anchor[k] is { } a && a > _grid[k] ? a : _grid[k];
                    var last = k + 1 == _steps ? End.AddDays(-1) : _grid[k + 1]; // every change before the end
                    rows.Add((after.AddDays(1 + random.Next(last.DayNumber - after.DayNumber)), _inWork[k + 1] ? inWork ?? Job(random) : outOfWork));
                }
            }

            /// <summary>The chances of moving into work and out of it over step k (the first may be shorter than 30 days).</summary>
            private (double ToWork, double ToOut) Chances(double find, double leave, int k)
            {
                var days = _grid[k + 1].DayNumber - _grid[k].DayNumber;
                return days == Step ? (find, leave) : (1 - Math.Pow(1 - find, days / (double)Step), 1 - Math.Pow(1 - leave, days / (double)Step));
            }

            private static Employment Job(MersenneTwister random) => random.NextDouble() < 0.85 ? Employment.Employed : Employment.SelfEmployed;
        }

        /// <summary>A day strictly between two days, uniformly.</summary>
        private static DateOnly Between(MersenneTwister random, DateOnly after, DateOnly before) =>
            after.AddDays(1 + random.Next(before.DayNumber - after.DayNumber - 1));

        /// <summary>The planted chance of moving into work within six months of the baseline for out-of-work citizen
        /// <paramref name="i"/> with <paramref name="inWork"/> in-work contacts (docs/generator.md, "The planted effect"): a
        /// logistic model whose odds rise by the factor 1 + effect per in-work contact, with shifts by age band, SES band, area
        /// and time out of work (<paramref name="band"/>, <see cref="OutOfWorkSpell.Bands"/>; -1 unknown) — the
        /// model the evidence loop (Metrics.Evidence) fits, so its odds ratio estimates 1 + effect.</summary>
        private double PlantedChance(double effect, int inWork, int i, int band)
        {
            var logit = Math.Log(CityOptions.EffectBaseRate / (1 - CityOptions.EffectBaseRate)) + Math.Log(1 + effect) * inWork
                + _age[i] switch
                {
                    AgeBand.Age16To24 => 0.2,
                    AgeBand.Age35To49 => -0.1,
                    AgeBand.Age50To64 => -0.4,
                    AgeBand.Age65Plus => -1.0,
                    _ => 0,
                }
                + (_ses[i] >= 0.5 ? 0.3 : 0)
                + 0.15 * (_area[i] * 7 % 5 - 2)
                + band switch { 1 => -0.3, 2 => -0.6, 3 => -0.9, _ => 0 };
            return 1 / (1 + Math.Exp(-logit));
        }

        /// <summary>Each person's number of distinct in-work contacts (any person–person tie) on the baseline date (only for
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

        /// <summary>The programme's proposals as they are drawn: the decided ones first (<see cref="DecidedProposals"/>),
        /// then the pending ones (<see cref="WriteProposals"/>).</summary>
        private sealed class Programme(int people)
        {
            public List<ProposalRecord> Drafts { get; } = [];

            /// <summary>(citizen, day) for every proposal's day and every pairing's first day.</summary>
            public List<(int Citizen, DateOnly Day)> Days { get; } = [];

            public HashSet<long> Paired { get; } = [];
            public HashSet<long> Refused { get; } = [];
            public HashSet<int> Mentored { get; } = [];
            public int[] Active { get; } = new int[people];
            public int Pending { get; set; }

            /// <summary>The days each citizen must be out of work on: their proposals and pairing starts.</summary>
            public Dictionary<int, List<DateOnly>> Anchors()
            {
                var anchors = new Dictionary<int, List<DateOnly>>();
                foreach (var (citizen, day) in Days)
                {
                    if (!anchors.TryGetValue(citizen, out var days)) anchors[citizen] = days = [];
                    days.Add(day);
                }
                return anchors;
            }
        }

        /// <summary>The coach who proposes for a citizen: their own coach, else one of their area's (or any) at random.</summary>
        private string? ProposedBy(Life life, int citizen, int[][] coaches, int[] anyCoach)
        {
            if (life.CoachOf[citizen] >= 0) return _ids[life.CoachOf[citizen]];
            var local = coaches[_area[citizen]].Length > 0 ? coaches[_area[citizen]] : anyCoach;
            return local.Length > 0 ? _ids[local[life.Random.Next(local.Length)]] : null;
        }

        private static long Pair(int mentor, int citizen) => ((long)mentor << 32) | (uint)citizen;

        /// <summary>The decided proposals: one accepted per mentoring tie (decided on its first day), and declined, expired
        /// and withdrawn ones over the ten years the ties span; how many are left pending.</summary>
        private Programme DecidedProposals(Life life)
        {
            var random = life.Random;
            var today = _o.ReferenceDate;
            var coaches = Group(_n, i => _area[i]).Select(r => r.Where(i => _kind[i] == NodeKind.Coach).ToArray()).ToArray();
            var anyCoach = Enumerable.Range(0, _n).Where(i => _kind[i] == NodeKind.Coach).ToArray();
            var programme = new Programme(_n);
            var drafts = programme.Drafts;
            foreach (var (mentor, citizen, since, until) in life.Mentoring)
            {
                var proposed = since.AddDays(-Wait(random));
                drafts.Add(new ProposalRecord("", _ids[citizen], _ids[mentor], proposed, proposed.AddDays(ExpiryDays))
                {
                    ProposedBy = ProposedBy(life, citizen, coaches, anyCoach), Status = ProposalStatus.Accepted, Decided = since,
                });
                programme.Days.Add((citizen, proposed));
                programme.Days.Add((citizen, since));
                programme.Paired.Add(Pair(mentor, citizen));
                if (until is null)
                {
                    programme.Active[mentor]++;
                    programme.Mentored.Add(citizen);
                }
            }
            var accepted = drafts.Count;
            if (accepted == 0) return programme;
            var total = (int)Math.Round(accepted / AcceptedShare);
            int declined = (int)Math.Round(total * DeclinedShare), expired = (int)Math.Round(total * ExpiredShare),
                withdrawn = (int)Math.Round(total * WithdrawnShare);
            programme.Pending = Math.Max(0, total - accepted - declined - expired - withdrawn);

            // Decided proposals, over the ten years the ties span: mentors and citizens out of work of one area.
            var outOfWork = Group(_n, i => _area[i]).Select(r => r.Where(IsOutOfWorkCitizen).ToArray()).ToArray();
            var mentors = Enumerable.Range(0, _n).Where(m => _kind[m] == NodeKind.Mentor && outOfWork[_area[m]].Length > 0).ToArray();
            var refused = programme.Refused;
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
                    if (programme.Paired.Contains(pair) || refused.Contains(pair) || (status == ProposalStatus.Declined && others.Contains(pair))) continue;
                    (mentor, citizen) = (m, c);
                    (status == ProposalStatus.Declined ? refused : others).Add(pair);
                }
                if (mentor < 0) continue;
                var proposed = today.AddDays(-(ExpiryDays + 1 + random.Next(3650 - ExpiryDays)));
                var draft = new ProposalRecord("", _ids[citizen], _ids[mentor], proposed, proposed.AddDays(ExpiryDays))
                {
                    ProposedBy = ProposedBy(life, citizen, coaches, anyCoach), Status = status,
                };
                drafts.Add(status switch
                {
                    ProposalStatus.Declined => draft with { Decided = proposed.AddDays(Wait(random)), Reason = DeclineReasons[random.Next(DeclineReasons.Length)] },
                    ProposalStatus.Expired => draft with { Decided = draft.Expires },
                    _ => draft with { Decided = proposed.AddDays(Wait(random)), Reason = WithdrawReasons[random.Next(WithdrawReasons.Length)] },
                });
                programme.Days.Add((citizen, proposed));
            }
            return programme;
        }

        /// <summary>Adds the pending proposals to the decided ones and writes them all: ids <c>pr1</c>… (padded) in order of
        /// the day proposed. Pending at the reference date: citizens out of work today with no current mentor, one proposal
        /// each, to mentors with a free place (capacity − current mentees − pending proposals ≥ 0 throughout).</summary>
        private int WriteProposals(CityWriter writer, Life life, Programme programme, Employment[] final)
        {
            var random = life.Random;
            var today = _o.ReferenceDate;
            var drafts = programme.Drafts;
            if (programme.Pending > 0)
            {
                var coaches = Group(_n, i => _area[i]).Select(r => r.Where(i => _kind[i] == NodeKind.Coach).ToArray()).ToArray();
                var anyCoach = Enumerable.Range(0, _n).Where(i => _kind[i] == NodeKind.Coach).ToArray();
                var waiting = Group(_n, i => _area[i])
                    .Select(r => r.Where(i => _kind[i] == NodeKind.Citizen && final[i].ToWorkStatus() == WorkStatus.OutOfWork && !programme.Mentored.Contains(i)).ToArray())
                    .ToArray();
                var free = new int[_n];
                var room = new List<int>();
                for (var m = 0; m < _n; m++)
                {
                    if (_kind[m] != NodeKind.Mentor) continue;
                    free[m] = _capacity[m] - programme.Active[m];
                    if (free[m] > 0 && waiting[_area[m]].Length > 0) room.Add(m);
                }
                var proposedTo = new HashSet<int>();
                for (var k = 0; k < programme.Pending && room.Count > 0; k++)
                {
                    int mentor = -1, citizen = -1;
                    for (var tries = 0; tries < 20 && mentor < 0; tries++)
                    {
                        var m = room[random.Next(room.Count)];
                        var pool = waiting[_area[m]];
                        var c = pool[random.Next(pool.Length)];
                        if (proposedTo.Contains(c) || programme.Paired.Contains(Pair(m, c)) || programme.Refused.Contains(Pair(m, c))) continue;
                        (mentor, citizen) = (m, c);
                    }
                    if (mentor < 0) continue;
                    proposedTo.Add(citizen);
                    if (--free[mentor] == 0) room.Remove(mentor);
                    var proposed = today.AddDays(-(1 + random.Next(ExpiryDays - 1)));
                    drafts.Add(new ProposalRecord("", _ids[citizen], _ids[mentor], proposed, proposed.AddDays(ExpiryDays))
                    {
                        ProposedBy = ProposedBy(life, citizen, coaches, anyCoach),
                    });
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
