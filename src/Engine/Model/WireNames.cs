using System.Collections.Frozen;
using System.Text.Json;

namespace SocialCapital.Model;

/// <summary>The names the interchange format, the CLI and the API use for the model's enumerations
/// (<c>peer_group</c>, <c>self_employed</c>, <c>16-24</c>, …), the one rule that names the fields of result records on
/// every surface (<see cref="ColumnName"/>, <see cref="JsonName"/>), and the kind rules of the model.</summary>
public static class WireNames
{
    private static readonly string[] NodeKinds = ["citizen", "mentor", "coach", "employer", "peer_group"];
    private static readonly string[] Employments =
        ["", "employed", "self_employed", "unemployed", "inactive", "student", "retired"];
    private static readonly string[] AgeBands = ["", "16-24", "25-34", "35-49", "50-64", "65+"];
    private static readonly string[] TieKinds =
        ["friend", "family", "acquaintance", "colleague", "mentoring", "coaching", "referral", "membership", "employment"];
    private static readonly string[] WorkStatuses = ["", "in_work", "out_of_work", "student", "retired"];
    private static readonly string[] ProposalStatuses = ["proposed", "accepted", "declined", "expired", "withdrawn"];
    private static readonly string[] PairingOutcomes = ["completed", "ended_early"];
    private static readonly string[] ContactChannels = ["in_person", "phone", "video", "message"];

    private static readonly FrozenDictionary<string, NodeKind> NodeKindByName = Index<NodeKind>(NodeKinds);
    private static readonly FrozenDictionary<string, Employment> EmploymentByName = Index<Employment>(Employments);
    private static readonly FrozenDictionary<string, AgeBand> AgeBandByName = Index<AgeBand>(AgeBands);
    private static readonly FrozenDictionary<string, TieKind> TieKindByName = Index<TieKind>(TieKinds);
    private static readonly FrozenDictionary<string, ProposalStatus> ProposalStatusByName = Index<ProposalStatus>(ProposalStatuses);
    private static readonly FrozenDictionary<string, PairingOutcome> PairingOutcomeByName = Index<PairingOutcome>(PairingOutcomes);
    private static readonly FrozenDictionary<string, ContactChannel> ContactChannelByName = Index<ContactChannel>(ContactChannels);

    /// <summary>Every proposal status name, in enumeration order.</summary>
    public static IReadOnlyList<string> ProposalStatusNames { get; } = Array.AsReadOnly(ProposalStatuses);

    /// <summary>Every pairing outcome name, in enumeration order.</summary>
    public static IReadOnlyList<string> PairingOutcomeNames { get; } = Array.AsReadOnly(PairingOutcomes);

    /// <summary>Every contact channel name, in enumeration order.</summary>
    public static IReadOnlyList<string> ContactChannelNames { get; } = Array.AsReadOnly(ContactChannels);

    /// <summary>Every node kind name, in enumeration order.</summary>
    public static IReadOnlyList<string> NodeKindNames { get; } = Array.AsReadOnly(NodeKinds);

    /// <summary>Every tie kind name, in enumeration order.</summary>
    public static IReadOnlyList<string> TieKindNames { get; } = Array.AsReadOnly(TieKinds);

    /// <summary>Every employment name, in enumeration order (without the empty unknown).</summary>
    public static IReadOnlyList<string> EmploymentNames { get; } = Array.AsReadOnly(Employments[1..]);

    /// <summary>Every age band name, in enumeration order (without the empty unknown).</summary>
    public static IReadOnlyList<string> AgeBandNames { get; } = Array.AsReadOnly(AgeBands[1..]);

    /// <summary>The CSV column name of a result record's property: its C# name in snake_case, e.g.
    /// <c>EconomicConnectednessCiLow</c> → <c>economic_connectedness_ci_low</c>. A field has one name, the property's;
    /// CSV, JSON (<see cref="JsonName"/>) and C# only differ in casing. Thread-safe.</summary>
    /// <param name="propertyName">The property's C# (PascalCase) name.</param>
    /// <returns>The snake_case name.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="propertyName"/> is null.</exception>
    public static string ColumnName(string propertyName) => JsonNamingPolicy.SnakeCaseLower.ConvertName(Guard.NotNull(propertyName));

    /// <summary>The JSON name of a result record's property: its C# name in camelCase, e.g.
    /// <c>EconomicConnectedness</c> → <c>economicConnectedness</c> (as <see cref="JsonSerializerDefaults.Web"/> writes it).
    /// Thread-safe.</summary>
    /// <param name="propertyName">The property's C# (PascalCase) name.</param>
    /// <returns>The camelCase name.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="propertyName"/> is null.</exception>
    public static string JsonName(string propertyName) => JsonNamingPolicy.CamelCase.ConvertName(Guard.NotNull(propertyName));

    /// <summary>The wire name of a node kind, e.g. <c>peer_group</c>.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>Its name.</returns>
    public static string Name(this NodeKind kind) => NodeKinds[(int)kind];

    /// <summary>The wire name of a node kind with its indefinite article, for messages: <c>an employer</c>, <c>a mentor</c>.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The name with "a" or "an".</returns>
    public static string NameWithArticle(this NodeKind kind) => Words.A(kind.Name());

    /// <summary>The wire name of a tie kind, e.g. <c>mentoring</c>.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>Its name.</returns>
    public static string Name(this TieKind kind) => TieKinds[(int)kind];

    /// <summary>The wire name of an employment status; empty for unknown.</summary>
    /// <param name="employment">The status.</param>
    /// <returns>Its name.</returns>
    public static string Name(this Employment employment) => Employments[(int)employment];

    /// <summary>The wire name of an age band; empty for unknown.</summary>
    /// <param name="band">The band.</param>
    /// <returns>Its name.</returns>
    public static string Name(this AgeBand band) => AgeBands[(int)band];

    /// <summary>The wire name of a work status (<c>in_work</c>, <c>out_of_work</c>, …); empty for unknown.</summary>
    /// <param name="status">The status.</param>
    /// <returns>Its name.</returns>
    public static string Name(this WorkStatus status) => WorkStatuses[(int)status];

    /// <summary>The wire name of a proposal status, e.g. <c>declined</c>.</summary>
    /// <param name="status">The status.</param>
    /// <returns>Its name.</returns>
    public static string Name(this ProposalStatus status) => ProposalStatuses[(int)status];

    /// <summary>The wire name of a pairing outcome, e.g. <c>ended_early</c>.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <returns>Its name.</returns>
    public static string Name(this PairingOutcome outcome) => PairingOutcomes[(int)outcome];

    /// <summary>The wire name of a contact channel, e.g. <c>in_person</c>.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>Its name.</returns>
    public static string Name(this ContactChannel channel) => ContactChannels[(int)channel];

    /// <summary>Parses a proposal status name (<c>proposed</c>, <c>accepted</c>, …).</summary>
    /// <param name="name">The name, case-sensitive.</param>
    /// <param name="status">The status, when known.</param>
    /// <returns>Whether the name is known.</returns>
    public static bool TryParseProposalStatus(string name, out ProposalStatus status) => ProposalStatusByName.TryGetValue(name, out status);

    /// <summary>Parses a pairing outcome name (<c>completed</c>, <c>ended_early</c>).</summary>
    /// <param name="name">The name, case-sensitive.</param>
    /// <param name="outcome">The outcome, when known.</param>
    /// <returns>Whether the name is known.</returns>
    public static bool TryParsePairingOutcome(string name, out PairingOutcome outcome) => PairingOutcomeByName.TryGetValue(name, out outcome);

    /// <summary>Parses a contact channel name (<c>in_person</c>, <c>phone</c>, <c>video</c>, <c>message</c>).</summary>
    /// <param name="name">The name, case-sensitive.</param>
    /// <param name="channel">The channel, when known.</param>
    /// <returns>Whether the name is known.</returns>
    public static bool TryParseContactChannel(string name, out ContactChannel channel) => ContactChannelByName.TryGetValue(name, out channel);

    /// <summary>Parses a node kind name (exact, lower case).</summary>
    /// <param name="name">The name.</param>
    /// <param name="kind">The kind, when known.</param>
    /// <returns>Whether the name is a node kind.</returns>
    public static bool TryParseNodeKind(string name, out NodeKind kind) => NodeKindByName.TryGetValue(name, out kind);

    /// <summary>Parses a tie kind name (exact, lower case).</summary>
    /// <param name="name">The name.</param>
    /// <param name="kind">The kind, when known.</param>
    /// <returns>Whether the name is a tie kind.</returns>
    public static bool TryParseTieKind(string name, out TieKind kind) => TieKindByName.TryGetValue(name, out kind);

    /// <summary>Parses a tie kind name given as UTF-8 bytes (exact, lower case), without allocating.</summary>
    /// <param name="utf8">The name's UTF-8 bytes.</param>
    /// <param name="kind">The kind, when known.</param>
    /// <returns>Whether the name is a tie kind.</returns>
    public static bool TryParseTieKind(ReadOnlySpan<byte> utf8, out TieKind kind)
    {
        for (var i = 0; i < TieKindsUtf8.Length; i++)
            if (utf8.SequenceEqual(TieKindsUtf8[i])) { kind = (TieKind)i; return true; }
        kind = default;
        return false;
    }

    private static readonly byte[][] TieKindsUtf8 = [.. TieKinds.Select(System.Text.Encoding.UTF8.GetBytes)];

    /// <summary>Parses an employment name; the empty string is <see cref="Employment.Unknown"/>.</summary>
    /// <param name="name">The name.</param>
    /// <param name="employment">The status, when known.</param>
    /// <returns>Whether the name is valid.</returns>
    public static bool TryParseEmployment(string name, out Employment employment) =>
        EmploymentByName.TryGetValue(name, out employment);

    /// <summary>Parses an age band name; the empty string is <see cref="AgeBand.Unknown"/>.</summary>
    /// <param name="name">The name.</param>
    /// <param name="band">The band, when known.</param>
    /// <returns>Whether the name is valid.</returns>
    public static bool TryParseAgeBand(string name, out AgeBand band) => AgeBandByName.TryGetValue(name, out band);

    /// <summary>Folds an employment status into its work-status group.</summary>
    /// <param name="employment">The status.</param>
    /// <returns>In work, out of work, student, retired or unknown.</returns>
    public static WorkStatus ToWorkStatus(this Employment employment) => employment switch
    {
        Employment.Employed or Employment.SelfEmployed => WorkStatus.InWork,
        Employment.Unemployed or Employment.Inactive => WorkStatus.OutOfWork,
        Employment.Student => WorkStatus.Student,
        Employment.Retired => WorkStatus.Retired,
        _ => WorkStatus.Unknown,
    };

    /// <summary>Whether a node kind is a person (citizen, mentor, coach) rather than a place.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns><see langword="true"/> for people.</returns>
    public static bool IsPerson(this NodeKind kind) => kind <= NodeKind.Coach;

    /// <summary>Whether a tie kind joins two people (rather than a person and a place).</summary>
    /// <param name="kind">The kind.</param>
    /// <returns><see langword="true"/> for person–person kinds.</returns>
    public static bool IsPersonToPerson(this TieKind kind) => kind <= TieKind.Referral;

    /// <summary>The node kind a tie of this kind must end at: <see cref="NodeKind.PeerGroup"/> for
    /// membership, <see cref="NodeKind.Employer"/> for employment, <see langword="null"/> (a person) otherwise.</summary>
    /// <param name="kind">The tie kind.</param>
    /// <returns>The required target place kind, or <see langword="null"/> for a person.</returns>
    public static NodeKind? RequiredPlace(this TieKind kind) => kind switch
    {
        TieKind.Membership => NodeKind.PeerGroup,
        TieKind.Employment => NodeKind.Employer,
        _ => null,
    };

    private static FrozenDictionary<string, T> Index<T>(string[] names) where T : struct, Enum
    {
        var values = Enum.GetValues<T>();
        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++) map[names[i]] = values[i];
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
