using System.Globalization;
using System.Text;
using System.Text.Json;
using SocialCapital.Model;

namespace SocialCapital.Sqlite;

/// <summary>How node, tie, proposal, employment change and contact records map to table rows (see <see cref="SqliteSchema"/> for the storage choices):
/// the column lists, the numbered parameters they bind to, and the readers back.</summary>
internal static class RecordRows
{
    /// <summary>The node columns, bound to <c>?1</c>…<c>?14</c> by <see cref="BindNode"/> and read in this order by
    /// <see cref="ReadNode"/>.</summary>
    public const string NodeColumns =
        "id, kind, area, employment, age_band, sector, ses, languages, skills, goals, capacity, attributes, hub, specialisms";

    /// <summary>The node parameters, matching <see cref="NodeColumns"/>.</summary>
    public const string NodeValues = "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14";

    /// <summary>The SET list that writes every node column but the id (<c>?1</c>).</summary>
    public const string NodeAssignments =
        "kind = ?2, area = ?3, employment = ?4, age_band = ?5, sector = ?6, ses = ?7, languages = ?8, skills = ?9, goals = ?10, "
        + "capacity = ?11, attributes = ?12, hub = ?13, specialisms = ?14";

    /// <summary>The contact columns, bound to <c>?1</c>…<c>?4</c> by <see cref="BindContact"/> and read in this order by
    /// <see cref="ReadContact"/>.</summary>
    public const string ContactColumns = "coach, citizen, date, channel";

    /// <summary>The tie columns, bound to <c>?1</c>…<c>?8</c> by <see cref="BindTie"/> and read in this order by
    /// <see cref="ReadTie"/>.</summary>
    public const string TieColumns = "source, target, kind, strength, since, until, outcome, end_reason";

    /// <summary>The tie parameters, matching <see cref="TieColumns"/>.</summary>
    public const string TieValues = "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8";

    /// <summary>The SET list that writes every tie column.</summary>
    public const string TieAssignments =
        "source = ?1, target = ?2, kind = ?3, strength = ?4, since = ?5, until = ?6, outcome = ?7, end_reason = ?8";

    /// <summary>The proposal columns, bound to <c>?1</c>…<c>?9</c> by <see cref="BindProposal"/> and read in this order by
    /// <see cref="ReadProposal"/>.</summary>
    public const string ProposalColumns = "id, citizen, mentor, proposed_by, status, proposed, expires, decided, reason";

    /// <summary>The proposal parameters, matching <see cref="ProposalColumns"/>.</summary>
    public const string ProposalValues = "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9";

    /// <summary>The SET list that writes every proposal column.</summary>
    public const string ProposalAssignments =
        "id = ?1, citizen = ?2, mentor = ?3, proposed_by = ?4, status = ?5, proposed = ?6, expires = ?7, decided = ?8, reason = ?9";

    /// <summary>The employment change columns, bound to <c>?1</c>…<c>?3</c> by <see cref="BindStatus"/> and read in this
    /// order by <see cref="ReadStatus"/>.</summary>
    public const string StatusColumns = "person, date, employment";

    private const char ListSeparator = ';';
    private const string DateFormat = "yyyy-MM-dd";
    private static readonly byte[][] TieKindsUtf8 = [.. WireNames.TieKindNames.Select(Encoding.UTF8.GetBytes)];

    /// <summary>Binds a node to <c>?1</c>…<c>?14</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An enumeration value is not defined (it has no wire name).</exception>
    public static void BindNode(RawStatement statement, NodeRecord node)
    {
        statement.Bind(1, node.Id);
        statement.Bind(2, node.Kind <= NodeKind.PeerGroup ? node.Kind.Name() : throw Undefined(node.Kind));
        statement.Bind(3, node.Area);
        statement.Bind(4, node.Employment switch
        {
            Employment.Unknown => null,
            <= Employment.Retired => node.Employment.Name(),
            _ => throw Undefined(node.Employment),
        });
        statement.Bind(5, node.AgeBand switch
        {
            AgeBand.Unknown => null,
            <= AgeBand.Age65Plus => node.AgeBand.Name(),
            _ => throw Undefined(node.AgeBand),
        });
        statement.Bind(6, node.Sector);
        statement.Bind(7, node.Ses);
        statement.Bind(8, JoinList(node.Languages));
        statement.Bind(9, JoinList(node.Skills));
        statement.Bind(10, JoinList(node.Goals));
        statement.Bind(11, node.Capacity);
        statement.Bind(12, AttributesJson(node.Attributes));
        statement.Bind(13, node.Hub);
        statement.Bind(14, JoinList(node.Specialisms));
    }

    /// <summary>Binds a contact to <c>?1</c>…<c>?4</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The channel is not defined (it has no wire name).</exception>
    public static void BindContact(RawStatement statement, ContactRecord contact)
    {
        statement.Bind(1, contact.Coach);
        statement.Bind(2, contact.Citizen);
        BindDate(statement, 3, contact.Date);
        statement.Bind(4, contact.Channel <= ContactChannel.Message ? contact.Channel.Name() : throw Undefined(contact.Channel));
    }

    /// <summary>Reads a contact from <see cref="ContactColumns"/>, starting at column <paramref name="first"/>.</summary>
    /// <exception cref="InvalidDataException">A stored value is not one this code writes.</exception>
    public static ContactRecord ReadContact(RawStatement row, int first, NodeIds ids, string file)
    {
        var channelName = row.Text(first + 3);
        if (!WireNames.TryParseContactChannel(channelName, out var channel)) throw Corrupt(file, "contact channel", channelName);
        return new ContactRecord(ids.Get(row.Utf8(first)), ids.Get(row.Utf8(first + 1)),
            ReadDate(row, first + 2, file) ?? throw Corrupt(file, "contact date", "NULL"), channel);
    }

    /// <summary>Binds a tie to <c>?1</c>…<c>?6</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The kind is not defined (it has no wire name).</exception>
    public static void BindTie(RawStatement statement, TieRecord tie)
    {
        statement.Bind(1, tie.Source);
        statement.Bind(2, tie.Target);
        statement.Bind(3, TieKindName(tie.Kind) is not null ? TieKindsUtf8[(int)tie.Kind] : throw Undefined(tie.Kind));
        statement.Bind(4, tie.Strength);
        BindDate(statement, 5, tie.Since);
        BindDate(statement, 6, tie.Until);
        statement.Bind(7, tie.Outcome switch
        {
            null => null,
            <= PairingOutcome.EndedEarly => tie.Outcome.Value.Name(),
            _ => throw Undefined(tie.Outcome.Value),
        });
        statement.Bind(8, tie.EndReason);
    }

    /// <summary>Binds a proposal to <c>?1</c>…<c>?9</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The status is not defined (it has no wire name).</exception>
    public static void BindProposal(RawStatement statement, ProposalRecord proposal)
    {
        statement.Bind(1, proposal.Id);
        statement.Bind(2, proposal.Citizen);
        statement.Bind(3, proposal.Mentor);
        statement.Bind(4, proposal.ProposedBy);
        statement.Bind(5, proposal.Status <= ProposalStatus.Withdrawn ? proposal.Status.Name() : throw Undefined(proposal.Status));
        BindDate(statement, 6, proposal.Proposed);
        BindDate(statement, 7, proposal.Expires);
        BindDate(statement, 8, proposal.Decided);
        statement.Bind(9, proposal.Reason);
    }

    /// <summary>Binds an employment change to <c>?1</c>…<c>?3</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The employment is unknown or not defined.</exception>
    public static void BindStatus(RawStatement statement, StatusChange change)
    {
        statement.Bind(1, change.Person);
        BindDate(statement, 2, change.Date);
        statement.Bind(3, change.Employment is > Employment.Unknown and <= Employment.Retired ? change.Employment.Name() : throw Undefined(change.Employment));
    }

    /// <summary>Reads a proposal from <see cref="ProposalColumns"/>, starting at column <paramref name="first"/>; people's
    /// ids are taken from <paramref name="ids"/> when there.</summary>
    /// <exception cref="InvalidDataException">A stored value is not one this code writes.</exception>
    public static ProposalRecord ReadProposal(RawStatement row, int first, NodeIds ids, string file)
    {
        var statusName = row.Text(first + 4);
        if (!WireNames.TryParseProposalStatus(statusName, out var status)) throw Corrupt(file, "proposal status", statusName);
        return new ProposalRecord(row.Text(first), ids.Get(row.Utf8(first + 1)), ids.Get(row.Utf8(first + 2)),
            ReadDate(row, first + 5, file) ?? throw Corrupt(file, "proposal date", "NULL"),
            ReadDate(row, first + 6, file) ?? throw Corrupt(file, "expiry date", "NULL"))
        {
            ProposedBy = row.IsNull(first + 3) ? null : ids.Get(row.Utf8(first + 3)),
            Status = status,
            Decided = ReadDate(row, first + 7, file),
            Reason = row.NullableText(first + 8),
        };
    }

    /// <summary>Reads an employment change from <see cref="StatusColumns"/>, starting at column <paramref name="first"/>.</summary>
    /// <exception cref="InvalidDataException">A stored value is not one this code writes.</exception>
    public static StatusChange ReadStatus(RawStatement row, int first, NodeIds ids, string file)
    {
        var employmentName = row.Text(first + 2);
        if (!WireNames.TryParseEmployment(employmentName, out var employment) || employment == Employment.Unknown)
            throw Corrupt(file, "employment", employmentName);
        return new StatusChange(ids.Get(row.Utf8(first)), ReadDate(row, first + 1, file) ?? throw Corrupt(file, "status date", "NULL"), employment);
    }

    /// <summary>Reads a node from <see cref="NodeColumns"/>, starting at column <paramref name="first"/>.</summary>
    /// <exception cref="InvalidDataException">A stored value is not one this code writes.</exception>
    public static NodeRecord ReadNode(RawStatement row, int first, string file)
    {
        var kindName = row.Text(first + 1);
        if (!WireNames.TryParseNodeKind(kindName, out var kind)) throw Corrupt(file, "node kind", kindName);
        var employmentName = row.NullableText(first + 3) ?? "";
        if (!WireNames.TryParseEmployment(employmentName, out var employment)) throw Corrupt(file, "employment", employmentName);
        var ageName = row.NullableText(first + 4) ?? "";
        if (!WireNames.TryParseAgeBand(ageName, out var age)) throw Corrupt(file, "age band", ageName);
        var node = new NodeRecord(row.Text(first), kind)
        {
            Area = row.NullableText(first + 2),
            Employment = employment,
            AgeBand = age,
            Sector = row.NullableText(first + 5),
            Ses = row.IsNull(first + 6) ? null : row.Double(first + 6),
            Languages = List(row, first + 7),
            Skills = List(row, first + 8),
            Goals = List(row, first + 9),
            Capacity = row.IsNull(first + 10) ? null : checked((int)row.Int64(first + 10)),
            Hub = row.NullableText(first + 12),
            Specialisms = List(row, first + 13),
        };
        return row.IsNull(first + 11) ? node : node with { Attributes = Attributes(row.Utf8(first + 11), file) };
    }

    /// <summary>Reads a tie from <see cref="TieColumns"/>, starting at column <paramref name="first"/>; its ends are
    /// taken from <paramref name="ids"/> when there, so a large export shares one string per id.</summary>
    /// <exception cref="InvalidDataException">A stored value is not one this code writes.</exception>
    public static TieRecord ReadTie(RawStatement row, int first, NodeIds ids, string file)
    {
        if (!WireNames.TryParseTieKind(row.Utf8(first + 2), out var kind)) throw Corrupt(file, "tie kind", row.Text(first + 2));
        return new TieRecord(ids.Get(row.Utf8(first)), ids.Get(row.Utf8(first + 1)), kind)
        {
            Strength = row.Double(first + 3),
            Since = ReadDate(row, first + 4, file),
            Until = ReadDate(row, first + 5, file),
            Outcome = row.IsNull(first + 6) ? null : ReadOutcome(row.Text(first + 6), file),
            EndReason = row.NullableText(first + 7),
        };
    }

    private static PairingOutcome ReadOutcome(string name, string file) =>
        WireNames.TryParsePairingOutcome(name, out var outcome) ? outcome : throw Corrupt(file, "pairing outcome", name);

    /// <summary>The stored name of a tie kind, or <see langword="null"/> for a value outside the enumeration (which
    /// no stored tie has).</summary>
    public static string? TieKindName(TieKind kind) => kind <= TieKind.Employment ? kind.Name() : null;

    private static string? JoinList(IReadOnlyList<string> items) => items.Count == 0 ? null : string.Join(ListSeparator, items);

    private static string[] List(RawStatement row, int column) =>
        row.IsNull(column) ? [] : row.Text(column).Split(ListSeparator);

    private static void BindDate(RawStatement statement, int index, DateOnly? date)
    {
        if (date is not { } d) { statement.Bind(index, (string?)null); return; }
        Span<byte> text = stackalloc byte[16];
        d.TryFormat(text, out var written, DateFormat, CultureInfo.InvariantCulture);
        statement.Bind(index, text[..written]);
    }

    private static DateOnly? ReadDate(RawStatement row, int column, string file)
    {
        if (row.IsNull(column)) return null;
        var utf8 = row.Utf8(column);
        Span<char> text = stackalloc char[16];
        if (utf8.Length <= text.Length && Encoding.UTF8.TryGetChars(utf8, text, out var length)
            && DateOnly.TryParseExact(text[..length], DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        throw Corrupt(file, "date", Encoding.UTF8.GetString(utf8));
    }

    private static string? AttributesJson(IReadOnlyDictionary<string, string> attributes)
    {
        if (attributes.Count == 0) return null;
        // Keys in ordinal order, so equal nodes are stored as equal text.
        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in attributes) sorted[key] = value;
        return JsonSerializer.Serialize(sorted);
    }

    private static Dictionary<string, string> Attributes(ReadOnlySpan<byte> json, string file)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(json) is { } map
                ? new Dictionary<string, string>(map, StringComparer.Ordinal)
                : throw Corrupt(file, "attributes value", "null");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{file}' holds node attributes that are not a JSON object of strings: {e.Message}", e);
        }
    }

    private static ArgumentOutOfRangeException Undefined<T>(T value) where T : struct, Enum =>
        new(typeof(T).Name, value, $"{value} is not a defined {typeof(T).Name} value.");

    private static InvalidDataException Corrupt(string file, string what, string value) =>
        new($"'{file}' holds a {what} this code does not know: '{value}'. It was written by another program or a newer release.");
}
