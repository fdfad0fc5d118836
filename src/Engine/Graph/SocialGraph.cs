using SocialCapital.Model;
using SocialCapital.Ties;

namespace SocialCapital.Graph;

/// <summary>An immutable snapshot of the social graph at one analysis date, built by
/// <see cref="SocialGraphBuilder"/> or <see cref="DatasetGraphs.ToGraph"/>, or taken from a live graph after an edit
/// (<c>SocialCapital.Storage.LiveGraph</c>). Nodes have dense indices 0..<see cref="NodeCount"/>-1: a build numbers
/// them in ordinal order of their ids; a live graph gives an added node the next index and leaves a removed node's
/// index vacant (<see cref="IsRemoved"/>) until it compacts, so that indices stay valid from one snapshot to the next.
/// Person–person contacts are held once per direction, sorted by neighbour, with the summed strength of their active
/// ties, their kinds and their tie class. Every member is safe to call from any number of threads at once.</summary>
public sealed class SocialGraph
{
    internal readonly NodeTable Nodes;
    internal readonly Adjacency Contacts;
    internal readonly Affiliations Places;
    internal readonly MentoringHistory Mentoring;
    internal readonly TieClassifier Classifier;

    internal readonly Census People;

    internal SocialGraph(NodeTable nodes, Adjacency contacts, Affiliations places, MentoringHistory mentoring,
        TieClassifier classifier, TiePolicy policy, DateOnly asOf, Census people)
    {
        Nodes = nodes;
        Contacts = contacts;
        Places = places;
        Mentoring = mentoring;
        Classifier = classifier;
        TiePolicy = policy;
        AsOf = asOf;
        People = people;
    }

    /// <summary>The analysis date: the ties active on it are the ones in the snapshot.</summary>
    public DateOnly AsOf { get; }

    /// <summary>The policy the tie classes were computed with.</summary>
    public TiePolicy TiePolicy { get; }

    /// <summary>Number of node indices: people and places, and in a live graph's snapshot the indices of removed
    /// nodes not yet compacted away (<see cref="IsRemoved"/>).</summary>
    public int NodeCount => Nodes.Count;

    /// <summary>Number of people (citizens, mentors, coaches).</summary>
    public int PersonCount => People.Persons;

    /// <summary>Number of distinct person–person contacts (each counted once, not once per direction).</summary>
    public int ContactCount => (int)(Contacts.LiveSlots / 2);

    /// <summary>The in-work share of the people in or out of work (the denominator of work connectedness), kept with
    /// the snapshot so a one-person measure needs no pass over everyone; NaN when nobody's status is known.</summary>
    internal double PopulationInWorkShare => People.InWorkShare;

    /// <summary>The extra attribute columns known to the snapshot.</summary>
    public IReadOnlyList<string> AttributeNames => Nodes.AttributeNames;

    /// <summary>The distinct area codes, in ordinal order (in a live graph's snapshot, also areas nobody lives in any
    /// more, until it compacts).</summary>
    public IReadOnlyList<string> Areas => [.. Nodes.AreaNames.Skip(1).Order(StringComparer.Ordinal)!];

    /// <summary>The id of a node (a removed node's index keeps the id it had). The snapshot holds ids as UTF-8, so
    /// each call makes a new string.</summary>
    /// <param name="node">A node index.</param>
    /// <returns>Its id.</returns>
    /// <exception cref="IndexOutOfRangeException"><paramref name="node"/> is not a node index.</exception>
    public string Id(int node) => Nodes.Id(node);

    /// <summary>Finds a node's index by id (ordinal, case-sensitive); O(log n).</summary>
    /// <param name="id">The id.</param>
    /// <param name="node">Its index, when found.</param>
    /// <returns>Whether the id is in the snapshot.</returns>
    public bool TryGetIndex(string id, out int node)
    {
        node = id is null ? -1 : Nodes.IndexOf(id);
        return node >= 0;
    }

    /// <summary>A node's index by id.</summary>
    /// <param name="id">The id.</param>
    /// <returns>Its index.</returns>
    /// <exception cref="UnknownNodeException">No node has that id.</exception>
    public int IndexOf(string id) =>
        TryGetIndex(id, out var node) ? node : throw new UnknownNodeException(id);

    /// <summary>The index of a node that must be of one kind: the one check every "this citizen", "this coach" argument
    /// gets, with the same error.</summary>
    /// <exception cref="UnknownNodeException">No node has that id.</exception>
    /// <exception cref="WrongNodeKindException">The node is of another kind ("… is a mentor, not a citizen").</exception>
    internal int IndexOf(string id, NodeKind kind)
    {
        var node = IndexOf(id);
        return Kind(node) == kind ? node : throw new WrongNodeKindException(id, Kind(node), Words.A(kind.Name()));
    }

    /// <summary>A node's kind.</summary>
    /// <param name="node">A node index.</param>
    /// <returns>Its kind.</returns>
    public NodeKind Kind(int node) => Nodes.Kinds[node];

    /// <summary>Whether a node index is vacant: the node was removed from a live graph that has not compacted since.
    /// A vacant index is neither a person nor a place, has no contacts and no places, and no id finds it.</summary>
    /// <param name="node">A node index.</param>
    /// <returns><see langword="true"/> for a removed node.</returns>
    public bool IsRemoved(int node) => Nodes.Kinds[node] == NodeTable.Removed;

    /// <summary>Whether a node is a person (citizen, mentor, coach).</summary>
    /// <param name="node">A node index.</param>
    /// <returns><see langword="true"/> for people.</returns>
    public bool IsPerson(int node) => Nodes.Kinds[node].IsPerson();

    /// <summary>Whether a node is a resident: a person with an area (whom an area's measures count).</summary>
    internal bool IsResident(int node) => IsPerson(node) && Nodes.AreaNames[Nodes.AreaCodes[node]] is not null;

    /// <summary>A node's area code, or <see langword="null"/> when unknown.</summary>
    /// <param name="node">A node index.</param>
    /// <returns>The area.</returns>
    public string? Area(int node) => Nodes.AreaNames[Nodes.AreaCodes[node]];

    /// <summary>A node's employment status.</summary>
    /// <param name="node">A node index.</param>
    /// <returns>The status.</returns>
    public Employment Employment(int node) => Nodes.Employment[node];

    /// <summary>A node's work-status group.</summary>
    /// <param name="node">A node index.</param>
    /// <returns>The group.</returns>
    public WorkStatus WorkStatus(int node) => Nodes.Employment[node].ToWorkStatus();

    /// <summary>A node's age band.</summary>
    /// <param name="node">A node index.</param>
    /// <returns>The band.</returns>
    public AgeBand AgeBand(int node) => Nodes.AgeBands[node];

    /// <summary>A node's sector, or <see langword="null"/> when unknown.</summary>
    /// <param name="node">A node index.</param>
    /// <returns>The sector.</returns>
    public string? Sector(int node) => Nodes.SectorNames[Nodes.SectorCodes[node]];

    /// <summary>A person's Work Hub, or <see langword="null"/> when unknown.</summary>
    /// <param name="node">A node index.</param>
    /// <returns>The hub.</returns>
    public string? Hub(int node) => Nodes.HubNames[Nodes.HubCodes[node]];

    /// <summary>A node's socio-economic percentile rank, or <see langword="null"/> when unknown.</summary>
    /// <param name="node">A node index.</param>
    /// <returns>The rank in [0, 1].</returns>
    public double? Ses(int node) => double.IsNaN(Nodes.Ses[node]) ? null : Nodes.Ses[node];

    /// <summary>A node's capacity, or <see langword="null"/> when unknown.</summary>
    /// <param name="node">A node index.</param>
    /// <returns>The capacity.</returns>
    public int? Capacity(int node) => Nodes.Capacity[node] < 0 ? null : Nodes.Capacity[node];

    /// <summary>A node's languages.</summary>
    /// <param name="node">A node index.</param>
    /// <returns>The languages, in input order.</returns>
    public IReadOnlyList<string> Languages(int node) => TermsOf(Nodes.Languages, node);

    /// <summary>A node's skills.</summary>
    /// <param name="node">A node index.</param>
    /// <returns>The skills, in input order.</returns>
    public IReadOnlyList<string> Skills(int node) => TermsOf(Nodes.Skills, node);

    /// <summary>A node's goals.</summary>
    /// <param name="node">A node index.</param>
    /// <returns>The goals, in input order.</returns>
    public IReadOnlyList<string> Goals(int node) => TermsOf(Nodes.Goals, node);

    /// <summary>A coach's specialisms.</summary>
    /// <param name="node">A node index.</param>
    /// <returns>The specialisms, in input order.</returns>
    public IReadOnlyList<string> Specialisms(int node) => TermsOf(Nodes.Specialisms, node);

    /// <summary>A node's value of an extra attribute column, or <see langword="null"/> when unknown.</summary>
    /// <param name="node">A node index.</param>
    /// <param name="name">The column name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyNotFoundException">The snapshot has no such column.</exception>
    public string? Attribute(int node, string name)
    {
        var a = Array.IndexOf(Nodes.AttributeNames, name);
        if (a < 0) throw new KeyNotFoundException($"The snapshot has no attribute column '{name}'.");
        return Nodes.AttributeValues[a][Nodes.AttributeCodes[a][node]];
    }

    /// <summary>The number of a person's contacts (0 for places).</summary>
    /// <param name="node">A node index.</param>
    /// <returns>The degree.</returns>
    public int Degree(int node) => Contacts.Degree(node);

    /// <summary>A node's contacts, as node indices in increasing order.</summary>
    /// <param name="node">A node index.</param>
    /// <returns>The contacts.</returns>
    public ReadOnlySpan<int> Neighbors(int node) => Contacts.Neighbors.AsSpan(Contacts.Start[node], Contacts.Degree(node));

    /// <summary>The strength of each contact, aligned with <see cref="Neighbors"/>: the exact sum of its active ties'
    /// strengths. A copy (the snapshot keeps strengths compactly), so keep it rather than call again per contact.</summary>
    /// <param name="node">A node index.</param>
    /// <returns>The strengths.</returns>
    public ReadOnlySpan<double> Strengths(int node)
    {
        var strengths = new double[Contacts.Degree(node)];
        Contacts.Strengths.CopyTo(Contacts.Start[node], strengths);
        return strengths;
    }

    /// <summary>The tie kinds of each contact, aligned with <see cref="Neighbors"/>.</summary>
    /// <param name="node">A node index.</param>
    /// <returns>The kinds.</returns>
    public ReadOnlySpan<ContactKinds> ContactKinds(int node) => Contacts.Kinds.AsSpan(Contacts.Start[node], Contacts.Degree(node));

    /// <summary>The class of each contact under <see cref="TiePolicy"/>, aligned with <see cref="Neighbors"/>.</summary>
    /// <param name="node">A node index.</param>
    /// <returns>The classes.</returns>
    public ReadOnlySpan<TieClass> TieClasses(int node) => Contacts.Classes.AsSpan(Contacts.Start[node], Contacts.Degree(node));

    /// <summary>Whether two people are in contact; O(log degree).</summary>
    /// <param name="u">A node index.</param>
    /// <param name="v">Another node index.</param>
    /// <returns><see langword="true"/> when they have an active person–person tie.</returns>
    public bool AreInContact(int u, int v) => Contacts.Slot(u, v) >= 0;

    /// <summary>The bridging score b(u, v) of a pair under <see cref="TiePolicy"/>, whether or not they are in contact.</summary>
    /// <param name="u">A node index.</param>
    /// <param name="v">Another node index.</param>
    /// <returns>The score in [0, 1].</returns>
    public double BridgingScore(int u, int v) => Classifier.Score(u, v);

    /// <summary>The places (peer groups, employers) a person belongs to or works at, in index order.</summary>
    /// <param name="person">A node index.</param>
    /// <returns>The places.</returns>
    public ReadOnlySpan<int> PlacesOf(int person) => Places.PlacesOf(person);

    /// <summary>The people who belong to a peer group or work at an employer, in index order.</summary>
    /// <param name="place">A node index.</param>
    /// <returns>The people.</returns>
    public ReadOnlySpan<int> MembersOf(int place) => Places.MembersOf(place);

    /// <summary>The same snapshot with its ties classed under another policy; shares every other array.</summary>
    /// <param name="policy">The policy.</param>
    /// <returns>The new snapshot.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/> is null.</exception>
    /// <exception cref="DataValidationException">The policy is invalid or names an unknown attribute.</exception>
    public SocialGraph WithTiePolicy(TiePolicy policy)
    {
        Guard.NotNull(policy);
        var classifier = TieClassifier.Compile(policy, Nodes);
        var classes = SocialGraphBuilder.Classify(Contacts, classifier, -1);
        return new SocialGraph(Nodes, Contacts.WithClasses(classes), Places, Mentoring, classifier, policy, AsOf, People);
    }

    /// <summary>The same snapshot counting <paramref name="people"/> as its population (a part of a larger snapshot,
    /// whose measures read the whole population's in-work share); shares every array.</summary>
    internal SocialGraph WithPeople(Census people) => new(Nodes, Contacts, Places, Mentoring, Classifier, TiePolicy, AsOf, people);

    /// <summary>A read-only QuikGraph view of the person–person graph (no copy), for QuikGraph's algorithms.</summary>
    /// <returns>The view.</returns>
    public QuikGraphView AsQuikGraph() => new(this);

    /// <summary>The bytes the snapshot's arrays and id strings take, counted from their lengths.</summary>
    public long SizeInBytes => Nodes.Bytes + Contacts.Bytes + Places.Bytes;

    private IReadOnlyList<string> TermsOf(NodeLists<int> lists, int node)
    {
        var codes = lists.Of(node);
        var terms = new string[codes.Length];
        for (var i = 0; i < codes.Length; i++) terms[i] = Nodes.Terms[codes[i]]!;
        return terms;
    }

}

/// <summary>How many people a snapshot holds, and how many of them are in work or out of work: kept by difference
/// through live edits.</summary>
internal readonly record struct Census(int Persons, int InWork, int WorkKnown)
{
    public double InWorkShare => WorkKnown > 0 ? (double)InWork / WorkKnown : double.NaN;

    public static Census Count(NodeTable nodes)
    {
        var census = default(Census);
        for (var u = 0; u < nodes.Count; u++) census = census.With(nodes.Kinds[u], nodes.Employment[u], +1);
        return census;
    }

    /// <summary>The census with one node counted in (+1) or out (-1).</summary>
    public Census With(NodeKind kind, Employment employment, int step)
    {
        if (!kind.IsPerson()) return this;
        var status = employment.ToWorkStatus();
        return new Census(Persons + step,
            InWork + (status == WorkStatus.InWork ? step : 0),
            WorkKnown + (status is WorkStatus.InWork or WorkStatus.OutOfWork ? step : 0));
    }
}
