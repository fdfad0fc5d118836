using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Model;

namespace SocialCapital.Storage;

/// <summary>The sections that hold a <see cref="Dataset"/>'s records as columns: the nodes are the graph's node columns
/// (<see cref="SnapshotGraph"/>) with each node's input position; ties hold their ends as node indices; dates as day
/// numbers (-1: none); repeated strings once, with a code per row. Reading rebuilds the records without parsing or
/// validating anything (the dataset was valid when the file was written); the ties stay columns, made into records as
/// they are read (<see cref="SnapshotTies"/>).</summary>
internal static class SnapshotDataset
{
    private const int NoDate = SnapshotTies.NoDate;
    private const byte NoOutcome = SnapshotTies.NoOutcome;

    /// <summary>Writes the dataset; <paramref name="graph"/> is its graph, built from it, whose node indices the file uses.</summary>
    public static void Write(SectionWriter w, Dataset dataset, SocialGraph graph, ParallelOptions parallel)
    {
        var n = dataset.Nodes.Count;
        var indexOf = graph.Nodes.IndicesOf(dataset.Nodes, parallel); // input position → node index
        if (Array.IndexOf(indexOf, -1) >= 0 || n != graph.NodeCount)
            throw new ArgumentException("The graph was not built from this dataset: their nodes differ.", nameof(graph));
        var positions = new int[n]; // node index → input position
        for (var p = 0; p < n; p++) positions[indexOf[p]] = p;
        w.Write<int>("dataset.node_positions", positions);

        var ties = dataset.Ties;
        var resolved = dataset.Resolved ?? RecordValidator.Resolve(dataset.Nodes, ties, parallel);
        var sources = new int[ties.Count];
        var targets = new int[ties.Count];
        var kinds = new TieKind[ties.Count];
        var strengths = new double[ties.Count];
        var since = new int[ties.Count];
        var until = new int[ties.Count];
        var outcomes = new byte[ties.Count];
        Parallel.For(0, ties.Count, parallel, t =>
        {
            var tie = ties[t];
            sources[t] = indexOf[resolved.Source[t]];
            targets[t] = indexOf[resolved.Target[t]];
            kinds[t] = tie.Kind;
            strengths[t] = tie.Strength;
            since[t] = Day(tie.Since);
            until[t] = Day(tie.Until);
            outcomes[t] = tie.Outcome is { } o ? (byte)o : NoOutcome;
        });
        w.Write<int>("tie.sources", sources);
        w.Write<int>("tie.targets", targets);
        w.Write<TieKind>("tie.kinds", kinds);
        var strength = StrengthColumn.Build(strengths);
        w.Write<double>("tie.strength_values", strength.Values);
        if (strength.ByteCodes is { } bytes) w.Write<byte>("tie.strength_bytes", bytes);
        if (strength.UShortCodes is { } shorts) w.Write<ushort>("tie.strength_ushorts", shorts);
        w.Write<int>("tie.since", since);
        w.Write<int>("tie.until", until);
        w.Write<byte>("tie.outcomes", outcomes);
        w.StringColumn("tie.end_reasons", ties.Count, t => ties[t].EndReason);

        var proposals = dataset.Proposals;
        w.StringColumn("proposal.ids", proposals.Count, i => proposals[i].Id);
        w.StringColumn("proposal.citizens", proposals.Count, i => proposals[i].Citizen);
        w.StringColumn("proposal.mentors", proposals.Count, i => proposals[i].Mentor);
        w.Write<int>("proposal.proposed", [.. proposals.Select(p => p.Proposed.DayNumber)]);
        w.Write<int>("proposal.expires", [.. proposals.Select(p => p.Expires.DayNumber)]);
        w.StringColumn("proposal.proposed_by", proposals.Count, i => proposals[i].ProposedBy);
        w.Write<ProposalStatus>("proposal.status", [.. proposals.Select(p => p.Status)]);
        w.Write<int>("proposal.decided", [.. proposals.Select(p => Day(p.Decided))]);
        w.StringColumn("proposal.reasons", proposals.Count, i => proposals[i].Reason);

        var history = dataset.StatusHistory;
        w.StringColumn("status.people", history.Count, i => history[i].Person);
        w.Write<int>("status.dates", [.. history.Select(s => s.Date.DayNumber)]);
        w.Write<Employment>("status.employment", [.. history.Select(s => s.Employment)]);

        var contacts = dataset.Contacts;
        w.StringColumn("meeting.coaches", contacts.Count, i => contacts[i].Coach);
        w.StringColumn("meeting.citizens", contacts.Count, i => contacts[i].Citizen);
        w.Write<int>("meeting.dates", [.. contacts.Select(c => c.Date.DayNumber)]);
        w.Write<ContactChannel>("meeting.channels", [.. contacts.Select(c => c.Channel)]);
    }

    public static Dataset Read(SectionReader r, ParallelOptions parallel)
    {
        var nodes = Nodes(r, parallel, out var ids, out var positions, out var columns);

        var sources = r.Read<int>("tie.sources");
        var targets = r.Read<int>("tie.targets");
        var kinds = r.Read<TieKind>("tie.kinds");
        var strengths = StrengthColumn.FromParts(r.Read<double>("tie.strength_values"),
            r.Has("tie.strength_bytes") ? r.Read<byte>("tie.strength_bytes") : null,
            r.Has("tie.strength_ushorts") ? r.Read<ushort>("tie.strength_ushorts") : null);
        var since = r.Read<int>("tie.since");
        var until = r.Read<int>("tie.until");
        var outcomes = r.Read<byte>("tie.outcomes");
        var reasonTable = r.Strings("tie.end_reasons.values");
        var reasonCodes = r.Read<int>("tie.end_reasons.codes");
        var count = sources.Length;
        if (targets.Length != count || kinds.Length != count || strengths.Length != count || since.Length != count
            || until.Length != count || outcomes.Length != count || reasonCodes.Length != count)
            throw r.Damaged("its tie columns differ in length");
        // Every index the records will follow is checked once here, so that making a record never fails.
        var resolved = new ResolvedTies(new int[count], new int[count]);
        var bad = 0;
        Parallel.For(0, count, parallel, t =>
        {
            int u = sources[t], v = targets[t];
            if ((uint)u >= (uint)ids.Length || (uint)v >= (uint)ids.Length || (uint)reasonCodes[t] >= (uint)reasonTable.Length) { Interlocked.Increment(ref bad); return; }
            resolved.Source[t] = positions[u];
            resolved.Target[t] = positions[v];
        });
        if (bad > 0) throw r.Damaged("a tie names a node or an end reason past its table");
        var ties = new SnapshotTies(ids, sources, targets, kinds, strengths, since, until, outcomes, reasonTable, reasonCodes);

        var proposalIds = r.StringColumn("proposal.ids");
        var citizens = r.StringColumn("proposal.citizens");
        var mentors = r.StringColumn("proposal.mentors");
        var proposed = r.Read<int>("proposal.proposed");
        var expires = r.Read<int>("proposal.expires");
        var proposedBy = r.StringColumn("proposal.proposed_by");
        var status = r.Read<ProposalStatus>("proposal.status");
        var decided = r.Read<int>("proposal.decided");
        var why = r.StringColumn("proposal.reasons");
        var proposals = new ProposalRecord[proposalIds.Length];
        for (var i = 0; i < proposals.Length; i++)
            proposals[i] = new ProposalRecord(proposalIds[i]!, citizens[i]!, mentors[i]!, DateOnly.FromDayNumber(proposed[i]), DateOnly.FromDayNumber(expires[i]))
            {
                ProposedBy = proposedBy[i],
                Status = status[i],
                Decided = Date(decided[i]),
                Reason = why[i],
            };

        var people = r.StringColumn("status.people");
        var dates = r.Read<int>("status.dates");
        var employment = r.Read<Employment>("status.employment");
        var history = new StatusChange[people.Length];
        for (var i = 0; i < history.Length; i++) history[i] = new StatusChange(people[i]!, DateOnly.FromDayNumber(dates[i]), employment[i]);

        var coaches = r.StringColumn("meeting.coaches");
        var met = r.StringColumn("meeting.citizens");
        var days = r.Read<int>("meeting.dates");
        var channels = r.Read<ContactChannel>("meeting.channels");
        var meetings = new ContactRecord[coaches.Length];
        for (var i = 0; i < meetings.Length; i++) meetings[i] = new ContactRecord(coaches[i]!, met[i]!, DateOnly.FromDayNumber(days[i]), channels[i]);

        return new Dataset(nodes, ties, columns, resolved) { Proposals = proposals, StatusHistory = history, Contacts = meetings };
    }

    /// <summary>The node records in input order, from the graph's node columns.</summary>
    private static NodeRecord[] Nodes(SectionReader r, ParallelOptions parallel, out string[] ids, out int[] positions, out string[] columns)
    {
        ids = r.RequiredStrings("node.ids");
        var n = ids.Length;
        positions = r.Read<int>("dataset.node_positions");
        if (positions.Length != n) throw r.Damaged("its node positions do not match its nodes");
        var seen = new bool[n];
        foreach (var p in positions)
        {
            if ((uint)p >= (uint)n || seen[p]) throw r.Damaged("its node positions are not a permutation");
            seen[p] = true;
        }
        var kinds = r.Read<NodeKind>("node.kinds");
        var areas = Coded(r, "node.areas", "node.area_names");
        var employment = r.Read<Employment>("node.employment");
        var ageBands = r.Read<AgeBand>("node.age_bands");
        var sectors = Coded(r, "node.sectors", "node.sector_names");
        var hubs = Coded(r, "node.hubs", "node.hub_names");
        var ses = r.Read<double>("node.ses");
        var capacity = r.Read<int>("node.capacity");
        var terms = r.Strings("node.terms");
        var languages = Lists(r, "node.languages", terms);
        var skills = Lists(r, "node.skills", terms);
        var goals = Lists(r, "node.goals", terms);
        var specialisms = Lists(r, "node.specialisms", terms);
        var names = columns = r.RequiredStrings("node.attribute_names");
        var attributes = new string?[names.Length][];
        for (var a = 0; a < names.Length; a++) attributes[a] = Coded(r, $"node.attribute.{a}", $"node.attribute.{a}.values");
        foreach (var column in (Array[])[kinds, areas, employment, ageBands, sectors, hubs, ses, capacity, .. attributes])
            if (column.Length != n) throw r.Damaged("its node columns differ in length");

        var nodes = new NodeRecord[n];
        var idList = ids;
        var order = positions;
        Parallel.For(0, n, parallel, i =>
        {
            Dictionary<string, string>? extra = null;
            for (var a = 0; a < names.Length; a++)
                if (attributes[a][i] is { } value) (extra ??= new(StringComparer.Ordinal))[names[a]] = value;
            nodes[order[i]] = new NodeRecord(idList[i], kinds[i])
            {
                Area = areas[i],
                Employment = employment[i],
                AgeBand = ageBands[i],
                Sector = sectors[i],
                Ses = double.IsNaN(ses[i]) ? null : ses[i],
                Languages = languages(i),
                Skills = skills(i),
                Goals = goals(i),
                Capacity = capacity[i] < 0 ? null : capacity[i],
                Hub = hubs[i],
                Specialisms = specialisms(i),
                Attributes = extra ?? NodeRecord.EmptyAttributes,
            };
        });
        return nodes;
    }

    /// <summary>A coded node column as each node's value (the strings are the table's, not copies).</summary>
    private static string?[] Coded(SectionReader r, string codesName, string tableName)
    {
        var codes = r.Read<int>(codesName);
        var table = r.Strings(tableName);
        var values = new string?[codes.Length];
        for (var i = 0; i < codes.Length; i++)
        {
            if ((uint)codes[i] >= (uint)table.Length) throw r.Damaged($"column '{codesName}' has a code past its values");
            values[i] = table[codes[i]];
        }
        return values;
    }

    private static Func<int, IReadOnlyList<string>> Lists(SectionReader r, string name, string?[] terms)
    {
        var offsets = r.Read<int>(name + ".offsets");
        var items = r.Read<int>(name + ".items");
        if (offsets.Length == 0 || offsets[^1] != items.Length) throw r.Damaged($"the lists '{name}' do not match their items");
        foreach (var code in items)
            if ((uint)code >= (uint)terms.Length || terms[code] is null) throw r.Damaged($"the lists '{name}' name an unknown term");
        return node =>
        {
            if (node + 1 >= offsets.Length || offsets[node] == offsets[node + 1]) return [];
            var list = new string[offsets[node + 1] - offsets[node]];
            for (var k = 0; k < list.Length; k++) list[k] = terms[items[offsets[node] + k]]!;
            return list;
        };
    }

    private static int Day(DateOnly? date) => SnapshotTies.Day(date);

    private static DateOnly? Date(int day) => day == NoDate ? null : DateOnly.FromDayNumber(day);
}
