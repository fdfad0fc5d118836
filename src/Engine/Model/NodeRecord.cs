namespace SocialCapital.Model;

/// <summary>One row of <c>nodes.csv</c>: a person or a place and what is known of it. Every optional
/// value is <see langword="null"/>, empty or <c>Unknown</c> when not known.</summary>
/// <param name="Id">Unique id: 1–64 letters, digits and <c>._:-</c>.</param>
/// <param name="Kind">What the node is.</param>
public sealed record NodeRecord(string Id, NodeKind Kind)
{
    /// <summary>Area code (e.g. an ONS GSS code) where the node lives or is; <see langword="null"/> when unknown.</summary>
    public string? Area { get; init; }

    /// <summary>Employment status; <see cref="Employment.Unknown"/> when unknown.</summary>
    public Employment Employment { get; init; }

    /// <summary>Age band; <see cref="AgeBand.Unknown"/> when unknown.</summary>
    public AgeBand AgeBand { get; init; }

    /// <summary>Work sector (free text, e.g. <c>health</c>); <see langword="null"/> when unknown.</summary>
    public string? Sector { get; init; }

    /// <summary>Socio-economic percentile rank in [0, 1]; <see langword="null"/> when unknown.</summary>
    public double? Ses { get; init; }

    /// <summary>Languages spoken; empty when unknown.</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];

    /// <summary>Skills offered; empty when unknown.</summary>
    public IReadOnlyList<string> Skills { get; init; } = [];

    /// <summary>Goals (sectors or skills wanted); empty when unknown.</summary>
    public IReadOnlyList<string> Goals { get; init; } = [];

    /// <summary>Mentees a mentor takes, places in a peer group or vacancies at an employer;
    /// <see langword="null"/> when unknown.</summary>
    public int? Capacity { get; init; }

    /// <summary>The Work Hub a person belongs to (free text, e.g. <c>hub-north</c>): a coach's hub, or the hub a citizen
    /// or mentor is served by; people only. <see langword="null"/> when unknown.</summary>
    public string? Hub { get; init; }

    /// <summary>A coach's specialisms (e.g. <c>health</c>, <c>older_workers</c>, <c>ips</c>); coaches only. Empty when
    /// unknown. A citizen's needs are written as <see cref="Goals"/>.</summary>
    public IReadOnlyList<string> Specialisms { get; init; } = [];

    /// <summary>Further named attributes (extra CSV columns such as <c>ethnicity</c>), only the known
    /// (non-empty) ones. Keys are the column names as written.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = EmptyAttributes;

    internal static readonly IReadOnlyDictionary<string, string> EmptyAttributes =
        new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The work-status group derived from <see cref="Employment"/>.</summary>
    public WorkStatus WorkStatus => Employment.ToWorkStatus();

    /// <summary><see langword="true"/> for citizens, mentors and coaches.</summary>
    public bool IsPerson => Kind.IsPerson();

    /// <summary>Value equality that compares list and attribute contents, so that a dataset read back
    /// from its export equals the original.</summary>
    /// <param name="other">The record to compare with.</param>
    /// <returns>Whether every field is equal.</returns>
    public bool Equals(NodeRecord? other) =>
        other is not null
        && Id == other.Id && Kind == other.Kind && Area == other.Area && Employment == other.Employment
        && AgeBand == other.AgeBand && Sector == other.Sector && Nullable.Equals(Ses, other.Ses)
        && Capacity == other.Capacity
        && Languages.SequenceEqual(other.Languages) && Skills.SequenceEqual(other.Skills)
        && Goals.SequenceEqual(other.Goals)
        && Hub == other.Hub && Specialisms.SequenceEqual(other.Specialisms)
        && Attributes.Count == other.Attributes.Count
        && Attributes.All(a => other.Attributes.TryGetValue(a.Key, out var v) && v == a.Value);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Kind, Area, Employment, Ses);
}
