using System.Collections.Immutable;
using SocialCapital.Graph;
using SocialCapital.Model;
using SocialCapital.Ties;

namespace SocialCapital.Storage;

/// <summary>The sections that hold a built <see cref="SocialGraph"/>: its node columns, contact lists, affiliations and
/// mentoring history as the build left them, so that reading it back is copying arrays, not building. The tie
/// classifier and the census are derived again from the node table (one pass over the nodes).</summary>
internal static class SnapshotGraph
{
    public static void Write(SectionWriter w, SocialGraph graph)
    {
        var nodes = graph.Nodes;
        var contacts = graph.Contacts;
        var (idLengths, ids) = nodes.Ids.ToUtf8();
        w.Utf8Strings("node.ids", idLengths, ids);
        w.Write<NodeKind>("node.kinds", nodes.Kinds.ToArray());
        w.Write<int>("node.areas", nodes.AreaCodes.ToArray());
        w.Strings("node.area_names", nodes.AreaNames);
        w.Write<Employment>("node.employment", nodes.Employment.ToArray());
        w.Write<AgeBand>("node.age_bands", nodes.AgeBands.ToArray());
        w.Write<int>("node.sectors", nodes.SectorCodes.ToArray());
        w.Strings("node.sector_names", nodes.SectorNames);
        w.Write<int>("node.hubs", nodes.HubCodes.ToArray());
        w.Strings("node.hub_names", nodes.HubNames);
        w.Write<double>("node.ses", nodes.Ses.ToArray());
        w.Write<int>("node.capacity", nodes.Capacity.ToArray());
        w.Strings("node.terms", nodes.Terms);
        Lists(w, "node.languages", nodes.Languages);
        Lists(w, "node.skills", nodes.Skills);
        Lists(w, "node.goals", nodes.Goals);
        Lists(w, "node.specialisms", nodes.Specialisms);
        w.Strings("node.attribute_names", nodes.AttributeNames);
        for (var a = 0; a < nodes.AttributeNames.Length; a++)
        {
            w.Write<int>($"node.attribute.{a}", nodes.AttributeCodes[a].ToArray());
            w.Strings($"node.attribute.{a}.values", nodes.AttributeValues[a]);
        }

        var offsets = new int[contacts.NodeCount + 1];
        for (var u = 0; u < contacts.NodeCount; u++) offsets[u + 1] = contacts.End[u];
        w.Write<int>("contact.offsets", offsets);
        w.Write<int>("contact.neighbors", contacts.Neighbors);
        w.Write<double>("contact.strength_values", contacts.Strengths.Values);
        if (contacts.Strengths.ByteCodes is { } bytes) w.Write<byte>("contact.strength_bytes", bytes);
        if (contacts.Strengths.UShortCodes is { } shorts) w.Write<ushort>("contact.strength_ushorts", shorts);
        w.Write<ContactKinds>("contact.kinds", contacts.Kinds);
        w.Write<TieClass>("contact.classes", contacts.Classes);

        Lists(w, "place.places", graph.Places.Places);
        w.Write<TieKind>("place.kinds", graph.Places.PlaceKinds.Items);
        Lists(w, "place.members", graph.Places.Members);

        var m = graph.Mentoring.ToParts();
        w.Write<long>("mentoring.pairs", m.Pairs);
        w.Write<long>("mentoring.active_pairs", m.ActivePairs);
        Counts(w, "mentoring.current", m.Current);
        Counts(w, "mentoring.mentors_now", m.MentorsNow);
        Counts(w, "mentoring.pending", m.Pending);
        Counts(w, "mentoring.pending_citizens", m.PendingCitizens);
        Counts(w, "mentoring.pending_pairs", m.PendingPairs);
        Counts(w, "mentoring.declined", m.Declined);
        Counts(w, "mentoring.declined_citizens", m.DeclinedCitizens);
        Counts(w, "mentoring.last_pairing", m.LastPairing);
    }

    /// <summary>Whether the graph is as a full build left it (the only shape the file holds): no live edit has moved a
    /// node, changed a list or written a contact list elsewhere.</summary>
    public static bool IsBuilt(SocialGraph graph)
    {
        var nodes = graph.Nodes;
        var contacts = graph.Contacts;
        if (!nodes.IsOrdinal || nodes.OrdinalCount != nodes.Count) return false;
        if (nodes.Languages.Changed + nodes.Skills.Changed + nodes.Goals.Changed + nodes.Specialisms.Changed > 0) return false;
        if (graph.Places.Places.Changed + graph.Places.PlaceKinds.Changed + graph.Places.Members.Changed > 0) return false;
        if (contacts.SlotsUsed != contacts.Neighbors.Length || contacts.LiveSlots != contacts.Neighbors.Length) return false;
        var at = 0;
        for (var u = 0; u < contacts.NodeCount; u++)
        {
            if (contacts.Start[u] != at) return false;
            at = contacts.End[u];
        }
        return at == contacts.Neighbors.Length;
    }

    public static SocialGraph Read(SectionReader r, DateOnly asOf, TiePolicy policy)
    {
        var (idLengths, ids) = r.Utf8Strings("node.ids", required: true);
        var n = idLengths.Length;
        var areaNames = r.Strings("node.area_names");
        var sectorNames = r.Strings("node.sector_names");
        var hubNames = r.Strings("node.hub_names");
        var terms = r.Strings("node.terms");
        var attributeNames = r.RequiredStrings("node.attribute_names");
        var attributeCodes = new CodeColumn[attributeNames.Length];
        var attributeValues = new string?[attributeNames.Length][];
        for (var a = 0; a < attributeNames.Length; a++)
        {
            attributeCodes[a] = CodeColumn.From(r.Read<int>($"node.attribute.{a}"));
            attributeValues[a] = r.Strings($"node.attribute.{a}.values");
        }
        var table = new NodeTable
        {
            Ids = Utf8Column.FromUtf8(idLengths, ids),
            Kinds = Paged<NodeKind>.From(r.Read<NodeKind>("node.kinds")),
            AreaCodes = CodeColumn.From(r.Read<int>("node.areas")),
            AreaNames = areaNames,
            Employment = Paged<Employment>.From(r.Read<Employment>("node.employment")),
            AgeBands = Paged<AgeBand>.From(r.Read<AgeBand>("node.age_bands")),
            SectorCodes = CodeColumn.From(r.Read<int>("node.sectors")),
            SectorNames = sectorNames,
            HubCodes = CodeColumn.From(r.Read<int>("node.hubs")),
            HubNames = hubNames,
            Ses = Paged<double>.From(r.Read<double>("node.ses")),
            Capacity = Paged<int>.From(r.Read<int>("node.capacity")),
            Terms = terms,
            Languages = Lists<int>(r, "node.languages"),
            Skills = Lists<int>(r, "node.skills"),
            Goals = Lists<int>(r, "node.goals"),
            Specialisms = Lists<int>(r, "node.specialisms"),
            AttributeNames = attributeNames,
            AttributeCodes = attributeCodes,
            AttributeValues = attributeValues,
            OrdinalCount = n,
            Moved = ImmutableDictionary.Create<string, int>(StringComparer.Ordinal),
            AreaTable = StringTable.From(areaNames),
            SectorTable = StringTable.From(sectorNames),
            HubTable = StringTable.From(hubNames),
            TermTable = StringTable.From(terms),
            AttributeTables = [.. attributeValues.Select(StringTable.From)],
        };

        var offsets = r.Read<int>("contact.offsets");
        var neighbors = r.Read<int>("contact.neighbors");
        var values = r.Read<double>("contact.strength_values");
        var strengths = StrengthColumn.FromParts(values,
            r.Has("contact.strength_bytes") ? r.Read<byte>("contact.strength_bytes") : null,
            r.Has("contact.strength_ushorts") ? r.Read<ushort>("contact.strength_ushorts") : null);
        var kinds = r.Read<ContactKinds>("contact.kinds");
        var classes = r.Read<TieClass>("contact.classes");
        if (offsets.Length != n + 1 || offsets[n] != neighbors.Length || strengths.Length != neighbors.Length
            || kinds.Length != neighbors.Length || classes.Length != neighbors.Length)
            throw r.Damaged("its contact sections do not agree in length");
        var contacts = Adjacency.FromCsr(offsets, neighbors, strengths, kinds, classes);

        var placeLists = Lists<int>(r, "place.places");
        var places = new Affiliations(placeLists, NodeLists<TieKind>.FromCsr(placeLists.Offsets, r.Read<TieKind>("place.kinds")),
            Lists<int>(r, "place.members"));

        var mentoring = MentoringHistory.FromParts(new MentoringHistory.Parts(
            r.Read<long>("mentoring.pairs"), r.Read<long>("mentoring.active_pairs"),
            Counts<int>(r, "mentoring.current"), Counts<int>(r, "mentoring.mentors_now"), Counts<int>(r, "mentoring.pending"),
            Counts<int>(r, "mentoring.pending_citizens"), Counts<long>(r, "mentoring.pending_pairs"), Counts<long>(r, "mentoring.declined"),
            Counts<int>(r, "mentoring.declined_citizens"), Counts<int>(r, "mentoring.last_pairing")));

        return new SocialGraph(table, contacts, places, mentoring, TieClassifier.Compile(policy, table), policy, asOf, Census.Count(table));
    }

    private static void Lists<T>(SectionWriter w, string name, NodeLists<T> lists) where T : unmanaged
    {
        w.Write<int>(name + ".offsets", lists.Offsets);
        w.Write<T>(name + ".items", lists.Items);
    }

    private static NodeLists<T> Lists<T>(SectionReader r, string name) where T : unmanaged
    {
        var offsets = r.Read<int>(name + ".offsets");
        var items = r.Read<T>(name + ".items");
        if (offsets.Length == 0 || offsets[^1] != items.Length) throw r.Damaged($"the lists '{name}' do not match their items");
        return NodeLists<T>.FromCsr(offsets, items);
    }

    private static void Counts<TKey>(SectionWriter w, string name, MentoringHistory.Counts<TKey> counts) where TKey : unmanaged
    {
        w.Write<TKey>(name + ".keys", counts.Keys);
        w.Write<int>(name + ".values", counts.Values);
    }

    private static MentoringHistory.Counts<TKey> Counts<TKey>(SectionReader r, string name) where TKey : unmanaged
    {
        var counts = new MentoringHistory.Counts<TKey>(r.Read<TKey>(name + ".keys"), r.Read<int>(name + ".values"));
        if (counts.Keys.Length != counts.Values.Length) throw r.Damaged($"the keys and values of '{name}' differ in number");
        return counts;
    }
}
