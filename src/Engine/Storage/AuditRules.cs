namespace SocialCapital.Storage;

/// <summary>The audit rules every store shares: argument checks, pseudonymising an entry, an erasure's outcome.</summary>
internal static class AuditRules
{
    public static void CheckEntries(IReadOnlyList<AuditEntry> entries)
    {
        Guard.NotNull(entries);
        foreach (var entry in entries) Guard.NotNull(entry, nameof(entries));
    }

    /// <summary>The entry with <paramref name="id"/> replaced by <paramref name="pseudonym"/> as actor and as target
    /// (the same instance when it names neither).</summary>
    public static AuditEntry Pseudonymise(AuditEntry entry, string id, string pseudonym)
    {
        var actor = entry.Actor == id;
        var target = entry.Targets.Contains(id, StringComparer.Ordinal);
        if (!actor && !target) return entry;
        return entry with
        {
            Actor = actor ? pseudonym : entry.Actor,
            Targets = target ? [.. entry.Targets.Select(t => t == id ? pseudonym : t)] : entry.Targets,
        };
    }
}
