using System.Globalization;
using MathNet.Numerics.Distributions;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Model;

namespace SocialCapital.Metrics;

/// <summary>The local evidence on in-work contacts (docs/measures.md#evidence): a discrete-time logistic model of moving into
/// work within a window (default 6 months) for citizens out of work at its start, with the number of in-work contacts at
/// the start as the exposure and age band, SES band, time out of work and area (fixed effects) as controls; standard errors
/// cluster-robust by area (CR1), intervals with Student's t on areas − 1 degrees of freedom. An association, not a causal
/// effect. Pure; safe to call from any number of threads.</summary>
public static class Evidence
{
    /// <summary>The literature's relative effect of one more employed contact, low end: 13% (Cappellari &amp; Tatsiramos 2015).</summary>
    public const double LiteratureLow = 0.13;

    /// <summary>The literature's relative effect, high end: 15% (the figure the Universal Work Service briefing quotes).</summary>
    public const double LiteratureHigh = 0.15;

    /// <summary>The fewest areas (clusters) the model is fitted with: 5. Cluster-robust errors rest on the areas, and with few
    /// of them they are imprecise (Cameron &amp; Miller 2015): below 20 the result says so.</summary>
    public const int MinClusters = 5;

    /// <summary>The fewest events — and non-events — per coefficient the model is fitted with: 5. Below it a logistic
    /// model's estimates and intervals go wrong more often; from 5 on they rarely do (Vittinghoff &amp; McCulloch 2007,
    /// relaxing the older rule of 10 of Peduzzi et al. 1996).</summary>
    public const int EventsPerCoefficient = 5;

    /// <summary>The bands of time out of work at the start, in whole months: 0-5, 6-11, 12-23, 24+.</summary>
    public static IReadOnlyList<string> TimeOutOfWorkBands => OutOfWorkSpell.Bands;

    /// <summary>Fits the model to a dataset: for each start date (<see cref="EvidenceOptions.Periods"/> windows back from
    /// <see cref="EvidenceOptions.AsOf"/>), the citizens out of work on it (by the status history, else their record),
    /// their in-work contacts on it (people joined by a person–person tie active that day, as every in-work measure counts
    /// contacts, who were in work that day), their controls, and whether a change into work is recorded after the start and
    /// on or before the window's end.</summary>
    /// <param name="dataset">The dataset, with its status history.</param>
    /// <param name="options">Options; null for <see cref="EvidenceOptions.Default"/>.</param>
    /// <returns>The estimate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dataset"/> is null.</exception>
    /// <exception cref="InvalidOptionsException">An option breaks <see cref="EvidenceOptions.Validate"/>.</exception>
    /// <exception cref="EvidenceException">No status history, no change in it after the first start, too few areas, events
    /// or non-events, or a fit that does not converge; the message says which.</exception>
    /// <exception cref="OperationCanceledException">The options' token was cancelled.</exception>
    public static EvidenceResult Compute(Dataset dataset, EvidenceOptions? options = null)
    {
        Guard.NotNull(dataset);
        options ??= EvidenceOptions.Default;
        InvalidOptionsException.ThrowIfAny(options.Validate());
        var periods = PersonPeriods.Of(dataset, options);
        return Fit(periods, options.CancellationToken);
    }

    /// <summary>The people-periods of a dataset: one row per citizen out of work on a start date.</summary>
    internal sealed class PersonPeriods
    {
        public List<bool> Moved { get; } = [];
        public List<double> Exposure { get; } = [];
        public List<int> Age { get; } = [];
        public List<int> Ses { get; } = [];
        public List<int> Duration { get; } = [];
        public List<int> Area { get; } = [];

        /// <summary>Area names by code, codes in ordinal order of the names (0: no area).</summary>
        public List<string> AreaNames { get; } = [];

        public List<DateOnly> Starts { get; } = [];
        public int WindowMonths { get; init; }

        public int Count => Moved.Count;

        public static PersonPeriods Of(Dataset dataset, EvidenceOptions options)
        {
            if (dataset.StatusHistory.Count == 0)
                throw new EvidenceException("The dataset has no status history (status_history.csv): the evidence model needs people's dated employment changes.");
            var history = EmploymentHistory.Of(dataset.StatusHistory);
            var end = options.AsOf ?? DateOnly.FromDateTime(DateTime.UtcNow);
            var window = options.WindowMonths;
            var first = end.AddMonths(-window * options.Periods);
            var latest = dataset.StatusHistory.Max(c => c.Date);
            if (latest <= first)
                throw new EvidenceException(string.Create(CultureInfo.InvariantCulture,
                    $"The status history's last change is on {latest:yyyy-MM-dd}, not after the first window's start ({first:yyyy-MM-dd}): give the day the history runs to as the as-of date."));
            var table = new PersonPeriods { WindowMonths = window };
            var areaCodes = new Dictionary<string, int>(StringComparer.Ordinal);
            var names = dataset.Nodes.Select(n => n.Area).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            table.AreaNames.Add("");
            foreach (var name in names) { areaCodes[name] = table.AreaNames.Count; table.AreaNames.Add(name); }
            for (var j = options.Periods; j >= 1; j--)
            {
                options.CancellationToken.ThrowIfCancellationRequested();
                var start = end.AddMonths(-window * j);
                table.Starts.Add(start);
                table.Add(dataset.ToGraph(new GraphOptions { AsOf = start }), history, start, start.AddMonths(window), areaCodes, options.Areas);
            }
            return table;
        }

        private void Add(SocialGraph graph, EmploymentHistory history, DateOnly start, DateOnly end, Dictionary<string, int> areaCodes,
            IReadOnlySet<string>? areas)
        {
            var timeline = new StatusTimeline(graph, history, end);
            var inWork = new bool[graph.NodeCount];
            for (var v = 0; v < inWork.Length; v++)
                inWork[v] = graph.IsPerson(v) && timeline.On(graph.Id(v), start)?.ToWorkStatus() == WorkStatus.InWork;
            for (var u = 0; u < graph.NodeCount; u++)
            {
                if (graph.Kind(u) != NodeKind.Citizen) continue;
                if (areas is not null && (graph.Area(u) is not { } home || !areas.Contains(home))) continue;
                var id = graph.Id(u);
                if (timeline.On(id, start)?.ToWorkStatus() != WorkStatus.OutOfWork) continue;
                var k = 0;
                foreach (var v in graph.Neighbors(u)) if (inWork[v]) k++;
                Moved.Add(timeline.MovesIntoWork(id, start, end));
                Exposure.Add(k);
                Age.Add((int)graph.AgeBand(u));
                Ses.Add(NodeGroupings.Derived("ses_band", graph.Nodes, u));
                Duration.Add(history.TryGet(id, out var changes) && OutOfWorkSpell.Band(changes, c => c.Date, c => c.Employment, start) is var b and >= 0
                    ? b : TimeOutOfWorkBands.Count);
                Area.Add(graph.Area(u) is { } area ? areaCodes[area] : 0);
            }
        }

        /// <summary>The name of a level of a factor.</summary>
        public string Level(int factor, int code) => factor switch
        {
            0 => "age_band=" + ((AgeBand)code == AgeBand.Unknown ? "unknown" : ((AgeBand)code).Name()),
            1 => "ses_band=" + (code == 0 ? "unknown" : code == 2 ? "high" : "low"),
            2 => "time_out_of_work=" + (code < TimeOutOfWorkBands.Count ? TimeOutOfWorkBands[code] + " months" : "unknown"),
            _ => "area=" + (code == 0 ? "(none)" : AreaNames[code]),
        };
    }

    /// <summary>Fits the model to people-periods and puts the result together.</summary>
    internal static EvidenceResult Fit(PersonPeriods table, CancellationToken token = default)
    {
        var fit = LogisticFit.Run(table.Moved, table.Exposure, [table.Age, table.Ses, table.Duration, table.Area], table.Level, token);
        var g = fit.Clusters;
        var caveats = new List<string>
        {
            "Association, not causation: the odds ratio compares citizens out of work with more and with fewer in-work contacts who are alike in age band, SES band, time out of work and area.",
            "It reads as an effect only if nothing unmeasured that raises the chance of finding work also comes with more in-work contacts, given those controls. Homophily is the main threat: people who are more employable in ways the data do not show (skills, health, motivation) may also befriend more people in work, which would make the estimate too high.",
            string.Create(CultureInfo.InvariantCulture, $"Contacts are counted on each window's start day (ties active then, people in work then), and the status history is taken as complete: a citizen with no recorded change into work within {table.WindowMonths} months did not move."),
            "The odds ratio is close to the relative risk while chances are small (around 10%); the average relative risk, the mean chance with one more in-work contact over the mean chance as observed, states the relative change directly.",
        };
        if (g < 20)
            caveats.Add(string.Create(CultureInfo.InvariantCulture, $"Only {g} areas: cluster-robust standard errors rest on the areas and are imprecise with few of them; the intervals use Student's t with {g - 1} degrees of freedom (Cameron & Miller 2015)."));
        if (fit.Dropped > 0)
            caveats.Add(string.Create(CultureInfo.InvariantCulture, $"{fit.Dropped} people-periods were left out: they are in an area or band where nobody (or everybody) moved into work, which tells a logistic model nothing about contacts."));
        if (table.Starts.Count > 1)
            caveats.Add("A citizen out of work at several start dates counts once per window; the clustering by area allows for that, as a person lives in one area.");
        return new EvidenceResult
        {
            WindowMonths = table.WindowMonths,
            Starts = table.Starts,
            PeoplePeriods = fit.N,
            Events = fit.Events,
            Clusters = g,
            Dropped = fit.Dropped,
            MeanInWorkContacts = fit.MeanExposure,
            Coefficient = fit.Beta[1],
            StandardError = fit.StandardErrors[1],
            CriticalValue = fit.CriticalValue,
            RelativeRisk = fit.RelativeRisk,
            RelativeRiskLow = fit.RelativeRiskLow,
            RelativeRiskHigh = fit.RelativeRiskHigh,
            Iterations = fit.Iterations,
            Terms = [.. fit.Names.Select((name, j) => new EvidenceTerm(name, fit.Beta[j], fit.StandardErrors[j]))],
            Caveats = caveats,
        };
    }

    /// <summary>The critical value of a two-sided 95% interval from Student's t with <paramref name="df"/> degrees of freedom.</summary>
    internal static double Critical(int df) => StudentT.InvCDF(0, 1, df, 0.975);
}
