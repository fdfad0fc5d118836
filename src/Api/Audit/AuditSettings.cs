namespace SocialCapital.Api.Audit;

/// <summary>The <c>Audit</c> configuration section.</summary>
internal sealed class AuditSettings
{
    /// <summary>The default retention: a little over a year.</summary>
    public const int DefaultRetentionDays = 400;

    /// <summary>Entries older than this many days are purged at startup and daily; 0 keeps them forever. Default 400.</summary>
    public int RetentionDays { get; set; } = DefaultRetentionDays;
}
