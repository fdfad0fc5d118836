using SocialCapital.Model;

namespace SocialCapital.Interchange;

/// <summary>The semantic rules of the interchange format, shared by the CSV reader and the builder so that
/// records from a file and records from code are held to exactly the same rules.</summary>
internal static partial class RecordValidator
{
    public const int MaxIdLength = 64;

    /// <summary>Checks every node and tie, adding one problem per broken rule.</summary>
    /// <param name="nodes">The nodes, in input order.</param>
    /// <param name="ties">The ties, in input order.</param>
    /// <param name="where">Where each record came from.</param>
    /// <param name="problems">Receives the problems.</param>
    /// <param name="unreadableIds">Ids of node rows that failed to parse: ties to them are not reported again.</param>
    /// <param name="skipNodes">The nodes are a validated dataset's: check only the ties against them.</param>
    /// <param name="positions">The nodes' <see cref="Positions"/>, when the caller already has them.</param>
    /// <param name="found">Each tie's end positions as the caller already looked them up (-1: not found), so they
    /// are not looked up again.</param>
    /// <returns>The input positions of every tie's ends (-1 where unknown), so a snapshot build needs no second lookup.</returns>
    public static ResolvedTies Validate(
        IReadOnlyList<NodeRecord> nodes, IReadOnlyList<TieRecord> ties, RecordLocator where,
        ProblemCollector problems, IReadOnlySet<string>? unreadableIds = null, bool skipNodes = false,
        IdTable? positions = null, ResolvedTies? found = null)
    {
        var firstSeen = positions ?? Positions(nodes);
        for (var i = 0; !skipNodes && i < nodes.Count; i++)
        {
            var node = nodes[i];
            var at = new At(where, Kind.Node, i, problems);
            if (node is null) { at.Add(null, null, "node is null"); continue; }
            if (IdProblem(node.Id) is { } idProblem) at.Add("id", node.Id, idProblem);
            else if (firstSeen.Find(node.Id) is var first && first != i)
                at.Add("id", node.Id, $"duplicate id (first at {Describe(where.Node(first))})");
            if (node.Kind > NodeKind.PeerGroup) at.Add("kind", node.Kind.ToString(), "not a node kind");
            if (node.Employment > Employment.Retired) at.Add("employment", node.Employment.ToString(), "not an employment status");
            if (node.AgeBand > AgeBand.Age65Plus) at.Add("age_band", node.AgeBand.ToString(), "not an age band");
            if (node.Ses is { } ses && !(ses >= 0 && ses <= 1))
                at.Add("ses", Format(ses), "must be a number from 0 to 1");
            if (node.Capacity is < 0)
                at.Add("capacity", node.Capacity.Value.ToString(), "must be a whole number ≥ 0");
            CheckText(node.Area, "area", at);
            CheckText(node.Sector, "sector", at);
            CheckList(node.Languages, "languages", at);
            CheckList(node.Skills, "skills", at);
            CheckList(node.Goals, "goals", at);
            CheckText(node.Hub, "hub", at);
            CheckList(node.Specialisms, "specialisms", at);
            if (node.Hub is not null && node.Kind <= NodeKind.PeerGroup && !node.Kind.IsPerson())
                at.Add("hub", node.Hub, $"only a person belongs to a hub, not {Words.A(node.Kind.Name())}");
            if (node.Specialisms.Count > 0 && node.Kind != NodeKind.Coach && node.Kind <= NodeKind.PeerGroup)
                at.Add("specialisms", string.Join(';', node.Specialisms), $"only a coach has specialisms, not {Words.A(node.Kind.Name())}");
            foreach (var (name, value) in node.Attributes)
            {
                if (string.IsNullOrWhiteSpace(name) || NodeColumns.IsStandard(name))
                    at.Add(name, null, "an extra attribute needs a name that is not a standard column");
                else if (TextRule.Problem(name) is { } nameProblem) at.Add(name, null, $"the attribute name {nameProblem}");
                CheckText(value, name, at, freeText: true);
            }
        }

        // Ties are checked in parallel chunks, each with its own collector; merging them in chunk order
        // reports exactly what a sequential pass would.
        const int chunk = 1 << 16;
        var chunks = new ProblemCollector[(ties.Count + chunk - 1) / chunk];
        var resolved = found ?? new ResolvedTies(new int[ties.Count], new int[ties.Count]);
        // The nodes' kinds in one small array: each tie reads two, and reading them from the records is two cache misses.
        var kinds = new NodeKind[nodes.Count];
        for (var i = 0; i < nodes.Count; i++) kinds[i] = nodes[i]?.Kind ?? default;
        Parallel.For(0, chunks.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, c =>
        {
            var local = chunks[c] = new ProblemCollector();
            var slots = found is null ? new int[2 * Block] : [];
            var end = Math.Min(ties.Count, (c + 1) * chunk);
            // A block at a time, so that its records and ids are still in the cache when they are checked.
            for (var from = c * chunk; from < end; from += Block)
            {
                var to = Math.Min(end, from + Block);
                if (found is null) Resolve(ties, from, to, firstSeen, resolved, slots);
                for (var i = from; i < to; i++)
                    CheckTie(ties[i], i, new At(where, Kind.Tie, i, local), kinds, unreadableIds, resolved);
            }
        });
        foreach (var local in chunks) problems.AddAll(local);
        return resolved;
    }

    private const int Block = 1 << 10;

    /// <summary>Every tie's end positions (-1 where unknown), for records that are valid but whose positions were not
    /// kept (a dataset edited one record at a time).</summary>
    public static ResolvedTies Resolve(IReadOnlyList<NodeRecord> nodes, IReadOnlyList<TieRecord> ties, ParallelOptions parallel)
    {
        var positions = Positions(nodes);
        var resolved = new ResolvedTies(new int[ties.Count], new int[ties.Count]);
        Parallel.For(0, (ties.Count + Block - 1) / Block, parallel, () => new int[2 * Block], (b, _, slots) =>
        {
            Resolve(ties, b * Block, Math.Min(ties.Count, (b + 1) * Block), positions, resolved, slots);
            return slots;
        }, _ => { });
        return resolved;
    }

    /// <summary>Looks the ends of ties [start, end) up (at most a <see cref="Block"/>): first every end's slot is read,
    /// so that the block's cache misses overlap instead of following one another, then each is searched.</summary>
    private static void Resolve(IReadOnlyList<TieRecord> ties, int start, int end, IdTable positions, ResolvedTies resolved, int[] slots)
    {
        var count = end - start;
        for (var i = 0; i < count; i++)
        {
            var tie = ties[start + i];
            slots[2 * i] = positions.SlotOf(tie?.Source);
            slots[2 * i + 1] = positions.SlotOf(tie?.Target);
        }
        positions.Prefetch(slots.AsSpan(0, 2 * count));
        for (var i = 0; i < count; i++)
        {
            var tie = ties[start + i];
            resolved.Source[start + i] = positions.Find(tie?.Source, slots[2 * i]);
            resolved.Target[start + i] = positions.Find(tie?.Target, slots[2 * i + 1]);
        }
    }

    /// <summary>Each well-formed id → the input position where it first appears (a repeat is a duplicate).</summary>
    public static IdTable Positions(IReadOnlyList<NodeRecord> nodes) => new(nodes);

    /// <summary>Why an id is not valid, or <see langword="null"/> when it is.</summary>
    public static string? IdProblem(string? id)
    {
        if (string.IsNullOrEmpty(id)) return "id is required";
        if (id.Length > MaxIdLength) return $"id is longer than {MaxIdLength} characters";
        foreach (var c in id)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-'))
                return $"id may hold only letters, digits and . _ : - (found '{c}')";
        return null;
    }

    /// <summary>Checks one tie whose ends <paramref name="resolved"/> already holds (-1: not found).</summary>
    private static void CheckTie(TieRecord tie, int index, At at, NodeKind[] kinds, IReadOnlySet<string>? unreadableIds, ResolvedTies resolved)
    {
        if (tie is null) { resolved.Source[index] = resolved.Target[index] = -1; at.Add(null, null, "tie is null"); return; }
        var source = resolved.Source[index] = EndPosition(tie.Source, "source", resolved.Source[index], unreadableIds, at);
        var target = resolved.Target[index] = EndPosition(tie.Target, "target", resolved.Target[index], unreadableIds, at);
        NodeKind? sourceKind = source >= 0 ? kinds[source] : null, targetKind = target >= 0 ? kinds[target] : null;
        if (source >= 0 ? source == target : tie.Source == tie.Target) // one node has one position
            at.Add("target", tie.Target, "a tie cannot join a node to itself");
        if (tie.Kind > TieKind.Employment) at.Add("kind", tie.Kind.ToString(), "not a tie kind");
        else if (sourceKind is { } sk && targetKind is { } tk) CheckEnds(tie, sk, tk, at);
        if (!(tie.Strength > 0) || double.IsInfinity(tie.Strength))
            at.Add("strength", Format(tie.Strength), "must be a number > 0");
        if (tie is { Since: { } since, Until: { } until } && until <= since)
            at.Add("until", until.ToString("yyyy-MM-dd"), $"must be after since ({since:yyyy-MM-dd})");
        if (tie.Outcome is { } outcome)
        {
            if (outcome > PairingOutcome.EndedEarly) at.Add("outcome", outcome.ToString(), "not a pairing outcome");
            else if (tie.Kind != TieKind.Mentoring || tie.Until is null)
                at.Add("outcome", outcome.Name(), "only an ended mentoring tie (kind mentoring, with an until date) has an outcome");
        }
        if (tie.EndReason is { } reason)
        {
            if (tie.Outcome is null) at.Add("end_reason", TextRule.Visible(reason), "only a tie with an outcome has an end reason");
            else CheckReason(reason, "end_reason", at);
        }
    }

    private static int EndPosition(string id, string column, int position, IReadOnlySet<string>? unreadable, At at)
    {
        if (position >= 0) return position;
        if (string.IsNullOrEmpty(id)) { at.Add(column, null, $"{column} is required"); return -1; }
        if (unreadable?.Contains(id) != true) at.Add(column, id, "unknown id (no such node)");
        return -1;
    }

    private static void CheckEnds(TieRecord tie, NodeKind sourceKind, NodeKind targetKind, At at)
    {
        if (!sourceKind.IsPerson())
            at.Add("source", tie.Source, $"{Words.A(tie.Kind.Name())} tie starts at a person, not {Words.A(sourceKind.Name())}");
        else if (tie.Kind == TieKind.Mentoring && sourceKind != NodeKind.Mentor)
            at.Add("source", tie.Source, $"the source of a mentoring tie must be the mentor, not {Words.A(sourceKind.Name())} (write mentor → mentee)");
        if (tie.Kind.RequiredPlace() is { } place)
        {
            if (targetKind != place)
                at.Add("target", tie.Target, $"{Words.A(tie.Kind.Name())} tie ends at {Words.A(place.Name())}, not {Words.A(targetKind.Name())}");
        }
        else if (!targetKind.IsPerson())
            at.Add("target", tie.Target, $"{Words.A(tie.Kind.Name())} tie joins two people, but this is {Words.A(targetKind.Name())}");
    }

    private static void CheckList(IReadOnlyList<string> items, string column, At at)
    {
        foreach (var item in items)
            if (string.IsNullOrWhiteSpace(item) || item.Contains(';'))
                at.Add(column, item, "list items must be non-empty and hold no ';'");
            else CheckText(item, column, at);
    }

    private static void CheckText(string? text, string column, At at, bool freeText = false)
    {
        if (TextRule.Problem(text, freeText) is { } problem) at.Add(column, TextRule.Visible(text!), problem);
    }

    /// <summary>A free-text reason (a decline's, a pairing's end): not empty (an empty cell is no reason, so an empty
    /// string would not survive a round trip) and free text by <see cref="TextRule"/>.</summary>
    private static void CheckReason(string reason, string column, At at)
    {
        if (reason.Length == 0) at.Add(column, reason, "an empty reason: leave it out (null) instead");
        else CheckText(reason, column, at, freeText: true);
    }

    /// <summary>What kind of record a problem is about.</summary>
    private enum Kind : byte { Node, Tie, Proposal, Status, Contact }

    /// <summary>Where a record is, resolved only when a problem is reported: valid records cost no string.</summary>
    private readonly struct At(RecordLocator where, Kind kind, int index, ProblemCollector problems)
    {
        public void Add(string? column, string? value, string reason)
        {
            var (source, line) = kind switch
            {
                Kind.Node => where.Node(index),
                Kind.Tie => where.Tie(index),
                Kind.Proposal => where.Proposal(index),
                Kind.Contact => where.Contact(index),
                _ => where.Status(index),
            };
            problems.Add(source, line, column, value, reason);
        }
    }

    private static string Describe((string Source, int? Line) at) => at.Line is { } l ? $"line {l}" : at.Source;

    private static string Format(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The input positions (in the node list) of every tie's source and target; -1 where the id is unknown.</summary>
internal sealed record ResolvedTies(int[] Source, int[] Target);
