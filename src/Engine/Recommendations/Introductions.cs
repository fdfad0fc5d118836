using System.Globalization;
using SocialCapital.Graph;
using SocialCapital.Model;

namespace SocialCapital.Recommendations;

/// <summary>"Who can introduce you?" (docs/recommendations.md#introductions): warm paths through contacts between
/// citizens and employers with vacancies in the citizens' goal sectors. A path ends at someone with an active
/// employment tie to the employer; the best path has the fewest hops, then the strongest weakest tie.</summary>
public static class Introductions
{
    /// <summary>The longest chain of contacts searched by default: a friend of a friend of a friend.</summary>
    public const int DefaultMaxHops = 3;

    /// <summary>Checks a <c>maxHops</c> argument: from 1 to 6 (past six hops a chain is no warm introduction, and
    /// the search would reach most of the graph).</summary>
    /// <param name="maxHops">The longest chain of contacts.</param>
    /// <returns>The problem found, or none.</returns>
    public static IReadOnlyList<OptionProblem> Validate(int maxHops) =>
        new OptionRules().Check(maxHops is >= 1 and <= 6, nameof(maxHops), maxHops, "must be from 1 to 6").Problems;

    /// <summary>Employers with vacancies in the citizen's goal sectors that the citizen can reach, best path first.</summary>
    /// <param name="graph">The snapshot.</param>
    /// <param name="citizenId">The citizen's id.</param>
    /// <param name="maxHops">The longest chain of contacts, 1 to 6; default 3.</param>
    /// <returns>One introduction per reachable employer, ordered by hops, strength, then employer id.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="UnknownNodeException">No node has that id.</exception>
    /// <exception cref="WrongNodeKindException">The node is not a citizen.</exception>
    /// <exception cref="InvalidOptionsException"><paramref name="maxHops"/> is out of range (<see cref="Validate"/>).</exception>
    public static IReadOnlyList<Introduction> ForCitizen(SocialGraph graph, string citizenId, int maxHops = DefaultMaxHops)
    {
        var c = Check(graph, citizenId, NodeKind.Citizen, maxHops);
        var goals = graph.Goals(c);
        var search = Search.From(graph, [c], maxHops);
        var found = new List<(Introduction Intro, int Hops, double Strength)>();
        for (var e = 0; e < graph.NodeCount; e++)
        {
            if (graph.Kind(e) != NodeKind.Employer || graph.Capacity(e) is not > 0 || graph.Sector(e) is not { } sector || !goals.Contains(sector)) continue;
            var best = -1;
            foreach (var worker in graph.MembersOf(e))
                if (worker != c && search.Reached(worker) && (best < 0 || search.Better(worker, best))) best = worker;
            if (best < 0) continue;
            var path = search.PathTo(best);
            found.Add((Make(graph, c, e, path, search.Strength(best)), path.Count - 1, search.Strength(best)));
        }
        return Rank(found);
    }

    /// <summary>Citizens whose goals include the employer's sector and whom its employees can reach, best path first.</summary>
    /// <param name="graph">The snapshot.</param>
    /// <param name="employerId">The employer's id.</param>
    /// <param name="maxHops">The longest chain of contacts, 1 to 6; default 3.</param>
    /// <returns>One introduction per reachable citizen, ordered by hops, strength, then citizen id.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="UnknownNodeException">No node has that id.</exception>
    /// <exception cref="WrongNodeKindException">The node is not an employer.</exception>
    /// <exception cref="InvalidOptionsException"><paramref name="maxHops"/> is out of range (<see cref="Validate"/>).</exception>
    public static IReadOnlyList<Introduction> ForEmployer(SocialGraph graph, string employerId, int maxHops = DefaultMaxHops)
    {
        var e = Check(graph, employerId, NodeKind.Employer, maxHops);
        if (graph.Sector(e) is not { } sector) return [];
        var workers = graph.MembersOf(e).ToArray();
        var search = Search.From(graph, workers, maxHops);
        var found = new List<(Introduction Intro, int Hops, double Strength)>();
        for (var c = 0; c < graph.NodeCount; c++)
        {
            if (graph.Kind(c) != NodeKind.Citizen || workers.Contains(c) || !search.Reached(c) || !graph.Goals(c).Contains(sector)) continue;
            var path = search.PathTo(c);
            path.Reverse(); // from the citizen to the employee
            found.Add((Make(graph, c, e, path, search.Strength(c)), path.Count - 1, search.Strength(c)));
        }
        return Rank(found);
    }

    private static int Check(SocialGraph graph, string id, NodeKind kind, int maxHops)
    {
        Guard.NotNull(graph);
        Guard.NotNull(id);
        InvalidOptionsException.ThrowIfAny(Validate(maxHops));
        return graph.IndexOf(id, kind);
    }

    private static Introduction Make(SocialGraph graph, int citizen, int employer, List<int> path, double strength)
    {
        var worker = path[^1];
        var reasons = new List<string>
        {
            path.Count == 2 ? $"your contact {graph.Id(worker)} works at {graph.Id(employer)}"
            : $"{graph.Id(worker)} works at {graph.Id(employer)}, through {string.Join(" → ", path.Skip(1).SkipLast(1).Select(graph.Id))}",
        };
        if (graph.Sector(employer) is { } sector && graph.Goals(citizen).Contains(sector)) reasons.Add($"hiring in {sector} — a goal");
        reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{graph.Capacity(employer)} vacanc{(graph.Capacity(employer) == 1 ? "y" : "ies")}"));
        return new Introduction
        {
            Citizen = graph.Id(citizen), Employer = graph.Id(employer), Sector = graph.Sector(employer),
            Vacancies = graph.Capacity(employer) ?? 0, Hops = path.Count - 1, Strength = strength,
            Path = [.. path.Select(graph.Id)], Reasons = reasons,
        };
    }

    private static Introduction[] Rank(List<(Introduction Intro, int Hops, double Strength)> found)
    {
        found.Sort((a, b) => a.Hops != b.Hops ? a.Hops.CompareTo(b.Hops)
            : a.Strength != b.Strength ? b.Strength.CompareTo(a.Strength)
            : string.CompareOrdinal(a.Intro.Citizen + "\0" + a.Intro.Employer, b.Intro.Citizen + "\0" + b.Intro.Employer));
        return [.. found.Select((f, i) => f.Intro with { Rank = i + 1 })];
    }

    /// <summary>Breadth-first search from a set of people, level by level, keeping for each person reached the
    /// strongest bottleneck among their shortest paths and the parent that gives it.</summary>
    private sealed class Search
    {
        private readonly Dictionary<int, (int Distance, double Strength, int Parent)> _reached = [];

        public static Search From(SocialGraph graph, IReadOnlyList<int> sources, int maxHops)
        {
            var search = new Search();
            var frontier = new List<int>();
            foreach (var s in sources.Distinct().Order())
            {
                search._reached[s] = (0, double.PositiveInfinity, -1);
                frontier.Add(s);
            }
            for (var depth = 1; depth <= maxHops && frontier.Count > 0; depth++)
            {
                var next = new List<int>();
                foreach (var x in frontier)
                {
                    var neighbors = graph.Neighbors(x);
                    var first = graph.Contacts.Start[x];
                    var strengths = graph.Contacts.Strengths; // the snapshot's own column: no copy per node
                    var bottleneck = search._reached[x].Strength;
                    for (var i = 0; i < neighbors.Length; i++)
                    {
                        var y = neighbors[i];
                        var strength = Math.Min(bottleneck, strengths[first + i]);
                        if (!search._reached.TryGetValue(y, out var seen)) { search._reached[y] = (depth, strength, x); next.Add(y); }
                        else if (seen.Distance == depth && strength > seen.Strength) search._reached[y] = (depth, strength, x);
                    }
                }
                frontier = next;
            }
            return search;
        }

        public bool Reached(int node) => _reached.ContainsKey(node);

        public double Strength(int node) => _reached[node].Strength;

        /// <summary>Fewer hops, then a stronger bottleneck, then the lower index.</summary>
        public bool Better(int a, int b)
        {
            var (da, sa, _) = _reached[a];
            var (db, sb, _) = _reached[b];
            return da != db ? da < db : sa != sb ? sa > sb : a < b;
        }

        /// <summary>The people from a source to the node.</summary>
        public List<int> PathTo(int node)
        {
            var path = new List<int>();
            for (var x = node; x >= 0; x = _reached[x].Parent) path.Add(x);
            path.Reverse();
            return path;
        }
    }
}
