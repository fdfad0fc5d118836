namespace SocialCapital.Metrics;

/// <summary>The outcome groups of <see cref="CoachingMetrics"/>: not followed, without status history, kept or changed coach.</summary>
internal enum CoachingOutcomeGroup : byte { None, WithoutHistory, Kept, Changed }

/// <summary>Where a citizen stands in the outcomes by continuity, and whether in work on the report's day.</summary>
internal readonly record struct CoachingOutcome(CoachingOutcomeGroup Group, bool InWork);

/// <summary>The running totals of one area or hub of <see cref="CoachingMetrics"/>, and its row with small cells suppressed.</summary>
internal sealed class CoachingTally
{
    private int _citizens, _coached, _stable, _knownSince, _neverMet;
    private int _kept, _keptInWork, _changed, _changedInWork, _withoutHistory;
    private readonly List<int> _days = [];
    private readonly List<int> _caseloads = [];
    private int _overCapacity;

    public void AddCitizen(CitizenCoaching row, bool coached, CoachingOutcome outcome, int stableMonths)
    {
        _citizens++;
        switch (outcome.Group)
        {
            case CoachingOutcomeGroup.WithoutHistory: _withoutHistory++; break;
            case CoachingOutcomeGroup.Kept: _kept++; if (outcome.InWork) _keptInWork++; break;
            case CoachingOutcomeGroup.Changed: _changed++; if (outcome.InWork) _changedInWork++; break;
        }
        if (!coached) return;
        _coached++;
        if (row.MonthsWithCoach is { } months)
        {
            _knownSince++;
            if (months >= stableMonths) _stable++;
        }
        if (row.DaysSinceContact is { } days) _days.Add(days); else _neverMet++;
    }

    public void AddCoach(CoachCaseload row)
    {
        _caseloads.Add(row.ActiveCaseload);
        if (row.OverCapacity) _overCapacity++;
    }

    public CoachingGroup Row(string name, int minCellSize)
    {
        var cells = new SmallCells(minCellSize);
        var coached = cells.Parts(_coached, _citizens - _coached);
        var kept = cells.Parts(_keptInWork, _kept - _keptInWork);
        var changed = cells.Parts(_changedInWork, _changed - _changedInWork);
        var loads = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_caseloads);
        var gini = Inequality.Gini(loads);
        var median = Inequality.Median(loads);
        var max = loads.Length == 0 ? 0 : loads[^1]; // sorted by the median
        // A part of a suppressed total is suppressed with it (0 in work of a hidden few would still say something).
        var citizens = cells.Count(_citizens);
        var keptCitizens = cells.Count(_kept);
        var changedCitizens = cells.Count(_changed);
        if (keptCitizens is null) kept[0] = null;
        if (changedCitizens is null) changed[0] = null;
        return new CoachingGroup
        {
            Name = name,
            Citizens = citizens,
            CoachedCitizens = citizens is null ? null : coached[0],
            StableCoachShare = cells.ShareWithRest(_stable, _knownSince),
            UnknownSince = cells.Count(_coached - _knownSince),
            MedianDaysSinceContact = cells.Median(_days),
            NeverMet = cells.Count(_neverMet),
            Coaches = loads.Length,
            CaseloadGini = double.IsNaN(gini) ? null : gini,
            CaseloadMaxToMedian = double.IsNaN(median) || median == 0 ? null : max / median,
            CoachesOverCapacity = _overCapacity,
            KeptCoachCitizens = keptCitizens,
            KeptCoachInWork = kept[0],
            KeptCoachInWorkShare = kept[0] is null ? null : cells.ShareWithRest(_keptInWork, _kept),
            ChangedCoachCitizens = changedCitizens,
            ChangedCoachInWork = changed[0],
            ChangedCoachInWorkShare = changed[0] is null ? null : cells.ShareWithRest(_changedInWork, _changed),
            OutcomeWithoutHistory = cells.Count(_withoutHistory),
            Suppressed = cells.Suppressed,
        };
    }
}
