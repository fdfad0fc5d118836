using System.Text.Json;
using SocialCapital.Interchange;
using SocialCapital.Model;

namespace SocialCapital.Postgres;

/// <summary>How node, tie, proposal, employment change and contact records map to table rows (see
/// <see cref="PostgresSchema"/>): the column lists, the writers that fill them in that order and the readers back.</summary>
internal static class PostgresRows
{
    public const string NodeColumnList =
        "id, kind, area, employment, age_band, sector, ses, languages, skills, goals, capacity, attributes, hub, specialisms";

    public const int NodeCount = 14;

    public const string TieColumnList = "source, target, kind, strength, since, until, outcome, end_reason";

    public const int TieCount = 8;

    public const string ProposalColumnList = "id, citizen, mentor, proposed_by, status, proposed, expires, decided, reason";

    public const int ProposalCount = 9;

    public const string StatusColumnList = "person, date, employment";

    public const int StatusCount = 3;

    public const string ContactColumnList = "coach, citizen, date, channel";

    public const int ContactCount = 4;

    /// <summary><c>$first</c>, …, <c>$(first + count - 1)</c>, comma-separated.</summary>
    public static string Placeholders(int count, int first = 1) => string.Join(", ", Enumerable.Range(first, count).Select(i => $"${i}"));

    /// <summary>The SET list that writes <paramref name="columns"/> from <c>$first</c> on.</summary>
    public static string Assignments(string columns, int first = 1) =>
        string.Join(", ", columns.Split(", ").Select((column, i) => $"{column} = ${first + i}"));

    /// <exception cref="ArgumentOutOfRangeException">An enumeration value is not defined (it has no wire name).</exception>
    public static void WriteNode(RowWriter row, NodeRecord node)
    {
        row.Text(node.Id);
        row.Text(node.Kind <= NodeKind.PeerGroup ? node.Kind.Name() : throw Undefined(node.Kind));
        row.Text(node.Area);
        row.Text(node.Employment switch
        {
            Employment.Unknown => null,
            <= Employment.Retired => node.Employment.Name(),
            _ => throw Undefined(node.Employment),
        });
        row.Text(node.AgeBand switch
        {
            AgeBand.Unknown => null,
            <= AgeBand.Age65Plus => node.AgeBand.Name(),
            _ => throw Undefined(node.AgeBand),
        });
        row.Text(node.Sector);
        row.Double(node.Ses);
        row.Texts(node.Languages);
        row.Texts(node.Skills);
        row.Texts(node.Goals);
        row.Int(node.Capacity);
        row.Json(AttributesJson(node.Attributes));
        row.Text(node.Hub);
        row.Texts(node.Specialisms);
    }

    /// <exception cref="InvalidDataException">A stored value is not one this code writes.</exception>
    public static NodeRecord ReadNode(RowReader row, string where)
    {
        var id = row.Text() ?? throw Corrupt(where, "node id", "NULL");
        var kindName = row.Text() ?? "";
        if (!WireNames.TryParseNodeKind(kindName, out var kind)) throw Corrupt(where, "node kind", kindName);
        var area = row.Text();
        var employmentName = row.Text() ?? "";
        if (!WireNames.TryParseEmployment(employmentName, out var employment)) throw Corrupt(where, "employment", employmentName);
        var ageName = row.Text() ?? "";
        if (!WireNames.TryParseAgeBand(ageName, out var age)) throw Corrupt(where, "age band", ageName);
        var node = new NodeRecord(id, kind)
        {
            Area = area,
            Employment = employment,
            AgeBand = age,
            Sector = row.Text(),
            Ses = row.Double(),
            Languages = row.Texts() ?? [],
            Skills = row.Texts() ?? [],
            Goals = row.Texts() ?? [],
            Capacity = row.Int(),
        };
        var attributes = row.Json();
        node = node with { Hub = row.Text(), Specialisms = row.Texts() ?? [] };
        return attributes is null ? node : node with { Attributes = Attributes(attributes, where) };
    }

    /// <exception cref="ArgumentOutOfRangeException">The kind or outcome is not defined (it has no wire name).</exception>
    public static void WriteTie(RowWriter row, TieRecord tie)
    {
        row.Text(tie.Source);
        row.Text(tie.Target);
        row.Text(TieKindName(tie.Kind) ?? throw Undefined(tie.Kind));
        row.Double(tie.Strength);
        row.Date(tie.Since);
        row.Date(tie.Until);
        row.Text(tie.Outcome switch
        {
            null => null,
            <= PairingOutcome.EndedEarly => tie.Outcome.Value.Name(),
            _ => throw Undefined(tie.Outcome.Value),
        });
        row.Text(tie.EndReason);
    }

    /// <summary>Reads a tie; its ends are taken from <paramref name="ids"/> when there, so a large export shares one
    /// string per id.</summary>
    /// <exception cref="InvalidDataException">A stored value is not one this code writes.</exception>
    public static TieRecord ReadTie(RowReader row, NodeIds ids, string where)
    {
        var source = ids.Get(row.Text() ?? throw Corrupt(where, "tie end", "NULL"));
        var target = ids.Get(row.Text() ?? throw Corrupt(where, "tie end", "NULL"));
        var kindName = row.Text() ?? "";
        if (!WireNames.TryParseTieKind(kindName, out var kind)) throw Corrupt(where, "tie kind", kindName);
        return new TieRecord(source, target, kind)
        {
            Strength = row.Double() ?? throw Corrupt(where, "tie strength", "NULL"),
            Since = row.Date(),
            Until = row.Date(),
            Outcome = row.Text() is { } outcome ? ReadOutcome(outcome, where) : null,
            EndReason = row.Text(),
        };
    }

    /// <exception cref="ArgumentOutOfRangeException">The status is not defined (it has no wire name).</exception>
    public static void WriteProposal(RowWriter row, ProposalRecord proposal)
    {
        row.Text(proposal.Id);
        row.Text(proposal.Citizen);
        row.Text(proposal.Mentor);
        row.Text(proposal.ProposedBy);
        row.Text(proposal.Status <= ProposalStatus.Withdrawn ? proposal.Status.Name() : throw Undefined(proposal.Status));
        row.Date(proposal.Proposed);
        row.Date(proposal.Expires);
        row.Date(proposal.Decided);
        row.Text(proposal.Reason);
    }

    /// <exception cref="InvalidDataException">A stored value is not one this code writes.</exception>
    public static ProposalRecord ReadProposal(RowReader row, NodeIds ids, string where)
    {
        var id = row.Text() ?? throw Corrupt(where, "proposal id", "NULL");
        var citizen = ids.Get(row.Text() ?? throw Corrupt(where, "proposal citizen", "NULL"));
        var mentor = ids.Get(row.Text() ?? throw Corrupt(where, "proposal mentor", "NULL"));
        var proposedBy = row.Text() is { } by ? ids.Get(by) : null;
        var statusName = row.Text() ?? "";
        if (!WireNames.TryParseProposalStatus(statusName, out var status)) throw Corrupt(where, "proposal status", statusName);
        return new ProposalRecord(id, citizen, mentor, row.Date() ?? throw Corrupt(where, "proposal date", "NULL"),
            row.Date() ?? throw Corrupt(where, "expiry date", "NULL"))
        {
            ProposedBy = proposedBy,
            Status = status,
            Decided = row.Date(),
            Reason = row.Text(),
        };
    }

    /// <exception cref="ArgumentOutOfRangeException">The employment is unknown or not defined.</exception>
    public static void WriteStatus(RowWriter row, StatusChange change)
    {
        row.Text(change.Person);
        row.Date(change.Date);
        row.Text(change.Employment is > Employment.Unknown and <= Employment.Retired ? change.Employment.Name() : throw Undefined(change.Employment));
    }

    /// <exception cref="InvalidDataException">A stored value is not one this code writes.</exception>
    public static StatusChange ReadStatus(RowReader row, NodeIds ids, string where)
    {
        var person = ids.Get(row.Text() ?? throw Corrupt(where, "status person", "NULL"));
        var date = row.Date() ?? throw Corrupt(where, "status date", "NULL");
        var employmentName = row.Text() ?? "";
        if (!WireNames.TryParseEmployment(employmentName, out var employment) || employment == Employment.Unknown)
            throw Corrupt(where, "employment", employmentName);
        return new StatusChange(person, date, employment);
    }

    /// <exception cref="ArgumentOutOfRangeException">The channel is not defined (it has no wire name).</exception>
    public static void WriteContact(RowWriter row, ContactRecord contact)
    {
        row.Text(contact.Coach);
        row.Text(contact.Citizen);
        row.Date(contact.Date);
        row.Text(contact.Channel <= ContactChannel.Message ? contact.Channel.Name() : throw Undefined(contact.Channel));
    }

    /// <exception cref="InvalidDataException">A stored value is not one this code writes.</exception>
    public static ContactRecord ReadContact(RowReader row, NodeIds ids, string where)
    {
        var coach = ids.Get(row.Text() ?? throw Corrupt(where, "contact coach", "NULL"));
        var citizen = ids.Get(row.Text() ?? throw Corrupt(where, "contact citizen", "NULL"));
        var date = row.Date() ?? throw Corrupt(where, "contact date", "NULL");
        var channelName = row.Text() ?? "";
        if (!WireNames.TryParseContactChannel(channelName, out var channel)) throw Corrupt(where, "contact channel", channelName);
        return new ContactRecord(coach, citizen, date, channel);
    }

    /// <summary>The stored name of a tie kind, or <see langword="null"/> for a value outside the enumeration (which no
    /// stored tie has).</summary>
    public static string? TieKindName(TieKind kind) => kind <= TieKind.Employment ? kind.Name() : null;

    private static PairingOutcome ReadOutcome(string name, string where) =>
        WireNames.TryParsePairingOutcome(name, out var outcome) ? outcome : throw Corrupt(where, "pairing outcome", name);

    private static string? AttributesJson(IReadOnlyDictionary<string, string> attributes) =>
        attributes.Count == 0 ? null : JsonSerializer.Serialize(attributes);

    private static Dictionary<string, string> Attributes(string json, string where)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(json) is { } map
                ? new Dictionary<string, string>(map, StringComparer.Ordinal)
                : throw Corrupt(where, "attributes value", "null");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The store at {where} holds node attributes that are not a JSON object of strings: {e.Message}", e);
        }
    }

    private static ArgumentOutOfRangeException Undefined<T>(T value) where T : struct, Enum =>
        new(typeof(T).Name, value, $"{value} is not a defined {typeof(T).Name} value.");

    public static InvalidDataException Corrupt(string where, string what, string value) =>
        new($"The store at {where} holds a {what} this code does not know: '{value}'. It was written by another program or a newer release.");
}

/// <summary>The node ids already read, so references (a proposal's citizen, a contact's coach, …) resolve to the
/// nodes' own id strings: an export of millions of records then holds each id once.</summary>
internal sealed class NodeIds(IReadOnlyList<NodeRecord> nodes, IdTable positions)
{
    /// <summary>No ids: every reference is kept as read (for reads of a few records).</summary>
    public static readonly NodeIds None = new([], new IdTable([]));

    /// <summary>Where each node is, by id; looks up UTF-8 bytes too (ties are read as bytes).</summary>
    public IdTable Positions => positions;

    public string Get(string id) => positions.Find(id) is >= 0 and var at ? nodes[at].Id : id;
}
