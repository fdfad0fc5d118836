using System.Globalization;
using SocialCapital.Metrics;
using SocialCapital.Model;

namespace SocialCapital.Api.Contracts;

/// <summary>A person or a place as stored: the interchange format's <c>nodes.csv</c> fields.</summary>
/// <param name="Id">Unique id: 1–64 letters, digits and <c>._:-</c>.</param>
/// <param name="Kind"><c>citizen</c>, <c>mentor</c>, <c>coach</c>, <c>employer</c> or <c>peer_group</c>.</param>
/// <param name="Area">Area code; null when unknown.</param>
/// <param name="Employment"><c>employed</c>, <c>self_employed</c>, <c>unemployed</c>, <c>inactive</c>, <c>student</c>,
/// <c>retired</c>; null when unknown.</param>
/// <param name="AgeBand"><c>16-24</c>, <c>25-34</c>, <c>35-49</c>, <c>50-64</c>, <c>65+</c>; null when unknown.</param>
/// <param name="Sector">Work sector; null when unknown.</param>
/// <param name="Ses">Socio-economic percentile rank in [0, 1]; null when unknown.</param>
/// <param name="Languages">Languages spoken.</param>
/// <param name="Skills">Skills offered.</param>
/// <param name="Goals">Goals: sectors or skills wanted.</param>
/// <param name="Capacity">Mentees, places or vacancies; a coach's caseload limit; null when unknown.</param>
/// <param name="Hub">The Work Hub serving a person (a coach's own hub); null when unknown.</param>
/// <param name="Specialisms">A coach's specialisms (e.g. <c>health</c>, <c>ips</c>).</param>
/// <param name="Attributes">Further named attributes (extra columns).</param>
public sealed record PersonView(
    string Id, string Kind, string? Area, string? Employment, string? AgeBand, string? Sector, double? Ses,
    IReadOnlyList<string> Languages, IReadOnlyList<string> Skills, IReadOnlyList<string> Goals, int? Capacity,
    string? Hub, IReadOnlyList<string> Specialisms, IReadOnlyDictionary<string, string> Attributes)
{
    internal static PersonView From(NodeRecord node) => new(
        node.Id, node.Kind.Name(), node.Area, Named(node.Employment.Name()), Named(node.AgeBand.Name()), node.Sector, node.Ses,
        node.Languages, node.Skills, node.Goals, node.Capacity, node.Hub, node.Specialisms, node.Attributes);

    private static string? Named(string name) => name.Length == 0 ? null : name;
}

/// <summary>The body of <c>PUT /people/{id}</c>: the person or place to store under that id. Omitted fields are unknown.</summary>
public sealed class PersonBody
{
    /// <summary>Optional; when given it must equal the id in the path.</summary>
    /// <example>c0001</example>
    public string? Id { get; set; }

    /// <summary>Required: <c>citizen</c>, <c>mentor</c>, <c>coach</c>, <c>employer</c> or <c>peer_group</c>.</summary>
    /// <example>citizen</example>
    public string? Kind { get; set; }

    /// <summary>Area code, e.g. an ONS GSS code.</summary>
    /// <example>E02000001</example>
    public string? Area { get; set; }

    /// <summary><c>employed</c>, <c>self_employed</c>, <c>unemployed</c>, <c>inactive</c>, <c>student</c> or <c>retired</c>.</summary>
    /// <example>unemployed</example>
    public string? Employment { get; set; }

    /// <summary><c>16-24</c>, <c>25-34</c>, <c>35-49</c>, <c>50-64</c> or <c>65+</c>.</summary>
    /// <example>25-34</example>
    public string? AgeBand { get; set; }

    /// <summary>Work sector, free text.</summary>
    /// <example>health</example>
    public string? Sector { get; set; }

    /// <summary>Socio-economic percentile rank, 0 to 1.</summary>
    /// <example>0.3</example>
    public double? Ses { get; set; }

    /// <summary>Languages spoken.</summary>
    public IReadOnlyList<string>? Languages { get; set; }

    /// <summary>Skills offered.</summary>
    public IReadOnlyList<string>? Skills { get; set; }

    /// <summary>Goals: sectors or skills wanted; a citizen's needs (a goal naming a coach specialism, e.g. <c>health</c>).</summary>
    public IReadOnlyList<string>? Goals { get; set; }

    /// <summary>Mentees a mentor takes, places in a peer group, vacancies at an employer, a coach's caseload limit.</summary>
    public int? Capacity { get; set; }

    /// <summary>The Work Hub serving a person (a coach's own hub); people only.</summary>
    /// <example>hub-A1-north</example>
    public string? Hub { get; set; }

    /// <summary>A coach's specialisms (e.g. <c>health</c>, <c>older_workers</c>, <c>ips</c>); coaches only.</summary>
    public IReadOnlyList<string>? Specialisms { get; set; }

    /// <summary>Further named attributes (e.g. <c>ethnicity</c>).</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; set; }

    /// <summary>The record to store; every problem with the names is reported at once (the values' own rules are
    /// checked by the engine when the record is stored).</summary>
    internal NodeRecord ToRecord(string id)
    {
        var errors = new FieldErrors();
        if (Id is not null && Id != id) errors.Add("id", $"The body's id '{Id}' differs from the path's '{id}'.");
        var kind = NodeKind.Citizen;
        if (string.IsNullOrWhiteSpace(Kind)) errors.Add("kind", "kind is required.");
        else if (!WireNames.TryParseNodeKind(Kind, out kind))
            errors.Add("kind", $"Unknown kind '{Kind}' (expected one of {string.Join(", ", WireNames.NodeKindNames)}).");
        var employment = Model.Employment.Unknown;
        if (Employment is not null && !WireNames.TryParseEmployment(Employment, out employment))
            errors.Add("employment", $"Unknown employment '{Employment}' (expected one of {string.Join(", ", WireNames.EmploymentNames)}).");
        var ageBand = Model.AgeBand.Unknown;
        if (AgeBand is not null && !WireNames.TryParseAgeBand(AgeBand, out ageBand))
            errors.Add("ageBand", $"Unknown age band '{AgeBand}' (expected one of {string.Join(", ", WireNames.AgeBandNames)}).");
        if (Ses is { } ses && !(ses >= 0 && ses <= 1))
            errors.Add("ses", string.Create(CultureInfo.InvariantCulture, $"ses must be a number from 0 to 1 (got {ses})."));
        if (Capacity is < 0) errors.Add("capacity", "capacity must be a whole number ≥ 0.");
        var languages = Items(Languages, "languages", errors);
        var skills = Items(Skills, "skills", errors);
        var goals = Items(Goals, "goals", errors);
        var specialisms = Items(Specialisms, "specialisms", errors);
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in Attributes ?? new Dictionary<string, string>())
        {
            var text = Text(value, $"attributes.{name}", errors, allowLineFeeds: true);
            if (string.IsNullOrWhiteSpace(name) || HasControl(name)) errors.Add("attributes", $"'{name}' is not a usable attribute name.");
            else if (!attributes.TryAdd(name.Trim(), text ?? ""))
                errors.Add("attributes", $"'{name.Trim()}' is given twice (names are compared without surrounding spaces).");
            else if (text is null) attributes.Remove(name.Trim());
        }
        var area = Text(Area, "area", errors);
        var sector = Text(Sector, "sector", errors, allowLineFeeds: true);
        var hub = Text(Hub, "hub", errors);
        errors.ThrowIfAny();
        return new NodeRecord(id, kind)
        {
            Area = area, Employment = employment, AgeBand = ageBand, Sector = sector, Ses = Ses,
            Languages = languages, Skills = skills, Goals = goals, Capacity = Capacity, Hub = hub, Specialisms = specialisms,
            Attributes = attributes,
        };
    }

    /// <summary>Text as the CSV format would hold it: trimmed, empty as unknown, no control characters but, in free
    /// text, line feeds (a quoted CSV field keeps them) — so a stored value survives export and import unchanged.</summary>
    private static string? Text(string? text, string field, FieldErrors errors, bool allowLineFeeds = false)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (text.Any(c => char.IsControl(c) && !(allowLineFeeds && c == '\n')))
            errors.Add(field, allowLineFeeds
                ? $"{field} may hold line feeds but no other control characters (carriage returns, tabs)."
                : $"{field} may not hold control characters (line breaks, tabs).");
        return text.Trim();
    }

    private static string[] Items(IReadOnlyList<string>? items, string field, FieldErrors errors)
    {
        if (items is null) return [];
        var kept = new string[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i]?.Trim();
            if (string.IsNullOrEmpty(item) || item.Contains(';', StringComparison.Ordinal) || HasControl(item))
                errors.Add($"{field}[{i}]", "list items must be non-empty, without ';' or control characters.");
            kept[i] = item ?? "";
        }
        return kept;
    }

    private static bool HasControl(string text) => text.Any(char.IsControl);

}

/// <summary>A stored person and what the write did.</summary>
/// <param name="Write">What the write did.</param>
/// <param name="Person">The person as stored.</param>
public sealed record PersonWriteResult(WriteResult Write, PersonView Person);

/// <summary>A person's social capital.</summary>
/// <param name="Measures">The person-level measures.</param>
/// <param name="Contacts">Their contacts, each with the tie's class.</param>
/// <param name="Places">The peer groups and employers they belong to.</param>
/// <param name="Area">Their area's measures as analysts see them (suppressed when small), to read theirs against; null
/// when their area is unknown.</param>
public sealed record CapitalView(PersonMeasures Measures, IReadOnlyList<ContactView> Contacts, IReadOnlyList<PlaceView> Places,
    AreaMeasures? Area);

/// <summary>One contact.</summary>
/// <param name="Id">The contact's id; null when the contact lives outside the caller's areas.</param>
/// <param name="Kind">The contact's node kind.</param>
/// <param name="Class"><c>bonding</c>, <c>bridging</c> or <c>linking</c>.</param>
/// <param name="Kinds">The kinds of tie between them.</param>
/// <param name="Strength">Summed strength.</param>
/// <param name="BridgingScore">How unlike each other they are, 0 to 1, under the tie policy.</param>
public sealed record ContactView(string? Id, string Kind, string Class, IReadOnlyList<string> Kinds, double Strength, double BridgingScore);

/// <summary>A place a person belongs to.</summary>
/// <param name="Id">The place's id; null when the place is outside the caller's areas.</param>
/// <param name="Kind"><c>employer</c> or <c>peer_group</c>.</param>
public sealed record PlaceView(string? Id, string Kind);

