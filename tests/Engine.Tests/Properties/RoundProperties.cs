using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Model;
using SocialCapital.Recommendations;

namespace SocialCapital.Tests.Properties;

/// <summary>Matching rounds on small random programmes (≤ 6 citizens, ≤ 4 mentors with capacities 0–3, current
/// pairings, pending, declined and expired proposals): capacity is never exceeded counting pending proposals, a
/// declined pair is never proposed, and the round is optimal against brute force over every feasible assignment.</summary>
public class RoundProperties
{
    private static readonly DateOnly Day = new(2026, 12, 3);
    private static readonly string[] Languages = ["en", "cy"];
    private static readonly string[] Goals = ["care", "retail", "it"];

    /// <summary>A random programme and its round options.</summary>
    private static (Dataset Dataset, RoundOptions Options) Make(int seed)
    {
        var random = new Random(seed);
        var mentors = random.Next(1, 5);
        var citizens = random.Next(1, 7);
        var nodes = new List<NodeRecord>();
        for (var m = 0; m < mentors; m++)
            nodes.Add(new NodeRecord($"m{m}", NodeKind.Mentor)
            {
                Area = random.Next(4) == 0 ? "B" : "A",
                Capacity = random.Next(4),
                Sector = Goals[random.Next(Goals.Length)],
                Languages = random.Next(3) == 0 ? [Languages[random.Next(2)]] : [],
                Ses = random.NextDouble(),
            });
        for (var c = 0; c < citizens; c++)
            nodes.Add(new NodeRecord($"c{c}", NodeKind.Citizen)
            {
                Area = random.Next(5) == 0 ? "B" : "A",
                Goals = [Goals[random.Next(Goals.Length)]],
                Languages = random.Next(4) == 0 ? [Languages[random.Next(2)]] : [],
                Employment = random.Next(2) == 0 ? Employment.Unemployed : Employment.Employed,
                Ses = random.NextDouble(),
            });
        var ties = new List<TieRecord>();
        for (var i = 0; i < mentors + citizens; i++)
        {
            string a = nodes[random.Next(nodes.Count)].Id, b = nodes[random.Next(nodes.Count)].Id;
            if (a != b) ties.Add(new TieRecord(a, b, TieKind.Friend));
        }
        for (var c = 0; c < citizens; c++)
            if (random.Next(5) == 0)
            {
                var since = Day.AddDays(-random.Next(10, 200));
                ties.Add(new TieRecord($"m{random.Next(mentors)}", $"c{c}", TieKind.Mentoring)
                {
                    Since = since,
                    Until = random.Next(2) == 0 ? since.AddDays(random.Next(1, 9)) : null,
                });
            }
        var proposals = new List<ProposalRecord>();
        for (var i = 0; i < random.Next(0, 8); i++)
        {
            var made = Day.AddDays(-random.Next(0, 90));
            var status = (ProposalStatus)random.Next(5);
            var expires = made.AddDays(random.Next(1, 20));
            var (citizen, mentor) = ($"c{random.Next(citizens)}", $"m{random.Next(mentors)}");
            // One undecided proposal per pair at a time (a rule of the format).
            if (status == ProposalStatus.Proposed && proposals.Any(p => p.Status == ProposalStatus.Proposed && p.Citizen == citizen && p.Mentor == mentor))
                status = ProposalStatus.Withdrawn;
            proposals.Add(new ProposalRecord($"p{i}", citizen, mentor, made, expires)
            {
                Status = status,
                Decided = status == ProposalStatus.Proposed ? null : status == ProposalStatus.Expired ? expires : made,
            });
        }
        var options = new RoundOptions
        {
            WaitingWeight = random.Next(3) switch { 0 => 0, 1 => 1, _ => random.NextDouble() * 5 },
            Match = new MatchOptions { AnyArea = random.Next(2) == 0 },
        };
        return (Dataset.Create(nodes, ties, proposals: proposals), options);
    }

    [Property(MaxTest = 300)]
    public Property Propose_SmallRounds_KeepCapacityNeverReproposeDeclinedAndAreOptimal() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var (dataset, options) = Make(seed);
            var graph = dataset.ToGraph(new GraphOptions { AsOf = Day });
            var result = MatchingRound.Propose(graph, dataset.Proposals, options);

            // Capacity counting pending proposals: current mentees + pending + new ≤ capacity.
            foreach (var node in dataset.Nodes.Where(n => n.Kind == NodeKind.Mentor))
            {
                var current = dataset.Ties.Where(t => t.Kind == TieKind.Mentoring && t.Source == node.Id && t.IsActiveOn(Day))
                    .Select(t => t.Target).Distinct().Count();
                var pending = dataset.Proposals.Count(p => p.Mentor == node.Id && p.IsPendingOn(Day));
                var made = result.Proposals.Count(p => p.Mentor == node.Id);
                if (made > 0 && current + pending + made > node.Capacity) return false.Label($"capacity of {node.Id}");
            }
            var declined = dataset.Proposals.Where(p => p.Status == ProposalStatus.Declined).Select(p => (p.Citizen, p.Mentor)).ToHashSet();
            if (result.Proposals.Any(p => declined.Contains((p.Citizen, p.Mentor)))) return false.Label("declined pair proposed");
            if (result.Proposals.Select(p => p.Citizen).Distinct().Count() != result.Proposals.Count) return false.Label("two for one citizen");

            // Brute force: every assignment of the waiting citizens to eligible mentors within free places.
            var waiting = dataset.Nodes.Where(n => n.Kind == NodeKind.Citizen && IsWaiting(dataset, n.Id)).Select(n => n.Id).ToArray();
            var matchAll = options.Match with { Top = 0 };
            var eligible = waiting.Select(c => MentorMatching.ForCitizen(graph, c, matchAll).Matches.ToDictionary(m => m.Mentor, m => m.Score)).ToArray();
            var weight = waiting.Select(c => MatchingRound.Weight(options.WaitingWeight, Waited(dataset, c))).ToArray();
            var free = dataset.Nodes.Where(n => n.Kind == NodeKind.Mentor).ToDictionary(n => n.Id, n => MentorIndex.FreePlaces(graph, graph.IndexOf(n.Id)));
            var (bestCount, bestValue) = Best(0, waiting, eligible, weight, free);

            var position = waiting.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
            if (result.Proposals.Any(p => !position.ContainsKey(p.Citizen) || !eligible[position[p.Citizen]].ContainsKey(p.Mentor)))
                return false.Label("an ineligible pair");
            var value = result.Proposals.Sum(p => weight[position[p.Citizen]] * eligible[position[p.Citizen]][p.Mentor]);
            return (result.Proposals.Count == bestCount && Math.Abs(value - bestValue) < 1e-9
                    && Math.Abs(value - result.TotalWeightedScore) < 1e-9
                    && result.Waiting.Count == waiting.Length - result.Proposals.Count)
                .Label($"count {result.Proposals.Count} vs {bestCount}, value {value} vs {bestValue}");
        });

    private static bool IsWaiting(Dataset dataset, string citizen) =>
        !dataset.Ties.Any(t => t.Kind == TieKind.Mentoring && t.Target == citizen && t.IsActiveOn(Day))
        && !dataset.Proposals.Any(p => p.Citizen == citizen && p.IsPendingOn(Day));

    /// <summary>Days waited, from the definition: the earliest proposal made on or after the citizen's last pairing
    /// start or end (up to the round's day).</summary>
    private static int Waited(Dataset dataset, string citizen)
    {
        var events = dataset.Ties.Where(t => t.Kind == TieKind.Mentoring && t.Target == citizen)
            .SelectMany(t => new[] { t.Since, t.Until }).Where(d => d is { } x && x <= Day).Select(d => d!.Value).ToArray();
        var cutoff = events.Length == 0 ? DateOnly.MinValue : events.Max();
        var made = dataset.Proposals.Where(p => p.Citizen == citizen && p.Proposed <= Day && p.Proposed >= cutoff).Select(p => p.Proposed).ToArray();
        return made.Length == 0 ? 0 : Day.DayNumber - made.Min().DayNumber;
    }

    /// <summary>The lexicographic best (pairs, Σ weight·score) over citizens from <paramref name="i"/> on.</summary>
    private static (int Count, double Value) Best(int i, string[] waiting, Dictionary<string, double>[] eligible, double[] weight,
        Dictionary<string, int> free)
    {
        if (i == waiting.Length) return (0, 0);
        var best = Best(i + 1, waiting, eligible, weight, free); // citizen i gets nothing
        foreach (var (mentor, score) in eligible[i])
        {
            if (free[mentor] == 0) continue;
            free[mentor]--;
            var (count, value) = Best(i + 1, waiting, eligible, weight, free);
            free[mentor]++;
            (count, value) = (count + 1, value + (weight[i] * score));
            if (count > best.Count || (count == best.Count && value > best.Value + 1e-12)) best = (count, value);
        }
        return best;
    }
}
