using SocialCapital.Interchange;
using SocialCapital.Model;

namespace SocialCapital.Storage;

/// <summary>A dataset after one edit, and what the edit did.</summary>
/// <param name="Dataset">The edited dataset; the same instance when nothing changed.</param>
/// <param name="Effect">What the edit did.</param>
/// <param name="TiesRemoved">Ties removed: by a tie delete, by a node delete, or duplicates merged by a tie upsert.</param>
public sealed record DatasetEdit(Dataset Dataset, WriteEffect Effect, int TiesRemoved = 0);

/// <summary>The edit semantics every <see cref="IGraphStore"/> follows, applied to an immutable <see cref="Dataset"/>:
/// the reference the stores are tested against, and how a service keeps its in-memory copy in step with its store.</summary>
/// <remarks>Each edit checks only the record it changes (against the dataset), copies the record lists once and
/// returns a new dataset; the input is never modified. Thread-safe.</remarks>
public static class DatasetEdits
{
    /// <summary>Whether <paramref name="tie"/> is the tie identified by two ends (in either order) and a kind: the
    /// identity a tie upsert replaces and a tie delete removes.</summary>
    /// <param name="tie">A stored tie.</param>
    /// <param name="source">One end.</param>
    /// <param name="target">The other end.</param>
    /// <param name="kind">The kind; <see langword="null"/> matches every kind.</param>
    /// <returns>Whether they match.</returns>
    public static bool Matches(TieRecord tie, string source, string target, TieKind? kind) =>
        Guard.NotNull(tie).Kind == (kind ?? tie.Kind)
        && ((tie.Source == source && tie.Target == target) || (tie.Source == target && tie.Target == source));

    /// <summary>Whether a stored tie is the same dated spell as <paramref name="tie"/>: the same ends (either order), kind and
    /// <see cref="TieRecord.Since"/> — how <see cref="UpsertTies"/> identifies a tie, so a pair may hold several spells.</summary>
    /// <param name="stored">A stored tie.</param>
    /// <param name="tie">The tie to store.</param>
    /// <returns><see langword="true"/> when <paramref name="tie"/> replaces <paramref name="stored"/>.</returns>
    public static bool SameSpell(TieRecord stored, TieRecord tie) =>
        Matches(stored, Guard.NotNull(tie).Source, tie.Target, tie.Kind) && stored.Since == tie.Since;

    /// <summary>Adds a node, or replaces the node with the same id in place.</summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="node">The node.</param>
    /// <returns>The edited dataset and Created, Updated or Unchanged.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="DataValidationException">The node breaks a rule of the format.</exception>
    /// <exception cref="GraphStoreConflictException">The node's new kind would break its ties, proposals, employment
    /// changes or contacts.</exception>
    public static DatasetEdit UpsertNode(Dataset dataset, NodeRecord node)
    {
        Guard.NotNull(dataset);
        Guard.NotNull(node);
        var problems = new ProblemCollector();
        RecordValidator.Validate([node], [], new NamedLocator([node], []), problems);
        problems.ThrowIfAny();

        var position = IndexOf(dataset.Nodes, node.Id);
        if (position >= 0 && dataset.Nodes[position].Equals(node)) return new DatasetEdit(dataset, WriteEffect.Unchanged);
        var nodes = new List<NodeRecord>(dataset.Nodes);
        if (position >= 0) nodes[position] = node; else nodes.Add(node);
        if (position >= 0 && dataset.Nodes[position].Kind != node.Kind)
        {
            CheckTiesStillHold(nodes, dataset.Ties, node);
            CheckLifecycleStillHolds(nodes, dataset.Proposals, dataset.StatusHistory, node);
            CheckContactsStillHold(nodes, dataset.Contacts, node);
        }
        // Node positions are unchanged (replaced in place or appended), so the ties' resolved ends still hold.
        var edited = Carry(dataset, new Dataset(nodes, dataset.Ties, Dataset.CollectColumns(dataset.AttributeColumns, [node]), dataset.Resolved));
        return new DatasetEdit(edited, position >= 0 ? WriteEffect.Updated : WriteEffect.Created);
    }

    /// <summary>Deletes a node, every tie that touches it, the proposals it is the citizen or mentor of, its employment
    /// changes and its contacts (as coach or citizen); the proposals it made (as <see cref="ProposalRecord.ProposedBy"/>) stay, with no one recorded as their
    /// maker.</summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="id">The node id.</param>
    /// <returns>The edited dataset and Deleted (with the ties removed) or NotFound.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static DatasetEdit DeleteNode(Dataset dataset, string id)
    {
        Guard.NotNull(dataset);
        Guard.NotNull(id);
        var position = IndexOf(dataset.Nodes, id);
        if (position < 0) return new DatasetEdit(dataset, WriteEffect.NotFound);
        var nodes = new List<NodeRecord>(dataset.Nodes);
        nodes.RemoveAt(position);
        var ties = dataset.Ties.Where(t => t.Source != id && t.Target != id).ToArray();
        var proposals = new List<ProposalRecord>(dataset.Proposals.Count);
        foreach (var p in dataset.Proposals)
            if (p.Citizen != id && p.Mentor != id) proposals.Add(p.ProposedBy == id ? p with { ProposedBy = null } : p);
        var history = dataset.StatusHistory.Count == 0 ? dataset.StatusHistory : [.. dataset.StatusHistory.Where(c => c.Person != id)];
        var contacts = dataset.Contacts.Count == 0 ? dataset.Contacts : [.. dataset.Contacts.Where(c => c.Coach != id && c.Citizen != id)];
        var edited = new Dataset(nodes, ties, dataset.AttributeColumns) { Proposals = proposals, StatusHistory = history, Contacts = contacts };
        return new DatasetEdit(edited, WriteEffect.Deleted, dataset.Ties.Count - ties.Length);
    }

    /// <summary>Adds a tie, or replaces the tie with the same ends (in either order) and kind: the first such tie
    /// takes the new values and its place in the order; any further ones (repeated rows of an import) are removed.</summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="tie">The tie.</param>
    /// <returns>The edited dataset and Created, Updated or Unchanged.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="DataValidationException">The tie breaks a rule of the format, e.g. an end is unknown.</exception>
    public static DatasetEdit UpsertTie(Dataset dataset, TieRecord tie)
    {
        Guard.NotNull(dataset);
        Guard.NotNull(tie);
        var problems = new ProblemCollector();
        RecordValidator.Validate(dataset.Nodes, [tie], new NamedLocator(dataset.Nodes, [tie]), problems, skipNodes: true);
        problems.ThrowIfAny();
        return StoreTie(dataset, tie);
    }

    /// <summary>Stores several dated ties (spells) at once, in order: each replaces the stored tie that is the
    /// <see cref="SameSpell"/> (same ends, kind and <c>since</c>; the first takes its values and place, any repeats go)
    /// or is appended — so a citizen coached by the same coach twice keeps both spells, where <see cref="UpsertTie"/>
    /// would merge them. For a write that must happen whole, such as publishing a coach assignment or a handover (end
    /// one spell, start another). Every tie is checked before any is stored, and every problem is reported.</summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="ties">The ties.</param>
    /// <returns>The edited dataset; Created when a tie is new, else Updated when one changed, else Unchanged; the
    /// repeated ties merged away.</returns>
    /// <exception cref="ArgumentNullException">An argument or a tie is null.</exception>
    /// <exception cref="DataValidationException">A tie breaks a rule of the format; nothing was stored.</exception>
    public static DatasetEdit UpsertTies(Dataset dataset, IReadOnlyList<TieRecord> ties)
    {
        Guard.NotNull(dataset);
        Guard.NotNull(ties);
        foreach (var tie in ties) Guard.NotNull(tie);
        var problems = new ProblemCollector();
        RecordValidator.Validate(dataset.Nodes, ties, new NamedLocator(dataset.Nodes, ties), problems, skipNodes: true);
        problems.ThrowIfAny();
        var effect = WriteEffect.Unchanged;
        var removed = 0;
        foreach (var tie in ties)
        {
            var edit = StoreTie(dataset, tie, bySince: true);
            dataset = edit.Dataset;
            removed += edit.TiesRemoved;
            effect = effect.Then(edit.Effect);
        }
        return new DatasetEdit(dataset, effect, removed);
    }

    /// <summary><see cref="UpsertTie"/> for a tie already validated against the dataset; <paramref name="bySince"/>: a tie
    /// is the <see cref="SameSpell"/>, not every tie of its ends and kind.</summary>
    private static DatasetEdit StoreTie(Dataset dataset, TieRecord tie, bool bySince = false)
    {
        var ties = new List<TieRecord>(dataset.Ties.Count + 1);
        var matches = 0;
        TieRecord? firstMatch = null;
        foreach (var stored in dataset.Ties)
        {
            if (!(bySince ? SameSpell(stored, tie) : Matches(stored, tie.Source, tie.Target, tie.Kind))) { ties.Add(stored); continue; }
            if (matches++ == 0) { firstMatch = stored; ties.Add(tie); }
        }
        if (matches == 0) ties.Add(tie);
        else if (matches == 1 && firstMatch == tie) return new DatasetEdit(dataset, WriteEffect.Unchanged);
        return new DatasetEdit(Carry(dataset, new Dataset(dataset.Nodes, ties, dataset.AttributeColumns)),
            matches == 0 ? WriteEffect.Created : WriteEffect.Updated, Math.Max(0, matches - 1));
    }

    /// <summary>Deletes the ties between two nodes (in either order), of one kind or of every kind.</summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="source">One end.</param>
    /// <param name="target">The other end.</param>
    /// <param name="kind">The kind; <see langword="null"/> for every kind.</param>
    /// <returns>The edited dataset and Deleted (with the ties removed) or NotFound.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static DatasetEdit DeleteTies(Dataset dataset, string source, string target, TieKind? kind = null)
    {
        Guard.NotNull(dataset);
        Guard.NotNull(source);
        Guard.NotNull(target);
        var ties = dataset.Ties.Where(t => !Matches(t, source, target, kind)).ToArray();
        var removed = dataset.Ties.Count - ties.Length;
        return removed == 0
            ? new DatasetEdit(dataset, WriteEffect.NotFound)
            : new DatasetEdit(Carry(dataset, new Dataset(dataset.Nodes, ties, dataset.AttributeColumns)), WriteEffect.Deleted, removed);
    }

    /// <summary>Adds proposals or replaces those with the same id (keeping their place in the order), and with them
    /// stores one tie (the mentoring tie an accepted proposal starts), all at once: every record is checked before
    /// anything changes, and so is the rule of one undecided proposal per citizen and mentor at a time against the
    /// proposals as they will be stored.</summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="proposals">The proposals; each id at most once.</param>
    /// <param name="tie">A tie to store with them (as <see cref="UpsertTie"/> does), or null.</param>
    /// <returns>The edited dataset and Created (a proposal or the tie is new), else Updated (one was replaced) or
    /// Unchanged; <see cref="DatasetEdit.TiesRemoved"/> as the tie upsert says.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dataset"/> or <paramref name="proposals"/> is null.</exception>
    /// <exception cref="DataValidationException">A proposal or the tie breaks a rule of the format; lists every problem.</exception>
    public static DatasetEdit UpsertProposals(Dataset dataset, IReadOnlyList<ProposalRecord> proposals, TieRecord? tie = null)
    {
        Guard.NotNull(dataset);
        Guard.NotNull(proposals);
        var problems = new ProblemCollector();
        // A tie needs the nodes' id table (as UpsertTie builds it); a few proposals alone are looked up in one pass.
        var positions = tie is null ? null : RecordValidator.Positions(dataset.Nodes);
        RecordValidator.ValidateLifecycle(dataset.Nodes, proposals, [], new NamedLocator(dataset.Nodes, [], proposals), problems,
            positions, checkPending: false);
        if (tie is not null)
            RecordValidator.Validate(dataset.Nodes, [tie], new NamedLocator(dataset.Nodes, [tie]), problems, skipNodes: true, positions: positions);

        // Merged by id through one lookup of the stored ids: a batch costs its size plus one pass over the proposals.
        var merged = new List<ProposalRecord>(dataset.Proposals.Count + proposals.Count);
        merged.AddRange(dataset.Proposals);
        var byId = new Dictionary<string, int>(merged.Count, StringComparer.Ordinal);
        for (var i = 0; i < merged.Count; i++) byId[merged[i].Id] = i;
        var pairs = new HashSet<(string, string)>();
        bool created = false, updated = false;
        foreach (var proposal in proposals)
        {
            if (proposal?.Id is null) continue; // reported above
            if (proposal is { Status: ProposalStatus.Proposed, Citizen: not null, Mentor: not null }) pairs.Add((proposal.Citizen, proposal.Mentor));
            if (!byId.TryGetValue(proposal.Id, out var at))
            {
                byId.Add(proposal.Id, merged.Count);
                merged.Add(proposal);
                created = true;
            }
            else if (merged[at] != proposal)
            {
                merged[at] = proposal;
                updated = true;
            }
        }
        if (pairs.Count > 0) RecordValidator.CheckPending(merged, new NamedLocator([], [], merged), problems, pairs);
        problems.ThrowIfAny();

        var withTie = tie is null ? new DatasetEdit(dataset, WriteEffect.Unchanged) : StoreTie(dataset, tie);
        var effect = created || withTie.Effect == WriteEffect.Created ? WriteEffect.Created
            : updated || withTie.Effect == WriteEffect.Updated ? WriteEffect.Updated
            : WriteEffect.Unchanged;
        if (effect == WriteEffect.Unchanged) return new DatasetEdit(dataset, effect);
        var edited = withTie.Dataset;
        return new DatasetEdit(new Dataset(edited.Nodes, edited.Ties, edited.AttributeColumns, edited.Resolved)
        {
            Proposals = created || updated ? merged : dataset.Proposals,
            StatusHistory = dataset.StatusHistory,
            Contacts = dataset.Contacts,
        }, effect, withTie.TiesRemoved);
    }

    /// <summary>Records a person's employment change, or replaces the change recorded for the same person and day
    /// (keeping its place in the order).</summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="change">The change.</param>
    /// <returns>The edited dataset and Created, Updated or Unchanged.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="DataValidationException">The change breaks a rule of the format (e.g. an unknown person).</exception>
    public static DatasetEdit UpsertStatus(Dataset dataset, StatusChange change)
    {
        Guard.NotNull(dataset);
        Guard.NotNull(change);
        var problems = new ProblemCollector();
        RecordValidator.ValidateLifecycle(dataset.Nodes, [], [change], new NamedLocator(dataset.Nodes, [], null, [change]), problems);
        problems.ThrowIfAny();
        var history = dataset.StatusHistory;
        var at = -1;
        for (var i = 0; i < history.Count && at < 0; i++)
            if (history[i].Person == change.Person && history[i].Date == change.Date) at = i;
        if (at >= 0 && history[at] == change) return new DatasetEdit(dataset, WriteEffect.Unchanged);
        var list = new List<StatusChange>(history.Count + 1);
        list.AddRange(history);
        if (at >= 0) list[at] = change; else list.Add(change);
        return new DatasetEdit(new Dataset(dataset.Nodes, dataset.Ties, dataset.AttributeColumns, dataset.Resolved)
        {
            Proposals = dataset.Proposals,
            StatusHistory = list,
            Contacts = dataset.Contacts,
        }, at >= 0 ? WriteEffect.Updated : WriteEffect.Created);
    }

    /// <summary>Records a coach's meeting with a citizen. Contacts are appended: a contact equal to a stored one (same
    /// coach, citizen, date and channel) is the same meeting and changes nothing.</summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="contact">The contact.</param>
    /// <returns>The edited dataset and Created or Unchanged.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="DataValidationException">The contact breaks a rule of the format (e.g. the coach is not a coach
    /// node).</exception>
    public static DatasetEdit AddContact(Dataset dataset, ContactRecord contact)
    {
        Guard.NotNull(dataset);
        Guard.NotNull(contact);
        var problems = new ProblemCollector();
        RecordValidator.ValidateContacts(dataset.Nodes, [contact], new NamedLocator(dataset.Nodes, [], contacts: [contact]), problems);
        problems.ThrowIfAny();
        foreach (var stored in dataset.Contacts)
            if (stored == contact) return new DatasetEdit(dataset, WriteEffect.Unchanged);
        var list = new List<ContactRecord>(dataset.Contacts.Count + 1);
        list.AddRange(dataset.Contacts);
        list.Add(contact);
        return new DatasetEdit(new Dataset(dataset.Nodes, dataset.Ties, dataset.AttributeColumns, dataset.Resolved)
        {
            Proposals = dataset.Proposals,
            StatusHistory = dataset.StatusHistory,
            Contacts = list,
        }, WriteEffect.Created);
    }

    /// <summary><paramref name="edited"/> with the proposals, employment history and contacts of <paramref name="source"/>:
    /// for edits of nodes and ties, which leave those as they are.</summary>
    private static Dataset Carry(Dataset source, Dataset edited) =>
        source.Proposals.Count == 0 && source.StatusHistory.Count == 0 && source.Contacts.Count == 0
            ? edited
            : new Dataset(edited.Nodes, edited.Ties, edited.AttributeColumns, edited.Resolved)
            {
                Proposals = source.Proposals,
                StatusHistory = source.StatusHistory,
                Contacts = source.Contacts,
            };

    private static int IndexOf(IReadOnlyList<NodeRecord> nodes, string id)
    {
        for (var i = 0; i < nodes.Count; i++) if (nodes[i].Id == id) return i;
        return -1;
    }

    /// <summary>Throws when the new kind of <paramref name="node"/> breaks a proposal or employment change that names it.</summary>
    internal static void CheckLifecycleStillHolds(IReadOnlyList<NodeRecord> nodes, IReadOnlyList<ProposalRecord> proposals,
        IReadOnlyList<StatusChange> history, NodeRecord node)
    {
        var id = node.Id;
        ProposalRecord[] touching = [.. proposals.Where(p => p.Citizen == id || p.Mentor == id || p.ProposedBy == id)];
        StatusChange[] changes = [.. history.Where(c => c.Person == id)];
        if (touching.Length == 0 && changes.Length == 0) return;
        var problems = new ProblemCollector();
        RecordValidator.ValidateLifecycle(nodes, touching, changes, new NamedLocator(nodes, [], touching, changes), problems, checkPending: false);
        if (problems.Count == 0) return;
        var list = problems.Problems;
        throw new GraphStoreConflictException(
            $"Node '{node.Id}' cannot become {Words.A(node.Kind.Name())}: {problems.Count} of its proposals or employment changes would "
            + $"break (first: {list[0].Source}: {list[0].Reason}).", list);
    }

    /// <summary>Throws when the new kind of <paramref name="node"/> breaks a contact that names it.</summary>
    internal static void CheckContactsStillHold(IReadOnlyList<NodeRecord> nodes, IReadOnlyList<ContactRecord> contacts, NodeRecord node)
    {
        var id = node.Id;
        ContactRecord[] touching = [.. contacts.Where(c => c.Coach == id || c.Citizen == id)];
        if (touching.Length == 0) return;
        var problems = new ProblemCollector();
        RecordValidator.ValidateContacts(nodes, touching, new NamedLocator(nodes, [], contacts: touching), problems);
        if (problems.Count == 0) return;
        var list = problems.Problems;
        throw new GraphStoreConflictException(
            $"Node '{node.Id}' cannot become {Words.A(node.Kind.Name())}: {problems.Count} of its contacts would break "
            + $"(first: {list[0].Source}: {list[0].Reason}).", list);
    }

    internal static void CheckTiesStillHold(IReadOnlyList<NodeRecord> nodes, IReadOnlyList<TieRecord> ties, NodeRecord node)
    {
        var touching = ties.Where(t => t.Source == node.Id || t.Target == node.Id).ToArray();
        var problems = new ProblemCollector();
        RecordValidator.Validate(nodes, touching, new NamedLocator(nodes, touching), problems, skipNodes: true);
        if (problems.Count == 0) return;
        var list = problems.Problems;
        throw new GraphStoreConflictException(
            $"Node '{node.Id}' cannot become {Words.A(node.Kind.Name())}: {problems.Count} of its ties would break "
            + $"(first: {list[0].Source}: {list[0].Reason}). Delete or change those ties first.", list);
    }
}
