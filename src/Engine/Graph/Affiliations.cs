using SocialCapital.Model;

namespace SocialCapital.Graph;

/// <summary>Active membership and employment ties in CSR form, both ways: a person's places and a place's people.</summary>
internal sealed class Affiliations(int[] placeOffsets, int[] places, TieKind[] placeKinds, int[] memberOffsets, int[] members)
{
    public readonly int[] PlaceOffsets = placeOffsets;
    public readonly int[] Places = places;
    public readonly TieKind[] PlaceKinds = placeKinds;
    public readonly int[] MemberOffsets = memberOffsets;
    public readonly int[] Members = members;

    public ReadOnlySpan<int> PlacesOf(int person) => Places.AsSpan(PlaceOffsets[person], PlaceOffsets[person + 1] - PlaceOffsets[person]);

    public ReadOnlySpan<int> MembersOf(int place) => Members.AsSpan(MemberOffsets[place], MemberOffsets[place + 1] - MemberOffsets[place]);

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
        return new Affiliations(placeOffsets, places, kinds, memberOffsets, members);
    }

    public long Bytes => 4L * (PlaceOffsets.Length + MemberOffsets.Length) + 9L * Places.Length;
}
