using SocialCapital.Model;

namespace SocialCapital.Api.Contracts;

/// <summary>A tie: the interchange format's <c>ties.csv</c> fields. Used both ways.</summary>
public sealed class TieBody
{
    /// <summary>Required: the source id (the mentor for mentoring, the coach for coaching, the person for membership
    /// and employment).</summary>
    /// <example>m0001</example>
    public string? Source { get; set; }

    /// <summary>Required: the target id.</summary>
    /// <example>c0001</example>
    public string? Target { get; set; }

    /// <summary>Required: <c>friend</c>, <c>family</c>, <c>acquaintance</c>, <c>colleague</c>, <c>mentoring</c>,
    /// <c>coaching</c>, <c>referral</c>, <c>membership</c> or <c>employment</c>.</summary>
    /// <example>mentoring</example>
    public string? Kind { get; set; }

    /// <summary>Strength, &gt; 0; default 1.</summary>
    /// <example>1</example>
    public double? Strength { get; set; }

    /// <summary>First day active (yyyy-MM-dd); null = always was.</summary>
    /// <example>2026-01-15</example>
    public DateOnly? Since { get; set; }

    /// <summary>First day no longer active (yyyy-MM-dd); null = still is.</summary>
    public DateOnly? Until { get; set; }

    /// <summary>How an ended mentoring pairing went: <c>completed</c> or <c>ended_early</c>; only on a mentoring tie with an
    /// <c>until</c> date. Usually set by <c>POST /pairings/end</c>.</summary>
    public string? Outcome { get; set; }

    /// <summary>Why a mentoring pairing ended, in words; only with an outcome.</summary>
    public string? EndReason { get; set; }

    internal static TieBody From(TieRecord tie) => new()
    {
        Source = tie.Source, Target = tie.Target, Kind = tie.Kind.Name(), Strength = tie.Strength, Since = tie.Since, Until = tie.Until,
        Outcome = tie.Outcome?.Name(), EndReason = tie.EndReason,
    };

    /// <summary>The record; every problem with required fields and names is reported at once, under
    /// <paramref name="prefix"/> (e.g. <c>ties[3].</c>) when part of a list.</summary>
    internal TieRecord ToRecord(FieldErrors errors, string prefix = "")
    {
        if (string.IsNullOrWhiteSpace(Source)) errors.Add(prefix + "source", "source is required.");
        if (string.IsNullOrWhiteSpace(Target)) errors.Add(prefix + "target", "target is required.");
        var kind = TieKind.Friend;
        if (string.IsNullOrWhiteSpace(Kind)) errors.Add(prefix + "kind", "kind is required.");
        else if (!WireNames.TryParseTieKind(Kind, out kind))
            errors.Add(prefix + "kind", $"Unknown tie kind '{Kind}' (expected one of {string.Join(", ", WireNames.TieKindNames)}).");
        if (Strength is { } s && (!(s > 0) || double.IsInfinity(s))) errors.Add(prefix + "strength", "strength must be a number > 0.");
        if (Since is { } since && Until is { } until && until <= since) errors.Add(prefix + "until", "until must be after since.");
        PairingOutcome? outcome = null;
        if (Outcome is not null)
        {
            if (WireNames.TryParsePairingOutcome(Outcome, out var parsed)) outcome = parsed;
            else errors.Add(prefix + "outcome", $"Unknown outcome '{Outcome}' (expected one of {string.Join(", ", WireNames.PairingOutcomeNames)}).");
        }
        return new TieRecord(Source ?? "", Target ?? "", kind)
        {
            Strength = Strength ?? 1, Since = Since, Until = Until, Outcome = outcome, EndReason = EndReason,
        };
    }

    internal TieRecord ToRecord()
    {
        var errors = new FieldErrors();
        var tie = ToRecord(errors);
        errors.ThrowIfAny();
        return tie;
    }
}

/// <summary>What a write did.</summary>
/// <param name="Effect"><c>created</c>, <c>updated</c>, <c>unchanged</c> or <c>deleted</c>.</param>
/// <param name="Version">The data version after the write: every later read sees at least this version.</param>
/// <param name="TiesRemoved">Ties deleted by this write (a person's ties go with them).</param>
public sealed record WriteResult(string Effect, long Version, int TiesRemoved);

/// <summary>A stored tie and what the write did.</summary>
/// <param name="Write">What the write did.</param>
/// <param name="Tie">The tie as stored.</param>
public sealed record TieWriteResult(WriteResult Write, TieBody Tie);
