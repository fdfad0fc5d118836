using SocialCapital.Model;

namespace SocialCapital.Neo4j;

/// <summary>Every Cypher statement the store sends. Statements are built only from these texts (with kind names from
/// fixed lists, never from user data), so linting this list lints everything the store can send.</summary>
/// <remarks>
/// <para>The graph model (see docs/neo4j.md): each node is <c>(:ScNode:&lt;Kind&gt; {id, kind, seq, …})</c> with
/// <c>&lt;Kind&gt;</c> one of <see cref="NodeLabels"/>; each tie is a relationship from its source to its target typed by
/// its kind (<see cref="RelationshipTypes"/>) with <c>seq</c>, <c>strength</c> and optional <c>since</c>/<c>until</c>
/// dates and, for an ended mentoring pairing, <c>outcome</c> and <c>endReason</c>; each proposal is a
/// <c>(:ScProposal {id, seq, citizen, mentor, proposedBy, status, proposed, expires, decided, reason})</c> node and each
/// employment change a <c>(:ScStatus {seq, person, date, employment})</c> node and each coach–citizen contact a
/// <c>(:ScContact {seq, coach, citizen, date, channel})</c> node, naming people by node id (as the
/// interchange format does) rather than by relationships, so a node's delete removes them explicitly; one
/// <c>(:ScMeta {key: 'store'})</c> node holds <c>version</c>, <c>nextSeq</c> and
/// <c>attributeColumns</c> (and <c>nextAuditSeq</c>); each audit entry is a <c>(:ScAudit {seq, time, actor, role, action,
/// targets, outcome})</c> node (time in UTC ticks, targets a list of ids), outside the data (an import or a reset leaves
/// them).</para>
/// <para>Every write transaction starts with <see cref="LockMeta"/>, which sets a property of the meta node and so
/// holds its write lock until the transaction ends: writers queue there and never lose each other's updates.</para>
/// </remarks>
internal static class CypherStatements
{
    /// <summary>The node labels by <see cref="NodeKind"/> (in enumeration order).</summary>
    public static readonly IReadOnlyList<string> NodeLabels = [.. Enum.GetValues<NodeKind>().Select(k => k.ToString())];

    /// <summary>The relationship types by <see cref="TieKind"/> (in enumeration order): the wire names upper-cased.</summary>
    public static readonly IReadOnlyList<string> RelationshipTypes = [.. WireNames.TieKindNames.Select(n => n.ToUpperInvariant())];

    /// <summary>Every relationship type of the store, as a pattern alternative: <c>FRIEND|FAMILY|…</c>.</summary>
    private static readonly string AnyTie = string.Join('|', RelationshipTypes);

    /// <summary>Every kind label, for REMOVE: <c>:Citizen:Mentor:…</c>.</summary>
    private static readonly string AllKindLabels = string.Concat(NodeLabels.Select(l => ":" + l));

    private const string NodeColumns =
        "n.seq AS seq, n.id AS id, n.kind AS kind, n.area AS area, n.employment AS employment, n.ageBand AS ageBand, "
        + "n.sector AS sector, n.ses AS ses, n.languages AS languages, n.skills AS skills, n.goals AS goals, "
        + "n.capacity AS capacity, n.attributes AS attributes, n.hub AS hub, n.specialisms AS specialisms";

    private const string TieColumns =
        "r.seq AS seq, startNode(r).id AS source, endNode(r).id AS target, type(r) AS type, r.strength AS strength, "
        + "r.since AS since, r.until AS until, r.outcome AS outcome, r.endReason AS endReason";

    private const string ProposalColumns =
        "p.seq AS seq, p.id AS id, p.citizen AS citizen, p.mentor AS mentor, p.proposedBy AS proposedBy, p.status AS status, "
        + "p.proposed AS proposed, p.expires AS expires, p.decided AS decided, p.reason AS reason";

    private const string StatusColumns = "s.seq AS seq, s.person AS person, s.date AS date, s.employment AS employment";

    private const string ContactColumns = "c.seq AS seq, c.coach AS coach, c.citizen AS citizen, c.date AS date, c.channel AS channel";

    private const string MetaColumns =
        "m.version AS version, m.nextSeq AS nextSeq, coalesce(m.attributeColumns, []) AS attributeColumns";

    public static readonly CypherStatement CreateIdConstraint = new(
        "create the unique-id constraint",
        "CREATE CONSTRAINT socialcapital_node_id IF NOT EXISTS FOR (n:ScNode) REQUIRE n.id IS UNIQUE",
        []);

    public static readonly CypherStatement CreateMetaConstraint = new(
        "create the unique meta-key constraint",
        "CREATE CONSTRAINT socialcapital_meta_key IF NOT EXISTS FOR (m:ScMeta) REQUIRE m.key IS UNIQUE",
        []);

    public static readonly CypherStatement CreateNodeSeqIndex = new(
        "create the node order index",
        "CREATE INDEX socialcapital_node_seq IF NOT EXISTS FOR (n:ScNode) ON (n.seq)",
        []);

    /// <summary>The tie order index of each relationship type, by <see cref="TieKind"/>.</summary>
    public static readonly IReadOnlyList<CypherStatement> CreateTieSeqIndexes = [.. RelationshipTypes.Select(type => new CypherStatement(
        $"create the {type} order index",
        $"CREATE INDEX socialcapital_{type.ToLowerInvariant()}_seq IF NOT EXISTS FOR ()-[r:{type}]-() ON (r.seq)",
        []))];

    public static readonly CypherStatement EnsureMeta = new(
        "create the meta node when missing",
        "MERGE (m:ScMeta {key: 'store'}) ON CREATE SET m.version = 0, m.nextSeq = 1 RETURN m.version AS version",
        []);

    public static readonly CypherStatement ReadVersion = new(
        "read the version",
        "OPTIONAL MATCH (m:ScMeta {key: 'store'}) RETURN coalesce(m.version, 0) AS version",
        []);

    public static readonly CypherStatement LockMeta = new(
        "lock the meta node and read it",
        "MERGE (m:ScMeta {key: 'store'}) ON CREATE SET m.version = 0, m.nextSeq = 1 SET m.writeLock = true RETURN " + MetaColumns,
        []);

    public static readonly CypherStatement BumpMeta = new(
        "raise the version and record the order counter and attribute columns",
        "MATCH (m:ScMeta {key: 'store'}) SET m.version = m.version + 1, m.nextSeq = $nextSeq, "
        + "m.attributeColumns = $attributeColumns REMOVE m.writeLock RETURN m.version AS version",
        ["nextSeq", "attributeColumns"]);

    public static readonly CypherStatement ResetMeta = new(
        "reset the meta node to an empty store",
        "MATCH (m:ScMeta {key: 'store'}) SET m.version = 0, m.nextSeq = 1, m.attributeColumns = null, m.nextAuditSeq = null REMOVE m.writeLock",
        []);

    public static readonly CypherStatement FindNodes = new(
        "find nodes by id",
        $"MATCH (n:ScNode) WHERE n.id IN $ids RETURN {NodeColumns} ORDER BY n.seq",
        ["ids"]);

    public static readonly CypherStatement TiesOfNode = new(
        "find the ties of a node",
        $"MATCH (:ScNode {{id: $id}})-[r:{AnyTie}]-(:ScNode) RETURN {TieColumns} ORDER BY r.seq",
        ["id"]);

    public static readonly CypherStatement TiesBetween = new(
        "find the ties between two nodes",
        $"MATCH (:ScNode {{id: $source}})-[r:{AnyTie}]-(:ScNode {{id: $target}}) WHERE $type IS NULL OR type(r) = $type "
        + $"RETURN {TieColumns} ORDER BY r.seq",
        ["source", "target", "type"]);

    /// <summary>Creates nodes of one kind from <c>$rows</c> (maps of properties), by <see cref="NodeKind"/>.</summary>
    public static readonly IReadOnlyList<CypherStatement> CreateNodes = [.. NodeLabels.Select(label => new CypherStatement(
        $"create {label} nodes",
        $"UNWIND $rows AS row CREATE (n:ScNode:{label}) SET n = row RETURN count(n) AS created",
        ["rows"]))];

    /// <summary>Replaces a node's kind label and properties, by its new <see cref="NodeKind"/>.</summary>
    public static readonly IReadOnlyList<CypherStatement> ReplaceNode = [.. NodeLabels.Select(label => new CypherStatement(
        $"replace a node, making it a {label}",
        $"MATCH (n:ScNode {{id: $id}}) REMOVE n{AllKindLabels} SET n:{label} SET n = $properties RETURN count(n) AS replaced",
        ["id", "properties"]))];

    public static readonly CypherStatement DeleteNode = new(
        "delete a node and its ties",
        $"MATCH (n:ScNode {{id: $id}}) OPTIONAL MATCH (n)-[r:{AnyTie}]-(:ScNode) WITH n, count(r) AS ties DETACH DELETE n RETURN ties",
        ["id"]);

    /// <summary>Creates ties of one kind from <c>$rows</c> (<c>{source, target, properties}</c>), by <see cref="TieKind"/>.</summary>
    public static readonly IReadOnlyList<CypherStatement> CreateTies = [.. RelationshipTypes.Select(type => new CypherStatement(
        $"create {type} ties",
        $"UNWIND $rows AS row MATCH (a:ScNode {{id: row.source}}) MATCH (b:ScNode {{id: row.target}}) "
        + $"CREATE (a)-[r:{type}]->(b) SET r = row.properties RETURN count(r) AS created",
        ["rows"]))];

    public static readonly CypherStatement DeleteTiesBySeq = new(
        "delete ties between two nodes by their order numbers",
        $"MATCH (:ScNode {{id: $source}})-[r:{AnyTie}]-(:ScNode {{id: $target}}) WHERE r.seq IN $seqs DELETE r",
        ["source", "target", "seqs"]);

    public static readonly CypherStatement DeleteTies = new(
        "delete the ties between two nodes",
        $"MATCH (:ScNode {{id: $source}})-[r:{AnyTie}]-(:ScNode {{id: $target}}) WHERE $type IS NULL OR type(r) = $type "
        + "WITH collect(r) AS found FOREACH (x IN found | DELETE x) RETURN size(found) AS removed",
        ["source", "target", "type"]);

    public static readonly CypherStatement ClearBatch = new(
        "delete a batch of the stored nodes and their ties",
        "MATCH (n:ScNode) WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS deleted",
        ["limit"]);

    public static readonly CypherStatement ExportNodes = new(
        "read a page of nodes in order",
        $"MATCH (n:ScNode) WHERE n.seq > $after RETURN {NodeColumns} ORDER BY n.seq LIMIT $limit",
        ["after", "limit"]);

    public static readonly CypherStatement ExportTies = new(
        "read a page of ties in order",
        $"MATCH (:ScNode)-[r:{AnyTie}]->(:ScNode) WHERE r.seq > $after RETURN {TieColumns} ORDER BY r.seq LIMIT $limit",
        ["after", "limit"]);

    public static readonly CypherStatement CreateProposalIdConstraint = new(
        "create the unique proposal-id constraint",
        "CREATE CONSTRAINT socialcapital_proposal_id IF NOT EXISTS FOR (p:ScProposal) REQUIRE p.id IS UNIQUE",
        []);

    public static readonly CypherStatement CreateProposalPairIndex = new(
        "create the proposal pair index",
        "CREATE INDEX socialcapital_proposal_pair IF NOT EXISTS FOR (p:ScProposal) ON (p.citizen, p.mentor)",
        []);

    public static readonly CypherStatement CreateProposalMentorIndex = new(
        "create the proposal mentor index",
        "CREATE INDEX socialcapital_proposal_mentor IF NOT EXISTS FOR (p:ScProposal) ON (p.mentor)",
        []);

    public static readonly CypherStatement CreateProposalMakerIndex = new(
        "create the proposal maker index",
        "CREATE INDEX socialcapital_proposal_maker IF NOT EXISTS FOR (p:ScProposal) ON (p.proposedBy)",
        []);

    public static readonly CypherStatement CreateStatusIndex = new(
        "create the employment change index",
        "CREATE INDEX socialcapital_status_person IF NOT EXISTS FOR (s:ScStatus) ON (s.person, s.date)",
        []);

    public static readonly CypherStatement CreateContactIndex = new(
        "create the contact index",
        "CREATE INDEX socialcapital_contact_coach IF NOT EXISTS FOR (c:ScContact) ON (c.coach, c.citizen, c.date)",
        []);

    public static readonly CypherStatement ContactsOfNode = new(
        "find the contacts that name a node",
        $"MATCH (c:ScContact) WHERE c.coach = $id OR c.citizen = $id RETURN {ContactColumns} ORDER BY c.seq",
        ["id"]);

    public static readonly CypherStatement FindContact = new(
        "find a contact by its values",
        $"MATCH (c:ScContact {{coach: $coach, citizen: $citizen, date: $date, channel: $channel}}) RETURN {ContactColumns} ORDER BY c.seq LIMIT 1",
        ["coach", "citizen", "date", "channel"]);

    public static readonly CypherStatement CreateContacts = new(
        "create contacts",
        "UNWIND $rows AS row CREATE (c:ScContact) SET c = row RETURN count(c) AS created",
        ["rows"]);

    public static readonly CypherStatement ExportContacts = new(
        "read a page of contacts in order",
        $"MATCH (c:ScContact) WHERE c.seq > $after RETURN {ContactColumns} ORDER BY c.seq LIMIT $limit",
        ["after", "limit"]);

    public static readonly CypherStatement FindProposals = new(
        "find proposals by id",
        $"MATCH (p:ScProposal) WHERE p.id IN $ids RETURN {ProposalColumns} ORDER BY p.seq",
        ["ids"]);

    public static readonly CypherStatement FindPendingProposals = new(
        "find the undecided proposals of citizen and mentor pairs",
        $"UNWIND $pairs AS pair MATCH (p:ScProposal {{citizen: pair.citizen, mentor: pair.mentor, status: 'proposed'}}) "
        + $"RETURN {ProposalColumns} ORDER BY p.seq",
        ["pairs"]);

    public static readonly CypherStatement ProposalsOfNode = new(
        "find the proposals that name a node",
        $"MATCH (p:ScProposal) WHERE p.citizen = $id OR p.mentor = $id OR p.proposedBy = $id RETURN {ProposalColumns} ORDER BY p.seq",
        ["id"]);

    public static readonly CypherStatement CreateProposals = new(
        "create proposals",
        "UNWIND $rows AS row CREATE (p:ScProposal) SET p = row RETURN count(p) AS created",
        ["rows"]);

    public static readonly CypherStatement ReplaceProposal = new(
        "replace a proposal",
        "MATCH (p:ScProposal {id: $id}) SET p = $properties RETURN count(p) AS replaced",
        ["id", "properties"]);

    public static readonly CypherStatement StatusOfPerson = new(
        "find the employment changes of a person",
        $"MATCH (s:ScStatus {{person: $person}}) WHERE $date IS NULL OR s.date = $date RETURN {StatusColumns} ORDER BY s.seq",
        ["person", "date"]);

    public static readonly CypherStatement CreateStatus = new(
        "create employment changes",
        "UNWIND $rows AS row CREATE (s:ScStatus) SET s = row RETURN count(s) AS created",
        ["rows"]);

    public static readonly CypherStatement ReplaceStatus = new(
        "replace an employment change",
        "MATCH (s:ScStatus {person: $person, date: $date}) SET s.employment = $employment RETURN count(s) AS replaced",
        ["person", "date", "employment"]);

    /// <summary>After a node's delete: clears it as the maker of proposals, and deletes the proposals it is the citizen
    /// or mentor of, its employment changes and its contacts (as coach or citizen) (one request).</summary>
    public static readonly CypherStatement DeleteLifecycleOfNode = new(
        "delete a node's proposals, employment changes and contacts",
        "OPTIONAL MATCH (m:ScProposal {proposedBy: $id}) REMOVE m.proposedBy "
        + "WITH count(m) AS cleared "
        + "OPTIONAL MATCH (p:ScProposal) WHERE p.citizen = $id OR p.mentor = $id DELETE p "
        + "WITH cleared, count(p) AS proposals "
        + "OPTIONAL MATCH (s:ScStatus {person: $id}) DELETE s "
        + "WITH cleared, proposals, count(s) AS changes "
        + "OPTIONAL MATCH (c:ScContact) WHERE c.coach = $id OR c.citizen = $id DELETE c "
        + "RETURN cleared, proposals, changes, count(c) AS contacts",
        ["id"]);

    public static readonly CypherStatement ClearLifecycleBatch = new(
        "delete a batch of the stored proposals, employment changes and contacts",
        "MATCH (x) WHERE x:ScProposal OR x:ScStatus OR x:ScContact WITH x LIMIT $limit DELETE x RETURN count(*) AS deleted",
        ["limit"]);

    public static readonly CypherStatement ExportProposals = new(
        "read a page of proposals in order",
        $"MATCH (p:ScProposal) WHERE p.seq > $after RETURN {ProposalColumns} ORDER BY p.seq LIMIT $limit",
        ["after", "limit"]);

    public static readonly CypherStatement ExportStatus = new(
        "read a page of employment changes in order",
        $"MATCH (s:ScStatus) WHERE s.seq > $after RETURN {StatusColumns} ORDER BY s.seq LIMIT $limit",
        ["after", "limit"]);

    public static readonly CypherStatement CreateAuditTimeIndex = new(
        "create the audit time index",
        "CREATE INDEX socialcapital_audit_time IF NOT EXISTS FOR (a:ScAudit) ON (a.time)",
        []);

    public static readonly CypherStatement CreateAuditActorIndex = new(
        "create the audit actor index",
        "CREATE INDEX socialcapital_audit_actor IF NOT EXISTS FOR (a:ScAudit) ON (a.actor)",
        []);

    /// <summary>Appends audit entries from <c>$rows</c> (<c>{time, actor, role, action, targets, outcome}</c>), numbering
    /// them from the meta node's <c>nextAuditSeq</c> (which orders entries of the same time). Releases the meta lock a
    /// write took, as <see cref="BumpMeta"/> does, for a write that commits only its entry.</summary>
    public static readonly CypherStatement AppendAudit = new(
        "append audit entries",
        "MERGE (m:ScMeta {key: 'store'}) ON CREATE SET m.version = 0, m.nextSeq = 1 "
        + "WITH m, coalesce(m.nextAuditSeq, 1) AS first SET m.nextAuditSeq = first + size($rows) REMOVE m.writeLock "
        + "WITH first UNWIND range(0, size($rows) - 1) AS i WITH first + i AS seq, $rows[i] AS row "
        + "CREATE (a:ScAudit {seq: seq, time: row.time, actor: row.actor, role: row.role, action: row.action, "
        + "targets: row.targets, outcome: row.outcome}) RETURN count(a) AS created",
        ["rows"]);

    private const string AuditFilter =
        "($actor IS NULL OR a.actor = $actor) AND ($target IS NULL OR $target IN a.targets) "
        + "AND ($from IS NULL OR a.time >= $from) AND ($to IS NULL OR a.time < $to)";

    public static readonly CypherStatement CountAudit = new(
        "count matching audit entries",
        $"MATCH (a:ScAudit) WHERE {AuditFilter} RETURN count(a) AS total",
        ["actor", "target", "from", "to"]);

    public static readonly CypherStatement QueryAudit = new(
        "read a page of matching audit entries, newest first",
        $"MATCH (a:ScAudit) WHERE {AuditFilter} RETURN a.time AS time, a.actor AS actor, a.role AS role, a.action AS action, "
        + "a.targets AS targets, a.outcome AS outcome ORDER BY a.time DESC, a.seq DESC SKIP $skip LIMIT $limit",
        ["actor", "target", "from", "to", "skip", "limit"]);

    public static readonly CypherStatement PurgeAudit = new(
        "delete the audit entries older than a time",
        "MATCH (a:ScAudit) WHERE a.time < $before WITH collect(a) AS old FOREACH (x IN old | DELETE x) RETURN size(old) AS deleted",
        ["before"]);

    public static readonly CypherStatement ClearAuditBatch = new(
        "delete a batch of the audit entries",
        "MATCH (a:ScAudit) WITH a LIMIT $limit DELETE a RETURN count(*) AS deleted",
        ["limit"]);

    public static readonly CypherStatement PseudonymiseAudit = new(
        "replace an id by a pseudonym in the audit",
        "MATCH (a:ScAudit) WHERE a.actor = $id OR $id IN a.targets "
        + "SET a.actor = CASE WHEN a.actor = $id THEN $pseudonym ELSE a.actor END, "
        + "a.targets = [t IN a.targets | CASE WHEN t = $id THEN $pseudonym ELSE t END]",
        ["id", "pseudonym"]);

    /// <summary>All statements, for linting.</summary>
    public static IReadOnlyList<CypherStatement> All { get; } =
    [
        CreateIdConstraint, CreateMetaConstraint, CreateNodeSeqIndex, .. CreateTieSeqIndexes,
        EnsureMeta, ReadVersion, LockMeta, BumpMeta, ResetMeta,
        FindNodes, TiesOfNode, TiesBetween, .. CreateNodes, .. ReplaceNode, DeleteNode,
        .. CreateTies, DeleteTiesBySeq, DeleteTies, ClearBatch, ExportNodes, ExportTies,
        CreateProposalIdConstraint, CreateProposalPairIndex, CreateProposalMentorIndex, CreateProposalMakerIndex, CreateStatusIndex,
        FindProposals, FindPendingProposals, ProposalsOfNode, CreateProposals, ReplaceProposal, StatusOfPerson, CreateStatus, ReplaceStatus,
        DeleteLifecycleOfNode, ClearLifecycleBatch, ExportProposals, ExportStatus,
        CreateContactIndex, ContactsOfNode, FindContact, CreateContacts, ExportContacts,
        CreateAuditTimeIndex, CreateAuditActorIndex, AppendAudit, CountAudit, QueryAudit, PurgeAudit, ClearAuditBatch, PseudonymiseAudit,
    ];
}
