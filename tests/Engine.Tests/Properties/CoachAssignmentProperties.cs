using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Model;
using SocialCapital.Recommendations;

namespace SocialCapital.Tests.Properties;

/// <summary>Coach assignments on small random caseloads (≤ 6 citizens, ≤ 4 coaches with capacities 0–3 or none, active
/// and ended coaching ties, languages, two areas, a random "suits" rule): capacity is never exceeded, every pair keeps
/// the hard rules, and the result is optimal against brute force — most citizens, then most continuity, then the
/// highest Σ balance, each coach's j-th new citizen scoring the free share at the start of its balance band.</summary>
public class CoachAssignmentProperties
{
    private static readonly DateOnly Day = new(2026, 12, 3);
    private static readonly string[] Languages = ["en", "cy"];

    private static (Dataset Dataset, CoachAssignmentOptions Options) Make(int seed)
    {
        var random = new Random(seed);
        var coaches = random.Next(1, 5);
        var citizens = random.Next(1, 7);
        var nodes = new List<NodeRecord>();
        for (var m = 0; m < coaches; m++)
            nodes.Add(new NodeRecord($"k{m}", NodeKind.Coach)
            {
                Area = random.Next(4) == 0 ? "B" : "A",
                Capacity = random.Next(6) == 0 ? null : random.Next(4),
                Languages = random.Next(3) == 0 ? [Languages[random.Next(2)]] : [],
            });
        for (var c = 0; c < citizens; c++)
            nodes.Add(new NodeRecord($"c{c}", NodeKind.Citizen)
            {
                Area = random.Next(5) == 0 ? "B" : "A",
                Languages = random.Next(4) == 0 ? [Languages[random.Next(2)]] : [],
            });
        var ties = new List<TieRecord>();
        for (var c = 0; c < citizens; c++)
        {
            if (random.Next(4) == 0)
                ties.Add(new TieRecord($"k{random.Next(coaches)}", $"c{c}", TieKind.Coaching) { Since = Day.AddDays(-30) });
            if (random.Next(3) == 0)
                ties.Add(new TieRecord($"k{random.Next(coaches)}", $"c{c}", TieKind.Acquaintance));
        }
        var unsuited = new HashSet<(string, string)>();
        for (var i = 0; i < random.Next(0, 4); i++) unsuited.Add(($"k{random.Next(coaches)}", $"c{random.Next(citizens)}"));
        var options = new CoachAssignmentOptions
        {
            AnyArea = random.Next(2) == 0,
            Suits = random.Next(2) == 0 ? null : (coach, citizen) => !unsuited.Contains((coach, citizen)),
            BalanceSteps = random.Next(1, 5),
        };
        return (Dataset.Create(nodes, ties), options);
    }

    [Property(MaxTest = 300)]
    public Property Assign_SmallCaseloads_KeepCapacityAndRulesAndAreOptimal() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var (dataset, options) = Make(seed);
            var graph = dataset.ToGraph(new GraphOptions { AsOf = Day });
            var result = CoachAssignment.Assign(graph, options);

            var coaches = dataset.Nodes.Where(n => n.Kind == NodeKind.Coach).ToArray();
            int Caseload(string coach) => dataset.Ties.Where(t => t.Kind == TieKind.Coaching && t.Source == coach).Select(t => t.Target).Distinct().Count();
            var free = coaches.ToDictionary(k => k.Id, k => k.Capacity is { } cap ? Math.Max(0, cap - Caseload(k.Id)) : 0);
            foreach (var coach in coaches)
                if (result.Pairs.Count(p => p.Coach == coach.Id) > free[coach.Id]) return false.Label($"capacity of {coach.Id}");

            var waiting = dataset.Nodes.Where(n => n.Kind == NodeKind.Citizen && !dataset.Ties.Any(t => t.Kind == TieKind.Coaching && t.Target == n.Id)).ToArray();
            if (result.Citizens != waiting.Length || result.Pairs.Count + result.Unassigned.Count != waiting.Length) return false.Label("citizens");
            var eligible = waiting.Select(c => coaches.Where(k => free[k.Id] > 0
                    && (options.AnyArea || k.Area == c.Area)
                    && (c.Languages.Count == 0 || k.Languages.Any(c.Languages.Contains))
                    && (options.Suits is null || options.Suits(k.Id, c.Id)))
                .ToDictionary(k => k.Id, k => dataset.Ties.Any(t => t.Source == k.Id && t.Target == c.Id))).ToArray();
            var place = coaches.ToDictionary(k => k.Id, k => Places(free[k.Id], k.Capacity ?? 1, options.BalanceSteps));
            var position = waiting.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i);
            foreach (var pair in result.Pairs)
            {
                if (!position.TryGetValue(pair.Citizen, out var i) || !eligible[i].TryGetValue(pair.Coach, out var known)) return false.Label("an ineligible pair");
                if (known != pair.Continuity || !place[pair.Coach].Contains(pair.Balance)) return false.Label("score parts");
            }
            var best = Best(0, eligible, place, coaches.ToDictionary(k => k.Id, _ => 0));
            return (result.Pairs.Count == best.Count && result.ContinuityPairs == best.Known && Math.Abs(result.TotalBalance - best.Balance) < 1e-9)
                .Label($"({result.Pairs.Count}, {result.ContinuityPairs}, {result.TotalBalance}) vs {best}");
        });

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
