using System.Globalization;
using MathNet.Numerics.Random;
using SocialCapital.Model;

namespace SocialCapital.Synthetic;

// The coaching service (docs/generator.md, "Coaching"): Work Hubs, coaches' specialisms, capacities and languages,
// citizens' needs, coaching spells with coach changes over the last 18 months, and the meetings of each spell. Every draw
// here comes from a random stream of its own, so the people, the other ties and the lifecycle are the same with or without it.
public static partial class CityGenerator
{
    /// <summary>The coaches' specialisms, which are also the needs a citizen can have (in <c>goals</c>), in the order a
    /// coach's list is written.</summary>
    private static readonly string[] Specialisms =
        ["young_people", "older_workers", "health_condition", "ips", "disability", "lone_parents", "care_leavers", "ex_offenders"];

    private const int YoungPeople = 0, OlderWorkers = 1, HealthCondition = 2, Ips = 3, Disability = 4, LoneParents = 5, CareLeavers = 6, ExOffenders = 7;

    /// <summary>The names after <c>hub-AREA-</c> of an area's hubs: one hub is <c>central</c>; two to five take these in
    /// order; more are numbered.</summary>
    private static readonly string[] HubSuffixes = ["north", "south", "east", "west", "central"];

    /// <summary>Mixed into the seed of the coaching's random stream.</summary>
    private const int CoachingSalt = 0x434F4143;

    /// <summary>Days of contact history before the reference date: about 18 months.</summary>
    private const int ContactWindowDays = 548;

    /// <summary>Residents per Work Hub: an area gets round(residents / 1,500) hubs, at least one and at most one per two
    /// of its coaches.</summary>
    private const int ResidentsPerHub = 1500;

    /// <summary>The share of coaches (not the first of each hub) who joined the hub in the window, taking over part of
    /// their colleagues' caseloads.</summary>
    private const double JoinedShare = 0.2;

    /// <summary>The chance that a citizen's current coach took over from a colleague (an individual reassignment),
    /// and that each earlier coach did.</summary>
    private const double ReassignedShare = 0.12, EarlierReassignedShare = 0.15;

    /// <summary>The share of citizens out of work and without a coach who had one before (an ended episode).</summary>
    private const double EarlierEpisodeShare = 0.3;

    /// <summary>The share of citizens who moved into work in the contact window (by their employment history) who were
    /// coached until they did.</summary>
    private const double CoachedIntoWorkShare = 0.6;

    /// <summary>Cadences of a citizen's meetings: regular (every 14–28 days), loose (every 21–56 days), or lapsed (regular,
    /// but not met since a day 31–150 days before the reference date); a planned meeting is missed with <see cref="Missed"/>.</summary>
    private const double RegularShare = 0.65, LooseShare = 0.25, Missed = 0.1;

    /// <summary>The bounds of a coach's capacity: their caseload on the reference date times a factor uniform in
    /// [0.95, 1.45], rounded to a multiple of 5, within these.</summary>
    private const int MinCapacity = 20, MaxCapacity = 150;

    /// <summary>The channels' shares: in person, phone, video; the rest by message. An episode's first meeting is in person.</summary>
    private const double InPersonShare = 0.45, PhoneShare = 0.30, VideoShare = 0.10;

    private sealed partial class City
    {
        /// <summary>The coaching plan, made by <see cref="WriteInstitutionalTies"/> with <see cref="CityOptions.Coaching"/>.</summary>
        public CoachingPlan? Coaching { get; private set; }

        /// <summary>What the node rows need of the coaching (hubs, specialisms, capacities, languages, needs), and counts.
        /// Arrays by person index.</summary>
        public sealed class CoachingPlan(int people)
        {
            public List<string> HubNames { get; } = [];
            public int[] Hub { get; } = new int[people];
            public string[]?[] Specialisms { get; } = new string[]?[people];
            public int[] Capacity { get; } = new int[people];
            public string?[] ExtraLanguage { get; } = new string?[people];
            public string[]?[] Needs { get; } = new string[]?[people];
            public long Contacts { get; set; }
            public int Spells { get; set; }

            /// <summary>The day (days from the reference date, negative) each coach joined their hub; int.MinValue for
            /// coaches there throughout.</summary>
            public int[] Joined { get; } = new int[people];

            /// <summary>The coaches of each hub.</summary>
            public List<int>[] HubCoaches { get; set; } = [];

            /// <summary>The coaching's random stream.</summary>
            public required MersenneTwister Random { get; init; }

            /// <summary>For a citizen in work on the reference date whose employment history ends with a move from out
            /// of work into work, the day of that move (days from the reference date, negative); else 0. Set by the
            /// lifecycle.</summary>
            public int[] MovedIntoWork { get; } = new int[people];
        }

        /// <summary>Plans the coaching from the coaching ties drawn (<paramref name="coachOf"/>: each citizen's current
        /// coach or -1): hubs and who they serve, coaches' join days, specialisms, capacities and languages, citizens' needs.</summary>
        private CoachingPlan PlanCoaching(MersenneTwister random, int[][] residents, int[][] coaches, int[] coachOf)
        {
            var plan = new CoachingPlan(_n) { Random = random };
            Array.Fill(plan.Joined, int.MinValue);
            var hubsOf = new int[residents.Length][];
            var hubCoaches = new List<List<int>>();
            for (var a = 0; a < residents.Length; a++)
            {
                var count = Math.Clamp((int)Math.Round(residents[a].Length / (double)ResidentsPerHub), 1, Math.Max(1, coaches[a].Length / 2));
                hubsOf[a] = new int[count];
                for (var h = 0; h < count; h++)
                {
                    var suffix = count == 1 ? "central" : h < HubSuffixes.Length && count <= HubSuffixes.Length ? HubSuffixes[h] : (h + 1).ToString(CultureInfo.InvariantCulture);
                    hubsOf[a][h] = plan.HubNames.Count;
                    plan.HubNames.Add("hub-" + _areaCodes[a] + "-" + suffix);
                    hubCoaches.Add([]);
                }
                // The area's coaches, shuffled, dealt to its hubs in turn; the first of each hub was there throughout.
                var shuffled = coaches[a].ToArray();
                Shuffle(random, shuffled);
                for (var k = 0; k < shuffled.Length; k++)
                {
                    var hub = hubsOf[a][k % count];
                    plan.Hub[shuffled[k]] = hub;
                    if (k >= count && random.NextDouble() < JoinedShare) plan.Joined[shuffled[k]] = -(60 + random.Next(ContactWindowDays - 60));
                    hubCoaches[hub].Add(shuffled[k]);
                }
            }
            foreach (var list in hubCoaches) list.Sort();
            plan.HubCoaches = [.. hubCoaches];

            // Everyone else: a coached citizen the hub of their coach (when of their area), others a hub of their area in
            // proportion to its coaches.
            var caseload = new int[_n];
            for (var i = 0; i < _n; i++)
            {
                if (_kind[i] == NodeKind.Coach) continue;
                var coach = coachOf[i];
                if (coach >= 0) caseload[coach]++;
                plan.Hub[i] = coach >= 0 && _area[coach] == _area[i] ? plan.Hub[coach] : PickHub(random, hubsOf[_area[i]], plan.HubCoaches);
            }

            // Needs of the citizens out of work, and how many of each a hub's citizens have.
            var hubNeeds = new int[plan.HubNames.Count, Specialisms.Length];
            var needs = new List<string>(4);
            for (var i = 0; i < _n; i++)
            {
                if (!IsOutOfWorkCitizen(i)) continue;
                needs.Clear();
                var age = _age[i];
                var inactive = _employment[i] == Employment.Inactive;
                if (age == AgeBand.Age16To24 && random.NextDouble() < 0.7) needs.Add(Specialisms[YoungPeople]);
                if (age is AgeBand.Age50To64 or AgeBand.Age65Plus && random.NextDouble() < (age == AgeBand.Age50To64 ? 0.5 : 0.3)) needs.Add(Specialisms[OlderWorkers]);
                if (random.NextDouble() < (inactive ? 0.35 : 0.12)) needs.Add(Specialisms[HealthCondition]);
                if (age != AgeBand.Age65Plus && random.NextDouble() < (inactive ? 0.08 : 0.03)) needs.Add(Specialisms[Ips]);
                if (random.NextDouble() < 0.1) needs.Add(Specialisms[Disability]);
                if (age is AgeBand.Age16To24 or AgeBand.Age25To34 or AgeBand.Age35To49 && random.NextDouble() < 0.12) needs.Add(Specialisms[LoneParents]);
                if (age == AgeBand.Age16To24 && random.NextDouble() < 0.08) needs.Add(Specialisms[CareLeavers]);
                if (random.NextDouble() < 0.04) needs.Add(Specialisms[ExOffenders]);
                if (needs.Count == 0) continue;
                plan.Needs[i] = [.. needs];
                foreach (var need in needs) hubNeeds[plan.Hub[i], Array.IndexOf(Specialisms, need)]++;
            }

            // Coaches: specialisms in proportion to their hub's needs (one to three), every need of the hub covered by
            // someone; a capacity a little above their caseload on the reference date (some below it); a second language
            // for 30%.
            var weights = new double[Specialisms.Length];
            var has = new bool[Specialisms.Length];
            for (var hub = 0; hub < plan.HubCoaches.Length; hub++)
            {
                var list = plan.HubCoaches[hub];
                var held = new List<int>[list.Count];
                for (var k = 0; k < list.Count; k++)
                {
                    var c = list[k];
                    var r = random.NextDouble();
                    var count = r < 0.5 ? 1 : r < 0.85 ? 2 : 3;
                    for (var s = 0; s < Specialisms.Length; s++) { weights[s] = 1 + hubNeeds[hub, s]; has[s] = false; }
                    held[k] = [];
                    for (var pick = 0; pick < count; pick++)
                    {
                        double total = 0;
                        for (var s = 0; s < weights.Length; s++) if (!has[s]) total += weights[s];
                        var u = random.NextDouble() * total;
                        var chosen = -1;
                        for (var s = 0; s < weights.Length && chosen < 0; s++)
                            if (!has[s] && (u -= weights[s]) < 0) chosen = s;
                        if (chosen < 0) chosen = Array.LastIndexOf(has, false);
                        has[chosen] = true;
                        held[k].Add(chosen);
                    }
                    var load = caseload[c];
                    plan.Capacity[c] = load == 0 ? 30 + 5 * random.Next(7)
                        : Math.Clamp(5 * (int)Math.Round(load * (0.95 + 0.5 * random.NextDouble()) / 5), MinCapacity, MaxCapacity);
                    if (random.NextDouble() < 0.3) plan.ExtraLanguage[c] = SecondLanguages[random.Next(SecondLanguages.Length)];
                }
                for (var s = 0; s < Specialisms.Length && list.Count > 0; s++)
                {
                    if (hubNeeds[hub, s] == 0) continue;
                    var covered = false;
                    var fewest = 0;
                    for (var k = 0; k < list.Count; k++)
                    {
                        covered |= held[k].Contains(s);
                        if (held[k].Count < held[fewest].Count) fewest = k;
                    }
                    if (!covered) held[fewest].Add(s);
                }
                for (var k = 0; k < list.Count; k++)
                {
                    held[k].Sort();
                    plan.Specialisms[list[k]] = [.. held[k].Select(s => Specialisms[s])];
                }
            }
            return plan;
        }

        private static int PickHub(MersenneTwister random, int[] hubs, List<int>[] hubCoaches)
        {
            if (hubs.Length == 1) return hubs[0];
            var total = 0;
            foreach (var h in hubs) total += Math.Max(1, hubCoaches[h].Count);
            var u = random.Next(total);
            foreach (var h in hubs)
                if ((u -= Math.Max(1, hubCoaches[h].Count)) < 0) return h;
            return hubs[^1];
        }

        private static void Shuffle(MersenneTwister random, int[] items)
        {
            for (var k = items.Length - 1; k > 0; k--)
            {
                var swap = random.Next(k + 1);
                (items[k], items[swap]) = (items[swap], items[k]);
            }
        }

        /// <summary>Writes a citizen's coaching spells, oldest first, and the meetings of each: with a current coach
        /// (<paramref name="current"/> ≥ 0), the episode that leads to them (earlier coaches of the hub when a colleague
        /// joined or the citizen was reassigned); without one, with <see cref="EarlierEpisodeShare"/> an ended episode.</summary>
        /// <returns>The ties written.</returns>
        private int WriteCoachingSpells(CityWriter writer, MersenneTwister random, CoachingPlan plan, int citizen, int current,
            List<(int Coach, int Since, int Until)> spells)
        {
            spells.Clear();
            if (current >= 0)
            {
                // The episode started d days ago (mean about 9 months, at most 900 days).
                var start = -(1 + Math.Min(899, (int)(-Math.Log(1 - random.NextDouble()) * 270)));
                var coach = current;
                var until = 0;
                for (var step = 0; ; step++)
                {
                    var change = int.MinValue;
                    if (plan.Joined[coach] > start) change = Math.Min(until - 7, plan.Joined[coach] + random.Next(31));
                    else if (step < 3 && until - start > 90 && random.NextDouble() < (step == 0 ? ReassignedShare : EarlierReassignedShare))
                        change = start + 30 + random.Next(until - start - 60);
                    var previous = change > start ? Colleague(random, plan, coach, start) : -1;
                    if (previous < 0)
                    {
                        spells.Add((coach, Math.Max(start, plan.Joined[coach]), until));
                        break;
                    }
                    spells.Add((coach, change, until));
                    (coach, until) = (previous, change);
                }
                spells.Reverse();
            }
            else if (random.NextDouble() < EarlierEpisodeShare)
            {
                var end = -(30 + random.Next(336));
                var start = end - (60 + random.Next(481));
                var coach = Colleague(random, plan, -1, start, plan.Hub[citizen]);
                if (coach >= 0) spells.Add((coach, start, end));
            }
            return WriteSpells(writer, random, plan, citizen, spells, lapses: true);
        }

        /// <summary>With the coaching and the lifecycle: the coaching episodes of the citizens who moved into work in the
        /// contact window (<see cref="CoachingPlan.MovedIntoWork"/>; <see cref="CoachedIntoWorkShare"/> of them, with a coach
        /// of their hub), each ending on the day they started work, with its meetings. Written after the lifecycle (it needs
        /// the employment history), so these ties come last in <c>ties.csv</c>.</summary>
        /// <returns>The ties written.</returns>
        public int WriteCoachingIntoWork(CityWriter writer)
        {
            if (Coaching is not { } plan) return 0;
            var random = plan.Random;
            var spells = new List<(int Coach, int Since, int Until)>(2);
            var written = 0;
            for (var i = 0; i < _n; i++)
            {
                var moved = plan.MovedIntoWork[i];
                if (moved == 0 || random.NextDouble() >= CoachedIntoWorkShare) continue;
                spells.Clear();
                var start = Math.Max(-900, moved - (30 + Math.Min(700, (int)(-Math.Log(1 - random.NextDouble()) * 200))));
                var coach = Colleague(random, plan, -1, start, plan.Hub[i]);
                if (coach < 0) continue;
                var change = moved - start > 90 && random.NextDouble() < ReassignedShare ? start + 30 + random.Next(moved - start - 60) : int.MinValue;
                var next = change > start ? Colleague(random, plan, coach, change) : -1;
                if (next >= 0)
                {
                    spells.Add((coach, start, change));
                    spells.Add((next, change, moved));
                }
                else spells.Add((coach, start, moved));
                written += WriteSpells(writer, random, plan, i, spells, lapses: false);
            }
            CoachingTies += written;
            return written;
        }

        /// <summary>Writes the ties of one citizen's spells (oldest first; an until of 0 is the current spell) and their
        /// meetings, with a cadence drawn for the citizen; <paramref name="lapses"/>: the cadence may be lapsed.</summary>
        private int WriteSpells(CityWriter writer, MersenneTwister random, CoachingPlan plan, int citizen,
            List<(int Coach, int Since, int Until)> spells, bool lapses)
        {
            if (spells.Count == 0) return 0;
            // The citizen's cadence, the same with every coach of the episode.
            var r = random.NextDouble();
            var loose = r >= RegularShare && r < RegularShare + LooseShare;
            var lapsed = lapses && r >= RegularShare + LooseShare ? -(31 + random.Next(120)) : 0;
            foreach (var (coach, since, until) in spells)
            {
                var isCurrent = until == 0;
                Tie(writer, coach, citizen, TieKind.Coaching, 1, Date(since), isCurrent ? null : Date(until));
                var last = isCurrent && lapsed < 0 ? Math.Max(since + 1, lapsed) : until; // meetings before this day
                var day = since + random.Next(8);
                var first = true;
                while (day < last)
                {
                    if (day >= -ContactWindowDays && (first || random.NextDouble() >= Missed))
                    {
                        writer.Contact(new ContactRecord(_ids[coach], _ids[citizen], Date(day), first ? ContactChannel.InPerson : Channel(random)));
                        plan.Contacts++;
                    }
                    first = false;
                    day += loose ? 21 + random.Next(36) : 14 + random.Next(15);
                }
            }
            plan.Spells += spells.Count;
            return spells.Count;
        }

        /// <summary>A coach of <paramref name="hub"/> (default: <paramref name="coach"/>'s) other than <paramref name="coach"/>,
        /// there on <paramref name="day"/>, at random; -1 when there is none.</summary>
        private static int Colleague(MersenneTwister random, CoachingPlan plan, int coach, int day, int hub = -1)
        {
            var list = plan.HubCoaches[hub >= 0 ? hub : plan.Hub[coach]];
            var eligible = 0;
            foreach (var k in list) if (k != coach && plan.Joined[k] <= day) eligible++;
            if (eligible == 0) return -1;
            var pick = random.Next(eligible);
            foreach (var k in list)
                if (k != coach && plan.Joined[k] <= day && pick-- == 0) return k;
            return -1;
        }

        private static ContactChannel Channel(MersenneTwister random)
        {
            var u = random.NextDouble();
            return u < InPersonShare ? ContactChannel.InPerson : u < InPersonShare + PhoneShare ? ContactChannel.Phone
                : u < InPersonShare + PhoneShare + VideoShare ? ContactChannel.Video : ContactChannel.Message;
        }
    }
}
