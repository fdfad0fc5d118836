using System.Runtime.CompilerServices;
using SocialCapital.Graph;
using SocialCapital.Model;

namespace SocialCapital.Recommendations;

/// <summary>The mentors of one snapshot with a free place on its analysis date, listed once per snapshot so that a
/// match neither scans every node nor reads the mentors' attributes scattered over the node table. Free mentors
/// have positions 0..<see cref="Count"/>-1 in increasing node index, and what matching reads of them (area,
/// sector, share of places free, languages, skills) is copied into small arrays by position; the positions are
/// also grouped by area. Built on first use, once per snapshot (a snapshot never changes), and kept as long as
/// the snapshot lives. Safe to use from any number of threads.</summary>
internal sealed class MentorIndex
{
    private static readonly ConditionalWeakTable<SocialGraph, Lazy<MentorIndex>> Cache = new();
    private static readonly Lock Forgetting = new();

    private readonly int[][] _byArea;
    private readonly int[] _termSectors;

    private MentorIndex(int mentorCount, int[] mentors, int[] areas, int[] sectors, double[] shares, TermLists languages,
        TermLists skills, int[][] byArea, int[] termSectors)
    {
        MentorCount = mentorCount;
        Mentors = mentors;
        Areas = areas;
        Sectors = sectors;
        Shares = shares;
        Languages = languages;
        Skills = skills;
        _byArea = byArea;
        _termSectors = termSectors;
        All = new int[mentors.Length];
        for (var p = 0; p < All.Length; p++) All[p] = p;
    }

    /// <summary>Every mentor of the snapshot, with or without a free place.</summary>
    public int MentorCount { get; }

    /// <summary>Mentors with a free place.</summary>
    public int Count => Mentors.Length;

    /// <summary>The node index of the mentor at each position, increasing.</summary>
    public int[] Mentors { get; }

    /// <summary>Each position's area code (0 = unknown).</summary>
    public int[] Areas { get; }

    /// <summary>Each position's sector, as <see cref="SectorOfTerm"/> codes it (0 = unknown).</summary>
    public int[] Sectors { get; }

    /// <summary>Each position's free places ÷ capacity, computed as the score does.</summary>
    public double[] Shares { get; }

    /// <summary>Each position's languages (term codes of the node table), in input order.</summary>
    public TermLists Languages { get; }

    /// <summary>Each position's skills (term codes of the node table), in input order.</summary>
    public TermLists Skills { get; }

    /// <summary>Every position, 0..<see cref="Count"/>-1.</summary>
    public int[] All { get; }

    /// <summary>The index of a snapshot, built by the first caller (the others wait for it). A build that throws is
    /// not kept: the callers waiting for it get its exception, and the next call builds again.</summary>
    public static MentorIndex Of(SocialGraph graph) =>
        Cache.TryGetValue(graph, out var index) ? Value(graph, index) : Of(graph, Build);

    /// <summary><see cref="Of(SocialGraph)"/> with another build (tests give one that fails).</summary>
    internal static MentorIndex Of(SocialGraph graph, Func<SocialGraph, MentorIndex> build) =>
        Value(graph, Cache.GetValue(graph, g => new Lazy<MentorIndex>(() => build(g), LazyThreadSafetyMode.ExecutionAndPublication)));

    /// <summary>The cached index, built on first read; on a failed build, forgets it and rethrows.</summary>
    private static MentorIndex Value(SocialGraph graph, Lazy<MentorIndex> index)
    {
        try
        {
            return index.Value;
        }
        catch
        {
            // A Lazy keeps its exception for ever. Remove the entry only while it is still the failed one: a caller
            // that saw the failure late must not remove a new build another caller has started since.
            lock (Forgetting)
            {
                if (Cache.TryGetValue(graph, out var current) && ReferenceEquals(current, index)) Cache.Remove(graph);
            }
            throw;
        }
    }

    /// <summary>The positions of the free mentors of an area, increasing; area code 0 gives those whose area is unknown.</summary>
    public int[] InArea(int area) => (uint)area < (uint)_byArea.Length ? _byArea[area] : [];

    /// <summary>The code in <see cref="Sectors"/> of the sector named like a term (a goal), or −1 when no sector is.</summary>
    public int SectorOfTerm(int term) => _termSectors[term];

    /// <summary>capacity − current mentees − places held by pending proposals, never below 0; 0 when the capacity is
    /// unknown (a mentor must state one).</summary>
    public static int FreePlaces(SocialGraph graph, int mentor) => graph.Mentoring.FreePlaces(mentor, graph.Capacity(mentor));

    /// <summary>The free-place rule: whether a mentor has a place a new pairing may take (the index lists those who do).</summary>
    public static bool HasFreePlace(SocialGraph graph, int mentor) => FreePlaces(graph, mentor) > 0;

    /// <summary>One pass over the nodes, then a counting sort of the positions by area (stable: index order kept).</summary>
    internal static MentorIndex Build(SocialGraph graph)
    {
        var nodes = graph.Nodes;
        var kinds = nodes.Kinds;
        var mentorCount = 0;
        var free = new List<int>();
        for (var m = 0; m < kinds.Length; m++)
        {
            if (kinds[m] != NodeKind.Mentor) continue;
            mentorCount++;
            if (HasFreePlace(graph, m)) free.Add(m);
        }
        var n = free.Count;
        var mentors = free.ToArray();
        var areas = new int[n];
        var sectors = new int[n];
        var shares = new double[n];
        for (var p = 0; p < n; p++)
        {
            var m = mentors[p];
            areas[p] = nodes.AreaCodes[m];
            sectors[p] = nodes.SectorCodes[m]; // the node table gives each sector name one code
            shares[p] = (double)FreePlaces(graph, m) / graph.Capacity(m)!.Value;
        }

        var counts = new int[nodes.AreaNames.Length];
        foreach (var a in areas) counts[a]++;
        var byArea = new int[counts.Length][];
        for (var a = 0; a < counts.Length; a++) byArea[a] = counts[a] == 0 ? [] : new int[counts[a]];
        var filled = new int[counts.Length];
        for (var p = 0; p < n; p++) byArea[areas[p]][filled[areas[p]]++] = p;

        // A goal is met by a sector of the same name: map each term to that sector's code once.
        var sectorOfName = new Dictionary<string, int>(nodes.SectorNames.Length, StringComparer.Ordinal);
        for (var s = 1; s < nodes.SectorNames.Length; s++)
            if (nodes.SectorNames[s] is { } name) sectorOfName.TryAdd(name, s);
        var termSectors = new int[nodes.Terms.Length];
        for (var t = 0; t < termSectors.Length; t++)
            termSectors[t] = nodes.Terms[t] is { } term && sectorOfName.TryGetValue(term, out var sector) ? sector : -1;
        return new MentorIndex(mentorCount, mentors, areas, sectors, shares, Copy(nodes.Languages, mentors), Copy(nodes.Skills, mentors),
            byArea, termSectors);
    }

    /// <summary>The lists of some nodes, by position.</summary>
    private static TermLists Copy(NodeLists<int> lists, int[] nodes)
    {
        var offsets = new int[nodes.Length + 1];
        for (var p = 0; p < nodes.Length; p++) offsets[p + 1] = offsets[p] + lists.Of(nodes[p]).Length;
        var terms = new int[offsets[^1]];
        for (var p = 0; p < nodes.Length; p++) lists.Of(nodes[p]).CopyTo(terms.AsSpan(offsets[p]));
        return new TermLists(offsets, terms);
    }
}
