using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Model;

namespace SocialCapital.Metrics;

/// <summary>The caseload and continuity measures (docs/measures.md#coaching-caseloads-and-continuity): every coach's active
/// caseload against capacity, who of it has not been met, and its mix; every coached citizen's coach, time with them,
/// distinct coaches and contacts; and per area and Work Hub, stable coaching, time since contact, caseload spread and the
/// moves into work of citizens who kept or changed coach — descriptive, not causal, small cells suppressed. Coaching
/// history is read from <see cref="CoachingHistory"/>; only spells whose coach is a coach of the graph count. Pure and
/// deterministic: the snapshot and history are only read, so any number of threads may call it.</summary>
public static class CoachingMetrics
{
    /// <summary>The report of a dataset (its graph built as of the report's day with the default tie policy).</summary>
    /// <param name="dataset">The dataset: nodes, coaching ties, contacts, employment history.</param>
    /// <param name="options">Options; null for <see cref="CoachingOptions.Default"/> (today, in UTC).</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dataset"/> is null.</exception>
    /// <exception cref="InvalidOptionsException">An option breaks <see cref="CoachingOptions.Validate"/>.</exception>
    public static CoachingReport Compute(Dataset dataset, CoachingOptions? options = null)
    {
        Guard.NotNull(dataset);
        options ??= CoachingOptions.Default;
        options.ThrowIfInvalid();
        var graph = dataset.ToGraph(new GraphOptions { AsOf = options.AsOf });
        return Of(graph, CoachingHistory.Of(dataset.Ties, dataset.Contacts), EmploymentHistory.Of(dataset.StatusHistory), options);
    }

    /// <summary>The report of a graph, its coaching history and its employment history (a live snapshot's
    /// <c>Graph</c>, <c>Coaching</c> and <c>Employment</c>). O(nodes + the citizens' spells and contacts + history).</summary>
    /// <param name="graph">The graph: the people's kinds, areas, hubs, capacities, statuses, ages, goals and specialisms.</param>
    /// <param name="history">Who coached whom and when, and the contacts.</param>
    /// <param name="statusHistory">The employment changes, indexed (for the outcomes by continuity).</param>
    /// <param name="options">Options; null for <see cref="CoachingOptions.Default"/> (the graph's analysis date).</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="options"/> is null.</exception>
    /// <exception cref="InvalidOptionsException">An option breaks <see cref="CoachingOptions.Validate"/>.</exception>
    public static CoachingReport Of(SocialGraph graph, CoachingHistory history, EmploymentHistory statusHistory,
        CoachingOptions? options = null)
    {
        Guard.NotNull(graph);
        Guard.NotNull(history);
        Guard.NotNull(statusHistory);
        options ??= CoachingOptions.Default;
        options.ThrowIfInvalid();
        var day = new Day(graph, history, options);
        var statuses = new StatusTimeline(graph, statusHistory, day.AsOf);
        var nodes = graph.Nodes;
        var n = graph.NodeCount;

        // Every citizen once, in index order: their measures and their current coach.
        var rows = new CitizenCoaching?[n];
        var coachOf = new int[n];
        var caseload = new int[n];
        var areaTallies = new CoachingTally?[nodes.AreaNames.Length];
        var hubTallies = new CoachingTally?[nodes.HubNames.Length];
        for (var u = 0; u < n; u++)
        {
            coachOf[u] = -1;
            if (nodes.Kinds[u] != NodeKind.Citizen) continue;
            var row = day.Citizen(graph.Id(u), out var coach);
            if (coach >= 0)
            {
                rows[u] = row;
                coachOf[u] = coach;
                caseload[coach]++;
            }
            if (!day.InPopulation(u)) continue;
            var area = Get(areaTallies, nodes.AreaCodes[u]);
            var hub = Get(hubTallies, nodes.HubCodes[u]);
            if (area is null && hub is null) continue;
            var outcome = day.Outcome(graph.Id(u), statuses);
            area?.AddCitizen(row, coach >= 0, outcome, options.StableMonths);
            hub?.AddCitizen(row, coach >= 0, outcome, options.StableMonths);
        }

        // Each coach's caseload, its citizens in id order.
        var start = new int[n + 1];
        for (var u = 0; u < n; u++) start[u + 1] = start[u] + caseload[u];
        var members = new int[start[n]];
        var fill = (int[])start.Clone();
        foreach (var u in nodes.InIdOrder())
            if (coachOf[u] >= 0) members[fill[coachOf[u]]++] = u;
        var coaches = new List<CoachCaseload>();
        foreach (var c in nodes.InIdOrder())
        {
            if (nodes.Kinds[c] != NodeKind.Coach || !day.InPopulation(c)) continue;
            var citizens = new (int Node, CitizenCoaching Row)[caseload[c]];
            for (var i = 0; i < citizens.Length; i++) citizens[i] = (members[start[c] + i], rows[members[start[c] + i]]!);
            var row = day.Coach(c, citizens);
            coaches.Add(row);
            Get(areaTallies, nodes.AreaCodes[c])?.AddCoach(row);
            Get(hubTallies, nodes.HubCodes[c])?.AddCoach(row);
        }

        var areas = Groups(areaTallies, nodes.AreaNames, options.MinCellSize);
        var hubs = Groups(hubTallies, nodes.HubNames, options.MinCellSize);
        var suppressed = false;
        foreach (var g in areas) suppressed |= g.Suppressed;
        foreach (var g in hubs) suppressed |= g.Suppressed;
        return new CoachingReport
        {
            AsOf = day.AsOf,
            Options = options with { AsOf = day.AsOf },
            Coaches = coaches,
            Areas = areas,
            Hubs = hubs,
            Suppressed = suppressed,
        };
    }

    /// <summary>One coach's caseload, equal to the coach's row of <see cref="Of"/>: O(the citizens the coach has ever
    /// coached or met, and their spells and contacts) — plus, on the first call for a snapshot, one pass over its coaches'
    /// specialisms (the needs of the mix), kept with the snapshot.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="history">Who coached whom and when, and the contacts.</param>
    /// <param name="coachId">The coach's id.</param>
    /// <param name="options">Options (only the day, <see cref="CoachingOptions.NotMetDays"/>,
    /// <see cref="CoachingOptions.ContactWindowDays"/> and <see cref="CoachingOptions.CoachHistoryMonths"/> are used);
    /// null for <see cref="CoachingOptions.Default"/>.</param>
    /// <returns>The caseload.</returns>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="options"/> is null.</exception>
    /// <exception cref="InvalidOptionsException">An option breaks <see cref="CoachingOptions.Validate"/>.</exception>
    /// <exception cref="UnknownNodeException"><paramref name="coachId"/> names no node.</exception>
    /// <exception cref="WrongNodeKindException"><paramref name="coachId"/> is not a coach.</exception>
    public static CoachCaseload Caseload(SocialGraph graph, CoachingHistory history, string coachId, CoachingOptions? options = null)
    {
        Guard.NotNull(graph);
        Guard.NotNull(history);
        Guard.NotNull(coachId);
        options ??= CoachingOptions.Default;
        options.ThrowIfInvalid();
        var coach = graph.IndexOf(coachId, NodeKind.Coach);
        var day = new Day(graph, history, options);
        var citizens = new List<(int Node, CitizenCoaching Row)>();
        foreach (var id in history.CitizensOf(coachId)) // ordinal order of ids
        {
            if (!graph.TryGetIndex(id, out var u) || graph.Kind(u) != NodeKind.Citizen) continue;
            var row = day.Citizen(id, out var current);
            if (current == coach) citizens.Add((u, row));
        }
        return day.Coach(coach, [.. citizens]);
    }

    private static CoachingTally? Get(CoachingTally?[] tallies, int code) => code == 0 ? null : tallies[code] ??= new CoachingTally();

    private static CoachingGroup[] Groups(CoachingTally?[] tallies, string?[] names, int minCellSize)
    {
        var rows = new List<CoachingGroup>();
        for (var code = 1; code < tallies.Length; code++)
            if (tallies[code] is { } tally) rows.Add(tally.Row(names[code]!, minCellSize));
        rows.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return [.. rows];
    }

    /// <summary>The day of the report, its windows, and the measures of one citizen and one coach on it.</summary>
    private sealed class Day
    {
        private readonly SocialGraph _graph;
        private readonly CoachingHistory _history;
        private readonly CoachingOptions _options;
        private readonly Func<string, bool> _isCoach;
        private readonly DateOnly _historyFrom, _contactsFrom, _outcomeStart;

        public Day(SocialGraph graph, CoachingHistory history, CoachingOptions options)
        {
            _graph = graph;
            _history = history;
            _options = options;
            AsOf = options.AsOf ?? graph.AsOf;
            _isCoach = id => graph.TryGetIndex(id, out var c) && graph.Kind(c) == NodeKind.Coach;
            _historyFrom = MonthsBefore(AsOf, options.CoachHistoryMonths).AddDays(1);
            _contactsFrom = DaysBefore(AsOf, options.ContactWindowDays - 1);
            _outcomeStart = MonthsBefore(AsOf, options.OutcomeMonths);
        }

        public DateOnly AsOf { get; }

        /// <summary>Whether a person is in the area and hub asked for.</summary>
        public bool InPopulation(int u) =>
            (_options.Area is null || _graph.Area(u) == _options.Area) && (_options.Hub is null || _graph.Hub(u) == _options.Hub);

        /// <summary>A citizen's measures, and the index of their current coach (-1 when none).</summary>
        public CitizenCoaching Citizen(string citizen, out int coach)
        {
            var spells = _history.SpellsOf(citizen);
            var current = _history.CurrentCoach(_graph, citizen, AsOf);
            coach = current is { } s ? _graph.IndexOf(s.Coach) : -1;
            DateOnly? since = null;
            int? months = null;
            if (current is { } spell && StretchStart(spells, spell) is { } first)
            {
                since = first;
                months = WholeMonths(first, AsOf);
            }

            var distinct = 0;
            for (var i = 0; i < spells.Length; i++)
            {
                if (!spells[i].Overlaps(_historyFrom, AsOf) || !_isCoach(spells[i].Coach)) continue;
                var seen = false;
                for (var j = 0; j < i && !seen; j++)
                    seen = spells[j].Coach == spells[i].Coach && spells[j].Overlaps(_historyFrom, AsOf); // the same coach: counted alike
                if (!seen) distinct++;
            }

            var contacts = _history.ContactsOf(citizen);
            var last = contacts.Length - 1;
            while (last >= 0 && contacts[last].Date > AsOf) last--;
            var recent = 0;
            for (var i = last; i >= 0 && contacts[i].Date >= _contactsFrom; i--) recent++;
            DateOnly? lastContact = last >= 0 ? contacts[last].Date : null;
            int? days = lastContact is { } d ? AsOf.DayNumber - d.DayNumber : null;
            return new CitizenCoaching
            {
                Citizen = citizen,
                Coach = current?.Coach,
                Since = since,
                MonthsWithCoach = months,
                DistinctCoaches = distinct,
                LastContact = lastContact,
                DaysSinceContact = days,
                RecentContacts = recent,
                NotMet = days is not { } known || known > _options.NotMetDays,
            };
        }

        /// <summary>Where a citizen coached on the outcome's start day stands: not followed (not coached then, or not out of
        /// work then), without history, kept their coach, or changed; and whether in work on the report's day.</summary>
        public CoachingOutcome Outcome(string citizen, StatusTimeline statuses)
        {
            if (_history.CurrentCoach(_graph, citizen, _outcomeStart) is not { } then) return default;
            if (!statuses.HasHistory(citizen)) return new CoachingOutcome(CoachingOutcomeGroup.WithoutHistory, false);
            if (statuses.On(citizen, _outcomeStart)?.ToWorkStatus() != WorkStatus.OutOfWork) return default;
            var inWork = statuses.On(citizen, AsOf)?.ToWorkStatus() == WorkStatus.InWork;
            return new CoachingOutcome(Kept(citizen, then) ? CoachingOutcomeGroup.Kept : CoachingOutcomeGroup.Changed, inWork);
        }

        /// <summary>Whether no other coach than the one of <paramref name="then"/> (current on the outcome's start day) is
        /// the citizen's current coach on any day from then to the report's day. Days without a coach do not break it:
        /// coaching ends when a citizen moves into work, and that is the outcome, not a change of coach. The current coach
        /// changes only on a day a spell begins or ends, so those days (and the report's day) are the ones checked.</summary>
        private bool Kept(string citizen, CoachingSpell then)
        {
            if (_history.CurrentCoach(_graph, citizen, AsOf) is { } now && now.Coach != then.Coach) return false;
            foreach (var s in _history.SpellsOf(citizen))
            {
                if (s.Since is { } begun && Changes(citizen, begun, then.Coach)) return false;
                if (s.Until is { } ended && Changes(citizen, ended, then.Coach)) return false;
            }
            return true;
        }

        private bool Changes(string citizen, DateOnly day, string coach) =>
            day > _outcomeStart && day <= AsOf && _history.CurrentCoach(_graph, citizen, day) is { } current && current.Coach != coach;

        /// <summary>A coach's row from their caseload's citizens (in id order).</summary>
        public CoachCaseload Coach(int coach, (int Node, CitizenCoaching Row)[] citizens)
        {
            var byStatus = new int[5];
            var byAge = new int[6];
            var byNeed = new Dictionary<string, int>(StringComparer.Ordinal);
            var rows = new CitizenCoaching[citizens.Length];
            int notMet = 0, noNeed = 0;
            for (var i = 0; i < citizens.Length; i++)
            {
                var (u, row) = citizens[i];
                rows[i] = row;
                if (row.NotMet) notMet++;
                byStatus[(int)_graph.WorkStatus(u)]++;
                byAge[(int)_graph.AgeBand(u)]++;
                var needs = CoachNeeds.Of(_graph, u);
                foreach (var name in needs) byNeed[name] = byNeed.GetValueOrDefault(name) + 1;
                if (needs.Length == 0) noNeed++;
            }
            var capacity = _graph.Capacity(coach);
            var status = new List<CategoryCount>();
            foreach (var s in new[] { WorkStatus.InWork, WorkStatus.OutOfWork, WorkStatus.Student, WorkStatus.Retired, WorkStatus.Unknown })
                if (byStatus[(int)s] > 0) status.Add(new CategoryCount(s == WorkStatus.Unknown ? Unknown : s.Name(), byStatus[(int)s]));
            var age = new List<CategoryCount>();
            for (var b = 1; b <= byAge.Length; b++)
                if (byAge[b % byAge.Length] > 0) age.Add(new CategoryCount(b == byAge.Length ? Unknown : ((AgeBand)b).Name(), byAge[b % byAge.Length]));
            var need = new List<CategoryCount>();
            foreach (var (name, count) in byNeed.OrderBy(p => p.Key, StringComparer.Ordinal)) need.Add(new CategoryCount(name, count));
            if (noNeed > 0) need.Add(new CategoryCount(NoNeed, noNeed));
            return new CoachCaseload
            {
                Coach = _graph.Id(coach),
                Hub = _graph.Hub(coach),
                Area = _graph.Area(coach),
                ActiveCaseload = citizens.Length,
                Capacity = capacity,
                OverCapacity = capacity is { } limit && citizens.Length > limit,
                NotMet = notMet,
                Citizens = rows,
                ByWorkStatus = status,
                ByAgeBand = age,
                ByNeed = need,
            };
        }
    }

    /// <summary>The category of an unknown work status or age band in a caseload's mix.</summary>
    public const string Unknown = "unknown";

    /// <summary>The category of citizens with no need in a caseload's mix.</summary>
    public const string NoNeed = "(none)";

    /// <summary>The first day of the unbroken stretch with <paramref name="spell"/>'s coach that holds it: spells of that
    /// coach that overlap or touch (one ends on the day the next begins, or later) join. Null when unknown.</summary>
    private static DateOnly? StretchStart(ReadOnlySpan<CoachingSpell> spells, CoachingSpell spell)
    {
        if (spell.Since is not { } first) return null;
        // Spells are by start: going back from the latest, a spell that begins before the stretch and reaches it extends it.
        for (var i = spells.Length - 1; i >= 0; i--)
        {
            var s = spells[i];
            if (s.Coach != spell.Coach || (s.Since is { } b && b >= first)) continue;
            if (s.Until is { } end && end < first) continue;
            if (s.Since is not { } begun) return null;
            first = begun;
        }
        return first;
    }

    /// <summary>Whole calendar months from <paramref name="from"/> to <paramref name="to"/>: the largest m with
    /// from + m months ≤ to (a month added to the 31st ends on the month's last day).</summary>
    internal static int WholeMonths(DateOnly from, DateOnly to)
    {
        var m = ((to.Year - from.Year) * 12) + to.Month - from.Month;
        if (m > 0 && from.AddMonths(m) > to) m--;
        return Math.Max(m, 0);
    }

    private static DateOnly MonthsBefore(DateOnly day, int months) =>
        (day.Year * 12) + day.Month - 1 - months >= 12 ? day.AddMonths(-months) : DateOnly.MinValue;

    private static DateOnly DaysBefore(DateOnly day, int days) =>
        day.DayNumber >= days ? DateOnly.FromDayNumber(day.DayNumber - days) : DateOnly.MinValue;
}
