using SocialCapital.Model;

namespace SocialCapital.Graph;

/// <summary>Active membership and employment ties both ways: a person's places (with the tie's kind) and a place's
/// people, each list in index order (<see cref="NodeLists{T}"/>, so a live edit replaces only the lists it changes).</summary>
internal sealed class Affiliations(NodeLists<int> places, NodeLists<TieKind> placeKinds, NodeLists<int> members)
{
    public readonly NodeLists<int> Places = places;
    public readonly NodeLists<TieKind> PlaceKinds = placeKinds;
    public readonly NodeLists<int> Members = members;

    public ReadOnlySpan<int> PlacesOf(int person) => Places.Of(person);

    public ReadOnlySpan<int> MembersOf(int place) => Members.Of(place);

    /// <summary>Builds both directions from (person, place) pairs; duplicate pairs count once.</summary>
    public static Affiliations Build(int nodeCount, List<(int Person, int Place, TieKind Kind)> links)
    {
        links.Sort((a, b) => a.Person != b.Person ? a.Person.CompareTo(b.Person) : a.Place.CompareTo(b.Place));
        var unique = new List<(int Person, int Place, TieKind Kind)>(links.Count);
        foreach (var l in links)
            if (unique.Count == 0 || unique[^1].Person != l.Person || unique[^1].Place != l.Place) unique.Add(l);

        var placeOffsets = new int[nodeCount + 1];
        var memberOffsets = new int[nodeCount + 1];
        foreach (var (person, place, _) in unique) { placeOffsets[person + 1]++; memberOffsets[place + 1]++; }
        for (var i = 0; i < nodeCount; i++) { placeOffsets[i + 1] += placeOffsets[i]; memberOffsets[i + 1] += memberOffsets[i]; }
        var places = new int[unique.Count];
        var kinds = new TieKind[unique.Count];
        var members = new int[unique.Count];
        var placeCursor = placeOffsets[..^1].ToArray();
        var memberCursor = memberOffsets[..^1].ToArray();
        foreach (var (person, place, kind) in unique)
        {
            places[placeCursor[person]] = place;
            kinds[placeCursor[person]++] = kind;
            members[memberCursor[place]++] = person; // persons arrive in index order, so members stay sorted
        }
        return new Affiliations(NodeLists<int>.FromCsr(placeOffsets, places), NodeLists<TieKind>.FromCsr(placeOffsets, kinds),
            NodeLists<int>.FromCsr(memberOffsets, members));
    }

    /// <summary>The affiliations with one person's places replaced (<paramref name="places"/> in index order, each
    /// once), and the members of every place they joined or left changed to match.</summary>
    public Affiliations WithPlaces(int person, int[] places, TieKind[] kinds)
    {
        var old = PlacesOf(person);
        var members = Members;
        foreach (var place in old)
            if (Array.BinarySearch(places, place) < 0) members = members.With(place, Without(members.Of(place), person));
        foreach (var place in places)
            if (old.BinarySearch(place) < 0) members = members.With(place, With(members.Of(place), person));
        return new Affiliations(Places.With(person, places), PlaceKinds.With(person, kinds), members);
    }

    private static int[] With(ReadOnlySpan<int> sorted, int item)
    {
        var at = ~sorted.BinarySearch(item);
        return [.. sorted[..at], item, .. sorted[at..]];
    }

    private static int[] Without(ReadOnlySpan<int> sorted, int item)
    {
        var at = sorted.BinarySearch(item);
        return [.. sorted[..at], .. sorted[(at + 1)..]];
    }

    public long Bytes => Places.Bytes(4) + PlaceKinds.Bytes(1) + Members.Bytes(4);
}
