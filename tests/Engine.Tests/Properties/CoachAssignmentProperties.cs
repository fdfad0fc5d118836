using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Model;
using SocialCapital.Recommendations;

namespace SocialCapital.Tests.Properties;

/// <summary>Coach assignments and handovers on small random cases (≤ 6 citizens, ≤ 4 coaches with capacities 0–4 or
/// none; hubs, areas, languages, specialisms and goals; coaching spells past, running and future, some overlapping;
/// contacts before and after the day; acquaintances; cohorts with citizens who already have a coach; a random extra
/// "suits" rule): capacity is never exceeded, every pair keeps the hard rules, and the result is optimal against brute
/// force — most citizens, then most continuity, then the highest Σ balance, each coach's j-th new citizen scoring the
/// free share at the start of its balance band. Every expectation is computed here from the records and the
/// definitions in docs/recommendations.md, not from <see cref="CoachingHistory"/>.</summary>
public class CoachAssignmentProperties
{
    private static readonly DateOnly Day = new(2026, 12, 3);
    private static readonly string[] Languages = ["en", "cy"];
    private static readonly string[] Specialisms = ["health", "ips"];
    private static readonly string[] Goals = ["health", "ips", "gardening"];
    private static readonly string?[] Hubs = [null, null, "h1", "h2"];

    private sealed record Case(Dataset Dataset, CoachAssignmentOptions Options, string Leaver, DateOnly Leaving);

    private static string[] Some(Random random, string[] terms, int chance) => [.. terms.Where(_ => random.Next(chance) == 0)];

    private static Case Make(int seed)
    {
        var random = new Random(seed);
        var coaches = random.Next(1, 5);
        var citizens = random.Next(1, 7);
        var nodes = new List<NodeRecord>();
        for (var m = 0; m < coaches; m++)
            nodes.Add(new NodeRecord($"k{m}", NodeKind.Coach)
            {
                Area = random.Next(4) == 0 ? "B" : "A",
                Hub = Hubs[random.Next(Hubs.Length)],
                Capacity = random.Next(6) == 0 ? null : random.Next(5),
                Languages = random.Next(3) == 0 ? [Languages[random.Next(2)]] : [],
                Specialisms = Some(random, Specialisms, 3),
            });
        for (var c = 0; c < citizens; c++)
            nodes.Add(new NodeRecord($"c{c}", NodeKind.Citizen)
            {
                Area = random.Next(8) == 0 ? null : random.Next(5) == 0 ? "B" : "A",
                Hub = random.Next(3) == 0 ? Hubs[random.Next(Hubs.Length)] : nodes[random.Next(coaches)].Hub, // mostly a coach's hub
                Languages = random.Next(4) == 0 ? [Languages[random.Next(2)]] : [],
                Goals = Some(random, Goals, 4),
            });
        var ties = new List<TieRecord>();
        var contacts = new List<ContactRecord>();
        string AnyCoach() => $"k{random.Next(coaches)}";
        for (var c = 0; c < citizens; c++)
        {
            for (var s = random.Next(2) == 0 ? random.Next(1, 3) : 0; s > 0; s--)
            {
                DateOnly? since = random.Next(5) == 0 ? null : Day.AddDays(random.Next(-60, 6));
                DateOnly? until = random.Next(2) == 0 ? null : (since ?? Day.AddDays(-30)).AddDays(random.Next(1, 61));
                ties.Add(new TieRecord(AnyCoach(), $"c{c}", TieKind.Coaching) { Since = since, Until = until });
            }
            for (var n = random.Next(2) == 0 ? random.Next(1, 3) : 0; n > 0; n--)
                contacts.Add(new ContactRecord(AnyCoach(), $"c{c}", Day.AddDays(random.Next(-30, 31)), ContactChannel.Phone));
            if (random.Next(4) == 0) ties.Add(new TieRecord(AnyCoach(), $"c{c}", TieKind.Acquaintance));
        }
        var unsuited = new HashSet<(string, string)>();
        for (var i = random.Next(0, 4); i > 0; i--) unsuited.Add((AnyCoach(), $"c{random.Next(citizens)}"));
        var options = new CoachAssignmentOptions
        {
            AnyHub = random.Next(3) == 0,
            Suits = random.Next(2) == 0 ? null : (coach, citizen) => !unsuited.Contains((coach, citizen)),
            BalanceSteps = random.Next(1, 5),
            Citizens = random.Next(3) == 0 ? [.. Enumerable.Range(0, citizens).Where(_ => random.Next(2) == 0).Select(c => $"c{c}")] : null,
        };
        return new Case(Dataset.Create(nodes, ties, contacts: contacts), options, AnyCoach(), Day.AddDays(random.Next(-5, 6)));
    }

    [Property(MaxTest = 300)]
    public Property Assign_SmallCases_KeepCapacityAndRulesAndAreOptimal() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var (dataset, options, _, _) = Make(seed);
            var graph = dataset.ToGraph(new GraphOptions { AsOf = Day });
            var result = CoachAssignment.Assign(graph, CoachingHistory.Of(dataset.Ties, dataset.Contacts), options);
            var reference = new Reference(dataset);
            var citizens = dataset.Nodes.Where(n => n.Kind == NodeKind.Citizen).Select(n => n.Id);
            var asked = options.Citizens is { } listed ? citizens.Where(listed.Contains).ToArray() : [.. citizens.Where(c => reference.Current(c, Day, null) is null)];
            var refused = asked.Where(c => reference.Current(c, Day, null) is not null).ToHashSet();
            foreach (var c in refused)
                if (!result.Unassigned.Any(u => u.Citizen == c && u.Reason.StartsWith("already has a coach", StringComparison.Ordinal)))
                    return false.Label($"{c} has a coach but is not reported");
            if (result.Citizens != asked.Length) return false.Label("citizens");
            return reference.Check(result, [.. asked.Where(c => !refused.Contains(c))], Day, null, options, refused.Count);
        });

    [Property(MaxTest = 300)]
    public Property Handover_SmallCases_KeepCapacityAndRulesAndAreOptimal() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var (dataset, options, leaver, leaving) = Make(seed);
            var graph = dataset.ToGraph(new GraphOptions { AsOf = Day });
            var result = CoachAssignment.Handover(graph, CoachingHistory.Of(dataset.Ties, dataset.Contacts), leaver, leaving, options);
            var reference = new Reference(dataset);
            var caseload = dataset.Nodes.Where(n => n.Kind == NodeKind.Citizen).Select(n => n.Id)
                .Where(c => reference.Current(c, leaving.AddDays(-1), null)?.Source == leaver && reference.Current(c, leaving, leaver) is null)
                .ToArray();
            if (result.Citizens != caseload.Length || result.LeavingCoach != leaver || result.Day != leaving) return false.Label("caseload");
            if (result.Pairs.Any(p => p.Coach == leaver)) return false.Label("the leaver took a citizen");
            return reference.Check(result, caseload, leaving, leaver, options, 0);
        });

    /// <summary>The definitions, straight from the records.</summary>
    private sealed class Reference(Dataset dataset)
    {
        private readonly NodeRecord[] _coaches = [.. dataset.Nodes.Where(n => n.Kind == NodeKind.Coach)];
        private readonly Dictionary<string, NodeRecord> _nodes = dataset.Nodes.ToDictionary(n => n.Id);

        private static bool Runs(TieRecord t, DateOnly day) => (t.Since is not { } s || s <= day) && (t.Until is not { } u || day < u);

        /// <summary>A citizen's current coaching tie: of those running on the day (<paramref name="except"/>'s left out),
        /// the one begun last, ties broken by the greater coach id.</summary>
        public TieRecord? Current(string citizen, DateOnly day, string? except) => dataset.Ties
            .Where(t => t.Kind == TieKind.Coaching && t.Target == citizen && t.Source != except && Runs(t, day))
            .OrderBy(t => t.Since ?? DateOnly.MinValue).ThenBy(t => t.Source, StringComparer.Ordinal).LastOrDefault();

        private bool Known(string coach, string citizen, DateOnly day) =>
            dataset.Ties.Any(t => t.Kind == TieKind.Coaching && t.Source == coach && t.Target == citizen && (t.Since is not { } s || s <= day))
            || dataset.Contacts.Any(c => c.Coach == coach && c.Citizen == citizen && c.Date <= day);

        public Property Check(CoachAssignmentResult result, string[] waiting, DateOnly day, string? leaver, CoachAssignmentOptions options, int refused)
        {
            var coaches = _coaches.Where(k => k.Id != leaver).ToArray();
            var citizens = dataset.Nodes.Where(n => n.Kind == NodeKind.Citizen).Select(n => n.Id).ToArray();
            var load = coaches.ToDictionary(k => k.Id, k => citizens.Count(c => Current(c, day, leaver)?.Source == k.Id));
            var free = coaches.ToDictionary(k => k.Id, k => k.Capacity is { } cap ? Math.Max(0, cap - load[k.Id]) : 0);
            foreach (var coach in coaches)
                if (result.Pairs.Count(p => p.Coach == coach.Id) > free[coach.Id]) return false.Label($"capacity of {coach.Id}");
            if (result.Pairs.Count + result.Unassigned.Count != waiting.Length + refused) return false.Label("accounted for");

            var specialisms = _coaches.SelectMany(k => k.Specialisms).ToHashSet();
            bool Eligible(NodeRecord k, NodeRecord c)
            {
                var needs = c.Goals.Where(specialisms.Contains).ToArray();
                return free[k.Id] > 0
                    && (options.AnyHub || (c.Hub is { } hub ? k.Hub == hub : c.Area is { } area && k.Area == area))
                    && (c.Languages.Count == 0 || k.Languages.Any(c.Languages.Contains))
                    && (needs.Length == 0 || k.Specialisms.Any(needs.Contains))
                    && (options.Suits is null || options.Suits(k.Id, c.Id));
            }
            var eligible = waiting.Select(c => coaches.Where(k => Eligible(k, _nodes[c])).ToDictionary(k => k.Id, k => Known(k.Id, c, day))).ToArray();
            var place = coaches.ToDictionary(k => k.Id, k => Places(free[k.Id], k.Capacity ?? 1, options.BalanceSteps));
            var position = waiting.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
            foreach (var pair in result.Pairs)
            {
                if (!position.TryGetValue(pair.Citizen, out var i) || !eligible[i].TryGetValue(pair.Coach, out var known)) return false.Label($"an ineligible pair {pair}");
                if (known != pair.Continuity || !place[pair.Coach].Contains(pair.Balance)) return false.Label("score parts");
            }
            var best = Best(0, eligible, place, coaches.ToDictionary(k => k.Id, _ => 0));
            return (result.Pairs.Count == best.Count && result.ContinuityPairs == best.Known && Math.Abs(result.TotalBalance - best.Balance) < 1e-9)
                .Label($"({result.Pairs.Count}, {result.ContinuityPairs}, {result.TotalBalance}) vs {best}");
        }
    }

    /// <summary>The balance of each free place of a coach, from the definition: the places cut into
    /// min(free, steps) bands as equal as possible (the larger first), each place scoring the free share at its band's
    /// start.</summary>
    private static double[] Places(int free, int capacity, int steps)
    {
        var values = new List<double>();
        steps = Math.Min(free, steps);
        for (int b = 0, start = 0; b < steps; b++)
        {
            var size = (free / steps) + (b < free % steps ? 1 : 0);
            for (var j = 0; j < size; j++) values.Add((double)(free - start) / capacity);
            start += size;
        }
        return [.. values];
    }

    /// <summary>The lexicographic best (pairs, continuity pairs, Σ balance) over citizens from <paramref name="i"/> on,
    /// a coach's next place scoring its place's balance.</summary>
    private static (int Count, int Known, double Balance) Best(int i, Dictionary<string, bool>[] eligible, Dictionary<string, double[]> place,
        Dictionary<string, int> load)
    {
        if (i == eligible.Length) return (0, 0, 0);
        var best = Best(i + 1, eligible, place, load);
        foreach (var (coach, known) in eligible[i])
        {
            if (load[coach] == place[coach].Length) continue;
            var balance = place[coach][load[coach]++];
            var rest = Best(i + 1, eligible, place, load);
            load[coach]--;
            var value = (rest.Count + 1, rest.Known + (known ? 1 : 0), rest.Balance + balance);
            if (value.Item1 > best.Count || (value.Item1 == best.Count && (value.Item2 > best.Known || (value.Item2 == best.Known && value.Item3 > best.Balance + 1e-12))))
                best = value;
        }
        return best;
    }
}
