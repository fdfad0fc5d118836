using System.Text.Json;
using SocialCapital.Model;

namespace SocialCapital.Neo4j;

/// <summary>How node, tie, proposal, employment change and contact records map to Neo4j properties (parameter maps going in, typed rows coming out).</summary>
/// <remarks>Unknown values are absent properties (Neo4j stores no nulls); lists are string lists; <c>ses</c> and
/// <c>strength</c> are floats, <c>capacity</c> and <c>seq</c> integers, <c>since</c>/<c>until</c> dates. A node's
/// extra attributes are one string property <c>attributes</c> holding a JSON object (keys in ordinal order), so any
/// column name survives without clashing with the standard properties.</remarks>
internal static class RecordProperties
{
    public static Dictionary<string, object?> Node(NodeRecord node, long seq)
    {
        var properties = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["id"] = node.Id,
            ["kind"] = Defined(node.Kind).Name(),
            ["seq"] = seq,
        };
        if (node.Area is not null) properties["area"] = node.Area;
        if (node.Employment != Employment.Unknown) properties["employment"] = Defined(node.Employment).Name();
        if (node.AgeBand != AgeBand.Unknown) properties["ageBand"] = Defined(node.AgeBand).Name();
        if (node.Sector is not null) properties["sector"] = node.Sector;
        if (node.Ses is { } ses) properties["ses"] = ses;
        if (node.Languages.Count > 0) properties["languages"] = node.Languages;
        if (node.Skills.Count > 0) properties["skills"] = node.Skills;
        if (node.Goals.Count > 0) properties["goals"] = node.Goals;
        if (node.Capacity is { } capacity) properties["capacity"] = (long)capacity;
        if (node.Hub is not null) properties["hub"] = node.Hub;
        if (node.Specialisms.Count > 0) properties["specialisms"] = node.Specialisms;
        if (node.Attributes.Count > 0)
        {
            var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in node.Attributes) sorted[key] = value;
            properties["attributes"] = JsonSerializer.Serialize(sorted);
        }
        return properties;
    }

    /// <summary>A row for <see cref="CypherStatements.CreateTies"/>: <c>{source, target, properties}</c>.</summary>
    public static Dictionary<string, object?> TieRow(TieRecord tie, long seq)
    {
        var properties = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["seq"] = seq,
            ["strength"] = tie.Strength,
        };
        if (tie.Since is { } since) properties["since"] = since;
        if (tie.Until is { } until) properties["until"] = until;
        if (tie.Outcome is { } outcome) properties["outcome"] = Defined(outcome).Name();
        if (tie.EndReason is { } reason) properties["endReason"] = reason;
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["source"] = tie.Source,
            ["target"] = tie.Target,
            ["properties"] = properties,
        };
    }

    /// <summary>A proposal's properties (a row for <see cref="CypherStatements.CreateProposals"/>).</summary>
    public static Dictionary<string, object?> Proposal(ProposalRecord proposal, long seq)
    {
        var properties = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["id"] = proposal.Id,
            ["seq"] = seq,
            ["citizen"] = proposal.Citizen,
            ["mentor"] = proposal.Mentor,
            ["status"] = Defined(proposal.Status).Name(),
            ["proposed"] = proposal.Proposed,
            ["expires"] = proposal.Expires,
        };
        if (proposal.ProposedBy is not null) properties["proposedBy"] = proposal.ProposedBy;
        if (proposal.Decided is { } decided) properties["decided"] = decided;
        if (proposal.Reason is not null) properties["reason"] = proposal.Reason;
        return properties;
    }

    /// <summary>An employment change's properties (a row for <see cref="CypherStatements.CreateStatus"/>).</summary>
    public static Dictionary<string, object?> Status(StatusChange change, long seq) => new(StringComparer.Ordinal)
    {
        ["seq"] = seq,
        ["person"] = change.Person,
        ["date"] = change.Date,
        ["employment"] = Defined(change.Employment).Name(),
    };

    /// <summary>A contact's properties (a row for <see cref="CypherStatements.CreateContacts"/>).</summary>
    public static Dictionary<string, object?> Contact(ContactRecord contact, long seq) => new(StringComparer.Ordinal)
    {
        ["seq"] = seq,
        ["coach"] = contact.Coach,
        ["citizen"] = contact.Citizen,
        ["date"] = contact.Date,
        ["channel"] = (contact.Channel <= ContactChannel.Message ? contact.Channel
            : throw new ArgumentOutOfRangeException(nameof(contact), contact.Channel, "not a defined value")).Name(),
    };

    /// <summary>Reads the contacts of a result with the contact columns of <see cref="CypherStatements"/>.</summary>
    public static IEnumerable<(long Seq, ContactRecord Contact)> Contacts(QueryResult result, Dictionary<string, string>? ids = null)
    {
        if (result.Count == 0) yield break;
        int seq = result.Field("seq"), coach = result.Field("coach"), citizen = result.Field("citizen"), date = result.Field("date"),
            channel = result.Field("channel");
        foreach (var row in result.Rows)
        {
            var channelName = TypedJson.String(row[channel]) ?? "";
            if (!WireNames.TryParseContactChannel(channelName, out var how)) throw Corrupt("contact channel", channelName);
            var contact = new ContactRecord(Id(TypedJson.String(row[coach]), ids), Id(TypedJson.String(row[citizen]), ids),
                TypedJson.Date(row[date]) ?? throw Corrupt("contact date", "null"), how);
            yield return (TypedJson.Integer(row[seq]) ?? throw Corrupt("order number", "null"), contact);
        }
    }

    /// <summary>Reads the proposals of a result with the proposal columns of <see cref="CypherStatements"/>.</summary>
    public static IEnumerable<(long Seq, ProposalRecord Proposal)> Proposals(QueryResult result, Dictionary<string, string>? ids = null)
    {
        if (result.Count == 0) yield break;
        int seq = result.Field("seq"), id = result.Field("id"), citizen = result.Field("citizen"), mentor = result.Field("mentor"),
            proposedBy = result.Field("proposedBy"), status = result.Field("status"), proposed = result.Field("proposed"),
            expires = result.Field("expires"), decided = result.Field("decided"), reason = result.Field("reason");
        foreach (var row in result.Rows)
        {
            var statusName = TypedJson.String(row[status]) ?? "";
            if (!WireNames.TryParseProposalStatus(statusName, out var proposalStatus)) throw Corrupt("proposal status", statusName);
            var maker = TypedJson.String(row[proposedBy]);
            var proposal = new ProposalRecord(TypedJson.String(row[id]) ?? throw Corrupt("proposal id", "null"),
                Id(TypedJson.String(row[citizen]), ids), Id(TypedJson.String(row[mentor]), ids),
                TypedJson.Date(row[proposed]) ?? throw Corrupt("proposal date", "null"),
                TypedJson.Date(row[expires]) ?? throw Corrupt("expiry date", "null"))
            {
                ProposedBy = maker is null ? null : Id(maker, ids),
                Status = proposalStatus,
                Decided = TypedJson.Date(row[decided]),
                Reason = TypedJson.String(row[reason]),
            };
            yield return (TypedJson.Integer(row[seq]) ?? throw Corrupt("order number", "null"), proposal);
        }
    }

    /// <summary>Reads the employment changes of a result with the change columns of <see cref="CypherStatements"/>.</summary>
    public static IEnumerable<(long Seq, StatusChange Change)> Statuses(QueryResult result, Dictionary<string, string>? ids = null)
    {
        if (result.Count == 0) yield break;
        int seq = result.Field("seq"), person = result.Field("person"), date = result.Field("date"), employment = result.Field("employment");
        foreach (var row in result.Rows)
        {
            var employmentName = TypedJson.String(row[employment]) ?? "";
            if (!WireNames.TryParseEmployment(employmentName, out var status) || status == Employment.Unknown)
                throw Corrupt("employment", employmentName);
            var change = new StatusChange(Id(TypedJson.String(row[person]), ids), TypedJson.Date(row[date]) ?? throw Corrupt("status date", "null"), status);
            yield return (TypedJson.Integer(row[seq]) ?? throw Corrupt("order number", "null"), change);
        }
    }

    public static string RelationshipType(TieKind kind) => CypherStatements.RelationshipTypes[(int)Defined(kind)];

    public static bool IsDefined(TieKind kind) => kind <= TieKind.Employment;

    /// <summary>Reads the nodes of a result with the node columns of <see cref="CypherStatements"/>.</summary>
    public static IEnumerable<(long Seq, NodeRecord Node)> Nodes(QueryResult result)
    {
        if (result.Count == 0) yield break;
        int seq = result.Field("seq"), id = result.Field("id"), kind = result.Field("kind"), area = result.Field("area"),
            employment = result.Field("employment"), ageBand = result.Field("ageBand"), sector = result.Field("sector"),
            ses = result.Field("ses"), languages = result.Field("languages"), skills = result.Field("skills"),
            goals = result.Field("goals"), capacity = result.Field("capacity"), attributes = result.Field("attributes"),
            hub = result.Field("hub"), specialisms = result.Field("specialisms");
        foreach (var row in result.Rows)
        {
            var kindName = TypedJson.String(row[kind]) ?? "";
            if (!WireNames.TryParseNodeKind(kindName, out var nodeKind)) throw Corrupt("node kind", kindName);
            var employmentName = TypedJson.String(row[employment]) ?? "";
            if (!WireNames.TryParseEmployment(employmentName, out var work)) throw Corrupt("employment", employmentName);
            var ageName = TypedJson.String(row[ageBand]) ?? "";
            if (!WireNames.TryParseAgeBand(ageName, out var age)) throw Corrupt("age band", ageName);
            var node = new NodeRecord(TypedJson.String(row[id]) ?? throw Corrupt("node id", "null"), nodeKind)
            {
                Area = TypedJson.String(row[area]),
                Employment = work,
                AgeBand = age,
                Sector = TypedJson.String(row[sector]),
                Ses = TypedJson.Float(row[ses]),
                Languages = TypedJson.StringList(row[languages]),
                Skills = TypedJson.StringList(row[skills]),
                Goals = TypedJson.StringList(row[goals]),
                Capacity = TypedJson.Integer(row[capacity]) is { } c ? checked((int)c) : null,
                Hub = TypedJson.String(row[hub]),
                Specialisms = TypedJson.StringList(row[specialisms]),
            };
            if (TypedJson.String(row[attributes]) is { } json) node = node with { Attributes = Attributes(json) };
            yield return (TypedJson.Integer(row[seq]) ?? throw Corrupt("order number", "null"), node);
        }
    }

    /// <summary>Reads the ties of a result with the tie columns of <see cref="CypherStatements"/>; ids already known are
    /// shared through <paramref name="ids"/> (when given), so a large export holds each id once.</summary>
    public static IEnumerable<(long Seq, TieRecord Tie)> Ties(QueryResult result, Dictionary<string, string>? ids = null)
    {
        if (result.Count == 0) yield break;
        int seq = result.Field("seq"), source = result.Field("source"), target = result.Field("target"), type = result.Field("type"),
            strength = result.Field("strength"), since = result.Field("since"), until = result.Field("until"),
            outcome = result.Field("outcome"), endReason = result.Field("endReason");
        foreach (var row in result.Rows)
        {
            var typeName = TypedJson.String(row[type]) ?? "";
            var index = IndexOf(CypherStatements.RelationshipTypes, typeName);
            if (index < 0) throw Corrupt("relationship type", typeName);
            var tie = new TieRecord(Id(TypedJson.String(row[source]), ids), Id(TypedJson.String(row[target]), ids), (TieKind)index)
            {
                Strength = TypedJson.Float(row[strength]) ?? 1,
                Since = TypedJson.Date(row[since]),
                Until = TypedJson.Date(row[until]),
                Outcome = TypedJson.String(row[outcome]) is { } outcomeName
                    ? WireNames.TryParsePairingOutcome(outcomeName, out var ending) ? ending : throw Corrupt("pairing outcome", outcomeName)
                    : null,
                EndReason = TypedJson.String(row[endReason]),
            };
            yield return (TypedJson.Integer(row[seq]) ?? throw Corrupt("order number", "null"), tie);
        }
    }

    private static string Id(string? id, Dictionary<string, string>? ids)
    {
        if (id is null) throw Corrupt("node reference", "null");
        return ids is not null && ids.TryGetValue(id, out var shared) ? shared : id;
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++) if (list[i] == value) return i;
        return -1;
    }

    private static Dictionary<string, string> Attributes(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(json) is { } map
                ? new Dictionary<string, string>(map, StringComparer.Ordinal)
                : throw Corrupt("attributes value", "null");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Neo4j holds node attributes that are not a JSON object of strings: {e.Message}", e);
        }
    }

    private static T Defined<T>(T value) where T : struct, Enum =>
        Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(typeof(T).Name, value, $"{value} is not a defined {typeof(T).Name} value.");

    private static InvalidDataException Corrupt(string what, string value) =>
        new($"Neo4j holds a {what} this store does not know: '{value}'. It was written by another program or a newer release.");
}
