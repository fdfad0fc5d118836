using System.Security.Cryptography;

namespace SocialCapital.Storage;

/// <summary>One line of a store's append-only audit trail: who did what to whose data, when, and how it ended. Never an
/// attribute: an entry names people only by id.</summary>
/// <remarks>Immutable and thread-safe. Two entries are equal when every field is, targets in the same order.</remarks>
public sealed record AuditEntry
{
    /// <summary>Creates an entry.</summary>
    /// <param name="time">When it happened; kept in UTC (an offset is converted), to the tick.</param>
    /// <param name="actor">Who: the caller's subject, e.g. a token's <c>sub</c>, or <c>anonymous</c>.</param>
    /// <param name="role">The caller's role or roles (comma-separated), empty when none.</param>
    /// <param name="action">What: a route and verb such as <c>GET /people/{id}</c>.</param>
    /// <param name="targets">Whom: the ids of the individuals read or written, in order (zero or more).</param>
    /// <param name="outcome">How it ended, one word (<see cref="AuditOutcomes"/>); a store sets it for a write's entry.</param>
    /// <exception cref="ArgumentNullException">A text argument, <paramref name="targets"/> or one of its items is null.</exception>
    public AuditEntry(DateTimeOffset time, string actor, string role, string action, IReadOnlyList<string> targets, string outcome)
    {
        Time = time.ToUniversalTime();
        Actor = Guard.NotNull(actor);
        Role = Guard.NotNull(role);
        Action = Guard.NotNull(action);
        Guard.NotNull(targets);
        foreach (var target in targets) Guard.NotNull(target, nameof(targets));
        Targets = [.. targets];
        Outcome = Guard.NotNull(outcome);
    }

    /// <summary>When it happened, in UTC.</summary>
    public DateTimeOffset Time { get; init; }

    /// <summary>Who: the caller's subject.</summary>
    public string Actor { get; init; }

    /// <summary>The caller's role or roles, comma-separated.</summary>
    public string Role { get; init; }

    /// <summary>What: a route and verb, e.g. <c>GET /people/{id}</c>.</summary>
    public string Action { get; init; }

    /// <summary>Whom: the ids of the individuals read or written (no attributes, ever).</summary>
    public IReadOnlyList<string> Targets { get; init; }

    /// <summary>How it ended, one word: see <see cref="AuditOutcomes"/>.</summary>
    public string Outcome { get; init; }

    /// <summary>Whether every field is equal, targets in the same order.</summary>
    /// <param name="other">The other entry.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(AuditEntry? other) =>
        other is not null && Time == other.Time && Time.Offset == other.Time.Offset && Actor == other.Actor && Role == other.Role
        && Action == other.Action && Outcome == other.Outcome && Targets.SequenceEqual(other.Targets, StringComparer.Ordinal);

    /// <summary>A hash of the fields.</summary>
    /// <returns>The hash.</returns>
    public override int GetHashCode() => HashCode.Combine(Time, Actor, Action, Targets.Count, Outcome);
}

/// <summary>The words an <see cref="AuditEntry.Outcome"/> uses.</summary>
public static class AuditOutcomes
{
    /// <summary>A read that answered.</summary>
    public const string Ok = "ok";

    /// <summary>A write that added a record.</summary>
    public const string Created = "created";

    /// <summary>A write that replaced a record.</summary>
    public const string Updated = "updated";

    /// <summary>A write that found the record already so.</summary>
    public const string Unchanged = "unchanged";

    /// <summary>A write that deleted records.</summary>
    public const string Deleted = "deleted";

    /// <summary>The id named no record (or none the caller may see).</summary>
    public const string NotFound = "not_found";

    /// <summary>An import that replaced the whole dataset.</summary>
    public const string Imported = "imported";

    /// <summary>An erasure that deleted the person and pseudonymised them in the audit.</summary>
    public const string Erased = "erased";

    /// <summary>The caller's role may not make the call (HTTP 403).</summary>
    public const string Denied = "denied";

    /// <summary>The call carried no valid credentials (HTTP 401).</summary>
    public const string Unauthenticated = "unauthenticated";

    /// <summary>The request was refused as invalid (400, 413, 415): nothing was read or changed.</summary>
    public const string Invalid = "invalid";

    /// <summary>The write conflicts with what is stored (409): nothing was changed.</summary>
    public const string Conflict = "conflict";

    /// <summary>Too many requests from this caller (429): nothing was read or changed.</summary>
    public const string Throttled = "throttled";

    /// <summary>The call failed on the server's side (5xx, or cancelled): nothing was changed.</summary>
    public const string Failed = "failed";

    /// <summary>The outcome of an erasure that had <paramref name="effect"/>: <see cref="Erased"/> when a node was
    /// deleted, else <see cref="NotFound"/> (the audit is pseudonymised all the same).</summary>
    /// <param name="effect">What the erasure's delete did.</param>
    /// <returns>The outcome word.</returns>
    public static string OfErasure(WriteEffect effect) => effect is WriteEffect.Deleted ? Erased : NotFound;

    /// <summary>The word for what a write did.</summary>
    /// <param name="effect">The write's effect.</param>
    /// <returns><see cref="Created"/>, <see cref="Updated"/>, <see cref="Unchanged"/>, <see cref="Deleted"/> or
    /// <see cref="NotFound"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="effect"/> is not a defined effect.</exception>
    public static string Of(WriteEffect effect) => effect switch
    {
        WriteEffect.Created => Created,
        WriteEffect.Updated => Updated,
        WriteEffect.Unchanged => Unchanged,
        WriteEffect.Deleted => Deleted,
        WriteEffect.NotFound => NotFound,
        _ => throw new ArgumentOutOfRangeException(nameof(effect), effect, "Not a write effect."),
    };
}

/// <summary>Which audit entries to read: every filter given must hold; newest first.</summary>
/// <remarks>Immutable; validate with <see cref="Validate"/> (the stores do).</remarks>
public sealed record AuditQuery
{
    /// <summary>The most entries one query may return.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Only entries by this actor; <see langword="null"/> (the default) for any.</summary>
    public string? Actor { get; init; }

    /// <summary>Only entries naming this id among their targets; <see langword="null"/> (the default) for any.</summary>
    public string? Target { get; init; }

    /// <summary>Only entries at or after this time; <see langword="null"/> (the default) for no lower bound.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Only entries before this time (exclusive); <see langword="null"/> (the default) for no upper bound.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>How many matching entries to skip, newest first; default 0.</summary>
    public int Skip { get; init; }

    /// <summary>How many entries to return at most, 1 to <see cref="MaxLimit"/>; default 100.</summary>
    public int Limit { get; init; } = 100;

    /// <summary>Checks the query.</summary>
    /// <returns>This query.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="Skip"/> is negative or <see cref="Limit"/> is outside 1 to
    /// <see cref="MaxLimit"/>.</exception>
    public AuditQuery Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Skip);
        Guard.InRange(Limit, 1, MaxLimit);
        return this;
    }

    /// <summary>Whether <paramref name="entry"/> passes the filters (not the paging).</summary>
    /// <param name="entry">The entry.</param>
    /// <returns>Whether it matches.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="entry"/> is null.</exception>
    public bool Matches(AuditEntry entry)
    {
        Guard.NotNull(entry);
        return (Actor is null || entry.Actor == Actor)
            && (Target is null || entry.Targets.Contains(Target, StringComparer.Ordinal))
            && (From is not { } from || entry.Time >= from)
            && (To is not { } to || entry.Time < to);
    }
}

/// <summary>One page of audit entries, newest first, and how many matched in all.</summary>
/// <param name="Entries">The entries on this page.</param>
/// <param name="Total">How many entries matched the filters.</param>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, long Total);

/// <summary>The pseudonyms an erasure puts in the audit in place of a person's id.</summary>
/// <remarks>A pseudonym is <c>erased:</c> and 26 characters of base32 from 128 random bits (a cryptographic random
/// generator), made afresh for each erasure and recorded nowhere but in the entries it replaces ids in. It is not
/// derived from the id — no hash, no key — so nobody, not even someone holding the whole store, can compute it from an id
/// or get the id back from it; entries of one erasure share it, so they still read as one (unnamed) person.</remarks>
public static class AuditPseudonym
{
    /// <summary>What every pseudonym starts with.</summary>
    public const string Prefix = "erased:";

    /// <summary>Checks the arguments of an erasure, as every store's <c>EraseNodeAsync</c> does first.</summary>
    /// <param name="id">The id to erase.</param>
    /// <param name="pseudonym">What replaces it in the audit.</param>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> or <paramref name="pseudonym"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="pseudonym"/> is empty or equals <paramref name="id"/>.</exception>
    public static void CheckErasure(string id, string pseudonym)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentException.ThrowIfNullOrEmpty(pseudonym);
        if (string.Equals(id, pseudonym, StringComparison.Ordinal))
            throw new ArgumentException("The pseudonym must differ from the id it replaces.", nameof(pseudonym));
    }

    /// <summary>A new pseudonym. Thread-safe.</summary>
    /// <returns>E.g. <c>erased:k3v7…</c>.</returns>
    public static string New()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        Span<char> text = stackalloc char[26];
        int buffer = 0, bits = 0, n = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text[n++] = alphabet[(buffer >> (bits - 5)) & 31];
                bits -= 5;
            }
        }
        if (bits > 0) text[n++] = alphabet[(buffer << (5 - bits)) & 31];
        return Prefix + new string(text[..n]);
    }
}
