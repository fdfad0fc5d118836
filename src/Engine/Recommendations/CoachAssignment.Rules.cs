using SocialCapital.Graph;
using SocialCapital.Model;

namespace SocialCapital.Recommendations;

public static partial class CoachAssignment
{
    /// <summary>A citizen as the hard rules read them: hub, area, languages and needs (goals naming a specialism some
    /// coach of the graph has, in goal order).</summary>
    private readonly record struct CitizenView(string Id, string? Hub, string? Area, string[] Languages, string[] Needs);

    /// <summary>The coaches an assignment may use on its day, with their free places and what the rules read of them.</summary>
    private sealed class Pool
    {
        public readonly SocialGraph Graph;
        public readonly CoachingHistory History;
        public readonly DateOnly Day;
        public readonly int Leaver;
        public readonly CoachAssignmentOptions Options;
        public readonly int[] Coaches;
        public readonly int[] Free;
        private readonly string?[] _hubs;
        private readonly string?[] _areas;
        private readonly string[][] _languages;
        private readonly string[][] _specialisms;

        // leaver: the coach who leaves (a handover), left out of the pool and of every caseload; -1 = none.
        public Pool(SocialGraph graph, CoachingHistory history, DateOnly day, int leaver, CoachAssignmentOptions options)
        {
            Graph = graph;
            History = history;
            Day = day;
            Leaver = leaver;
            Options = options;
            var load = Caseloads(graph, history, day, leaver >= 0 ? graph.Id(leaver) : null);
            var coaches = new List<int>();
            var allowed = options.Coaches is { } listed ? new HashSet<string>(listed, StringComparer.Ordinal) : null;
            for (var u = 0; u < graph.NodeCount; u++)
            {
                if (graph.Kind(u) != NodeKind.Coach) continue;
                // A need is any coach's specialism (CoachNeeds): the leaver's and those outside the pool too.
                if (u != leaver && (allowed is null || allowed.Contains(graph.Id(u)))) coaches.Add(u);
            }
            Coaches = [.. coaches];
            Free = new int[Coaches.Length];
            _hubs = new string?[Coaches.Length];
            _areas = new string?[Coaches.Length];
            _languages = new string[Coaches.Length][];
            _specialisms = new string[Coaches.Length][];
            for (var m = 0; m < Coaches.Length; m++)
            {
                var coach = Coaches[m];
                Free[m] = graph.Capacity(coach) is { } capacity ? Math.Max(0, capacity - load[coach]) : 0;
                _hubs[m] = graph.Hub(coach);
                _areas[m] = graph.Area(coach);
                _languages[m] = [.. graph.Languages(coach)];
                _specialisms[m] = [.. graph.Specialisms(coach)];
            }
        }

        public CitizenView Citizen(int node)
        {
            return new CitizenView(Graph.Id(node), Graph.Hub(node), Graph.Area(node), [.. Graph.Languages(node)], CoachNeeds.Of(Graph, node));
        }

        /// <summary>Whether the hard rules allow the pair, counting the first rule that rules it out.</summary>
        public bool Eligible(in CitizenView citizen, int m, ref RuleCounts counts)
        {
            if (Free[m] == 0) { counts.NoFreePlace++; return false; }
            if (!Options.AnyHub && !InReach(citizen, m)) { counts.OutOfReach++; return false; }
            if (citizen.Languages.Length > 0 && !Shares(citizen.Languages, _languages[m])) { counts.NoSharedLanguage++; return false; }
            if (citizen.Needs.Length > 0 && !Shares(citizen.Needs, _specialisms[m])) { counts.NoNeedCovered++; return false; }
            if (Options.Suits is { } suits && !suits(Graph.Id(Coaches[m]), citizen.Id)) { counts.NotSuited++; return false; }
            return true;
        }

        /// <summary>The same hub, or for a citizen without a hub the same area (both known).</summary>
        private bool InReach(in CitizenView citizen, int m) => citizen.Hub is { } hub
            ? string.Equals(hub, _hubs[m], StringComparison.Ordinal)
            : citizen.Area is { } area && string.Equals(area, _areas[m], StringComparison.Ordinal);

        public string[] Reasons(in CitizenView citizen, int m, bool known)
        {
            var reasons = new List<string>();
            if (known) AddContinuity(reasons, Graph.Id(Coaches[m]), citizen.Id);
            if (InReach(citizen, m))
                reasons.Add(citizen.Hub is { } hub ? $"same hub {hub}" : $"same area {citizen.Area} (the citizen has no hub)");
            else
                reasons.Add($"{(_hubs[m] is { } other ? "hub " + other : "no hub")}, any hub allowed");
            if (citizen.Languages.Length > 0)
            {
                var shared = Common(_languages[m], citizen.Languages);
                reasons.Add($"shares language{(shared.Count == 1 ? "" : "s")} {string.Join(", ", shared)}");
            }
            if (citizen.Needs.Length > 0)
            {
                var covered = Common(citizen.Needs, _specialisms[m]);
                var missing = citizen.Needs.Where(n => !covered.Contains(n)).ToArray();
                reasons.Add($"covers need{(covered.Count == 1 ? "" : "s")} {string.Join(", ", covered)}"
                    + (missing.Length > 0 ? $" (not {string.Join(", ", missing)})" : ""));
            }
            if (Options.Suits is not null) reasons.Add("passes the Suits rule");
            reasons.Add($"{Free[m]} of {Graph.Capacity(Coaches[m])} places free");
            return [.. reasons];
        }

        /// <summary>How the coach knows the citizen: their latest spell begun by the day, and their last meeting by then.</summary>
        private void AddContinuity(List<string> reasons, string coach, string citizen)
        {
            CoachingSpell? last = null;
            foreach (var spell in History.SpellsOf(citizen))
                if (spell.Coach == coach && (spell.Since is not { } since || since <= Day)) last = spell;
            if (last is { } s)
                reasons.Add(s.IsActiveOn(Day)
                    ? "coaches this citizen already" + Since(s)
                    : "coached this citizen before" + (s.Since is { } from ? " from " + Iso(from) : "") + " until " + Iso(s.Until!.Value));
            DateOnly? met = null;
            foreach (var contact in History.ContactsOf(citizen))
            {
                if (contact.Date > Day) break;
                if (contact.Coach == coach) met = contact.Date;
            }
            if (met is { } day) reasons.Add("met before on " + Iso(day));
        }

        private static bool Shares(string[] wanted, string[] offered)
        {
            foreach (var w in wanted)
                if (Array.IndexOf(offered, w) >= 0) return true;
            return false;
        }

        /// <summary>The items of <paramref name="first"/> also in <paramref name="second"/>, in the first's order.</summary>
        private static List<string> Common(string[] first, string[] second) => [.. first.Where(x => Array.IndexOf(second, x) >= 0)];
    }

    /// <summary>How many coaches each hard rule ruled out for one citizen (the first rule that applies, in the order the
    /// rules are checked).</summary>
    private struct RuleCounts
    {
        public int NoFreePlace;
        public int OutOfReach;
        public int NoSharedLanguage;
        public int NoNeedCovered;
        public int NotSuited;

        public readonly string Describe(in CitizenView citizen, bool anyHub)
        {
            var parts = new List<string>();
            void Add(int n, string what) { if (n > 0) parts.Add($"{n} {(n == 1 ? "coach" : "coaches")} {what}"); }
            Add(NoFreePlace, "with no free place");
            if (!anyHub)
                Add(OutOfReach, citizen.Hub is { } hub ? $"not of hub {hub} (allow any hub to include them)"
                    : citizen.Area is { } area ? $"not in area {area}, the citizen having no hub (allow any hub to include them)"
                    : "out of reach: the citizen has neither a hub nor an area (allow any hub to include them)");
            Add(NoSharedLanguage, $"sharing none of the citizen's languages ({string.Join(", ", citizen.Languages)})");
            Add(NoNeedCovered, $"covering none of the citizen's needs ({string.Join(", ", citizen.Needs)})");
            Add(NotSuited, "ruled out by the Suits rule");
            return string.Join("; ", parts);
        }
    }
}
