using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Live;
using SocialCapital.Metrics;
using SocialCapital.Model;

namespace SocialCapital.Tests.Metrics;

/// <summary>The caseload and continuity measures on a hand-computed service (report as of 2026-12-01; not met = over 30
/// days, contacts over the 90 days from 2026-09-03, distinct coaches from 2025-12-02, outcomes from 2026-06-01):
/// <list type="bullet">
/// <item>Coaches k1 (A, H1, capacity 2, health;ips), k2 (A, H1, capacity 5, young_people), k3 (B, H2, no capacity).</item>
/// <item>c1 (A, H1, employed; history: out of work → in work 10-01; 25-34, goals health;cooking): k1 since 03-01 → 9 months; contacts
/// 08-01, 10-01, 11-20 → last 11-20, 11 days, 2 recent. Kept k1 through the outcome window, in work: kept, in work.</item>
/// <item>c2 (A, H1, employed, 16-24, goals young_people;health): k1 2025-01-15 – 2026-06-01, then k1 again from 06-01
/// (touching: one stretch) → since 2025-01-15, 22 months; contacts 09-03 (the window's first day), 12-05 (after the
/// day: ignored) → 89 days, 1 recent, not met. In work at the outcome start: not followed.</item>
/// <item>c3 (A, H1, out of work, 50-64): k2 01-01 – 09-01 (ended), k1 from 09-01 → k1, 3 months, 2 distinct coaches;
/// never met. Changed coach, not in work.</item>
/// <item>c4 (B, H2, status and age unknown): two running spells, k3 from 02-01 and k2 from 05-01 → k2 (began last),
/// 7 months, 2 distinct; met by k3 on 11-01: 30 days, not "not met". No history: outcome without history.</item>
/// <item>c5 (A, H2, out of work): never coached. c6 (B, H2): a future spell with k3 (2027-01-01) only: not coached,
/// 0 distinct coaches.</item>
/// <item>c7 (A, H1, inactive → employed 11-01, 35-49): k2 with no known start → since and months unknown; met 06-01
/// (183 days). Kept, in work.</item>
/// </list></summary>
public class CoachingMetricsTests
{
    private static readonly DateOnly AsOf = new(2026, 12, 1);

    private static DateOnly D(int month, int day, int year = 2026) => new(year, month, day);

    private static NodeRecord Coach(string id, string area, string hub, int? capacity, params string[] specialisms) =>
        new(id, NodeKind.Coach) { Area = area, Hub = hub, Capacity = capacity, Specialisms = specialisms };

    private static NodeRecord Person(string id, string area, string hub, Employment employment, AgeBand age, params string[] goals) =>
        new(id, NodeKind.Citizen) { Area = area, Hub = hub, Employment = employment, AgeBand = age, Goals = goals };

    private static TieRecord Coaching(string coach, string citizen, DateOnly? since, DateOnly? until = null) =>
        new(coach, citizen, TieKind.Coaching) { Since = since, Until = until };

    private static ContactRecord Met(string coach, string citizen, DateOnly day) => new(coach, citizen, day, ContactChannel.InPerson);

    internal static Dataset Service() => Dataset.Create(
        [
            Coach("k1", "A", "H1", 2, "health", "ips"),
            Coach("k2", "A", "H1", 5, "young_people"),
            Coach("k3", "B", "H2", null),
            Person("c1", "A", "H1", Employment.Employed, AgeBand.Age25To34, "health", "cooking"),
            Person("c2", "A", "H1", Employment.Employed, AgeBand.Age16To24, "young_people", "health"),
            Person("c3", "A", "H1", Employment.Unemployed, AgeBand.Age50To64),
            Person("c4", "B", "H2", Employment.Unknown, AgeBand.Unknown),
            Person("c5", "A", "H2", Employment.Unemployed, AgeBand.Age25To34),
            Person("c6", "B", "H2", Employment.Unemployed, AgeBand.Age25To34),
            Person("c7", "A", "H1", Employment.Inactive, AgeBand.Age35To49),
        ],
        [
            Coaching("k1", "c1", D(3, 1)),
            Coaching("k1", "c2", D(1, 15, 2025), D(6, 1)),
            Coaching("k1", "c2", D(6, 1)),
            Coaching("k2", "c3", D(1, 1), D(9, 1)),
            Coaching("k1", "c3", D(9, 1)),
            Coaching("k3", "c4", D(2, 1)),
            Coaching("k2", "c4", D(5, 1)),
            Coaching("k3", "c6", D(1, 1, 2027)),
            Coaching("k2", "c7", null),
            TestData.Friend("c1", "c5"),
        ],
        statusHistory:
        [
            new StatusChange("c1", D(1, 1), Employment.Unemployed), new StatusChange("c1", D(10, 1), Employment.Employed),
            new StatusChange("c2", D(6, 1, 2025), Employment.Employed),
            new StatusChange("c3", D(1, 1), Employment.Unemployed),
            new StatusChange("c7", D(1, 1), Employment.Inactive), new StatusChange("c7", D(11, 1), Employment.Employed),
        ],
        contacts:
        [
            Met("k1", "c1", D(8, 1)), Met("k1", "c1", D(10, 1)), Met("k1", "c1", D(11, 20)),
            Met("k1", "c2", D(9, 3)), Met("k1", "c2", D(12, 5)),
            Met("k3", "c4", D(11, 1)),
            Met("k2", "c7", D(6, 1)),
        ]);

    private static readonly CoachingOptions Exact = new() { AsOf = AsOf, MinCellSize = 0 };

    private static CitizenCoaching Row(string citizen, string coach, DateOnly? since, int? months, int distinct, DateOnly? last, int? days,
        int recent, bool notMet) => new()
        {
            Citizen = citizen, Coach = coach, Since = since, MonthsWithCoach = months, DistinctCoaches = distinct,
            LastContact = last, DaysSinceContact = days, RecentContacts = recent, NotMet = notMet,
        };

    [Fact]
    public void Compute_Service_CitizenMeasuresMatchTheHandComputedValues()
    {
        var report = CoachingMetrics.Compute(Service(), Exact);
        Assert.Equal(["k1", "k2", "k3"], report.Coaches.Select(c => c.Coach));
        Assert.Equal(
        [
            Row("c1", "k1", D(3, 1), 9, 1, D(11, 20), 11, 2, false),
            Row("c2", "k1", D(1, 15, 2025), 22, 1, D(9, 3), 89, 1, true),
            Row("c3", "k1", D(9, 1), 3, 2, null, null, 0, true),
        ], report.Coaches[0].Citizens);
        Assert.Equal(
        [
            Row("c4", "k2", D(5, 1), 7, 2, D(11, 1), 30, 1, false),
            Row("c7", "k2", null, null, 1, D(6, 1), 183, 0, true),
        ], report.Coaches[1].Citizens);
        Assert.Empty(report.Coaches[2].Citizens);
    }

    [Fact]
    public void Compute_Service_CoachRowsMatchTheHandComputedValues()
    {
        var report = CoachingMetrics.Compute(Service(), Exact);
        var (k1, k2, k3) = (report.Coaches[0], report.Coaches[1], report.Coaches[2]);
        Assert.Equal(("H1", "A", 3, 2, true, 2), (k1.Hub, k1.Area, k1.ActiveCaseload, k1.Capacity, k1.OverCapacity, k1.NotMet));
        Assert.Equal([new("in_work", 2), new("out_of_work", 1)], k1.ByWorkStatus); // the records' employment: c1 is employed now
        Assert.Equal([new("16-24", 1), new("25-34", 1), new("50-64", 1)], k1.ByAgeBand);
        Assert.Equal([new("health", 2), new("young_people", 1), new(CoachingMetrics.NoNeed, 1)], k1.ByNeed); // cooking is no coach's specialism
        Assert.Equal((2, 5, false, 1), (k2.ActiveCaseload, k2.Capacity, k2.OverCapacity, k2.NotMet));
        Assert.Equal([new("out_of_work", 1), new(CoachingMetrics.Unknown, 1)], k2.ByWorkStatus);
        Assert.Equal([new("35-49", 1), new(CoachingMetrics.Unknown, 1)], k2.ByAgeBand);
        Assert.Equal([new(CoachingMetrics.NoNeed, 2)], k2.ByNeed);
        // c4's spell with k3 still runs, but c4 counts once, with k2 (begun last); no capacity: never over it.
        Assert.Equal((0, null, false, 0), (k3.ActiveCaseload, k3.Capacity, k3.OverCapacity, k3.NotMet));
        Assert.Empty(k3.ByNeed);
    }

    [Fact]
    public void Compute_Service_AreaAndHubRowsMatchTheHandComputedValues()
    {
        var report = CoachingMetrics.Compute(Service(), Exact);
        Assert.False(report.Suppressed);
        Assert.Equal(["A", "B"], report.Areas.Select(a => a.Name));
        Assert.Equal(new CoachingGroup
        {
            Name = "A", Citizens = 5, CoachedCitizens = 4, StableCoachShare = 2.0 / 3, UnknownSince = 1, MedianDaysSinceContact = 89,
            NeverMet = 1, Coaches = 2, CaseloadGini = 0.1, CaseloadMaxToMedian = 1.2, CoachesOverCapacity = 1,
            KeptCoachCitizens = 2, KeptCoachInWork = 2, KeptCoachInWorkShare = 1.0,
            ChangedCoachCitizens = 1, ChangedCoachInWork = 0, ChangedCoachInWorkShare = 0.0, OutcomeWithoutHistory = 0,
        }, report.Areas[0]);
        Assert.Equal(new CoachingGroup
        {
            Name = "B", Citizens = 2, CoachedCitizens = 1, StableCoachShare = 1.0, UnknownSince = 0, MedianDaysSinceContact = 30,
            NeverMet = 0, Coaches = 1, CaseloadGini = null, CaseloadMaxToMedian = null, CoachesOverCapacity = 0,
            KeptCoachCitizens = 0, KeptCoachInWork = 0, KeptCoachInWorkShare = null,
            ChangedCoachCitizens = 0, ChangedCoachInWork = 0, ChangedCoachInWorkShare = null, OutcomeWithoutHistory = 1,
        }, report.Areas[1]);
        Assert.Equal(["H1", "H2"], report.Hubs.Select(h => h.Name));
        // H1: c1, c2, c3, c7 (c5 is served by H2), all coached; H2: c4, c5, c6, one coached, coach k3 with none.
        Assert.Equal((4, 4, 2.0 / 3, 1, 89.0, 1), (report.Hubs[0].Citizens, report.Hubs[0].CoachedCitizens, report.Hubs[0].StableCoachShare,
            report.Hubs[0].UnknownSince, report.Hubs[0].MedianDaysSinceContact, report.Hubs[0].NeverMet));
        Assert.Equal((3, 1, 1, 1), (report.Hubs[1].Citizens, report.Hubs[1].CoachedCitizens, report.Hubs[1].Coaches, report.Hubs[1].OutcomeWithoutHistory));
        Assert.Null(report.Hubs[1].CaseloadGini); // every caseload 0
    }

    [Fact]
    public void Compute_SmallCells_SuppressedWithTheirTotalsAndFlagged()
    {
        var report = CoachingMetrics.Compute(Service(), Exact with { MinCellSize = 3 });
        var a = report.Areas[0];
        Assert.True(report.Suppressed);
        Assert.True(a.Suppressed);
        Assert.Equal(5, a.Citizens);
        Assert.Null(a.CoachedCitizens); // 4 shown with 5 would reveal the 1 uncoached: secondary suppression
        Assert.Null(a.StableCoachShare); // 2 stable
        Assert.Null(a.UnknownSince);
        Assert.Equal(89, a.MedianDaysSinceContact); // over 3 met
        Assert.Null(a.NeverMet);
        Assert.Equal((2, 1.2, 1), (a.Coaches, a.CaseloadMaxToMedian, a.CoachesOverCapacity)); // coaches' figures are not cells of citizens
        Assert.Equal((null, null, null), (a.KeptCoachCitizens, a.KeptCoachInWork, a.KeptCoachInWorkShare));
        Assert.Equal((null, null, null), (a.ChangedCoachCitizens, a.ChangedCoachInWork, a.ChangedCoachInWorkShare)); // 0 in work of a hidden 1 is hidden too
        var b = report.Areas[1];
        Assert.Equal((null, null, null), (b.Citizens, b.CoachedCitizens, b.OutcomeWithoutHistory));
        // Coach rows are the coach's own operational view: never suppressed.
        Assert.Equal(3, report.Coaches[0].ActiveCaseload);
    }

    [Fact]
    public void Compute_AreaFilter_KeepsThatAreasPeopleOnly()
    {
        var report = CoachingMetrics.Compute(Service(), Exact with { Area = "B" });
        Assert.Equal(["k3"], report.Coaches.Select(c => c.Coach));
        Assert.Equal(["B"], report.Areas.Select(a => a.Name));
        Assert.Equal(["H2"], report.Hubs.Select(h => h.Name));
        Assert.Equal(2, report.Hubs[0].Citizens); // c4, c6: c5 lives in A
        Assert.Equal("B", report.Options.Area);
        Assert.Equal(AsOf, report.Options.AsOf);
    }

    [Fact]
    public void Compute_HubFilter_KeepsThatHubsPeopleOnly()
    {
        var report = CoachingMetrics.Compute(Service(), Exact with { Hub = "H2" });
        Assert.Equal(["k3"], report.Coaches.Select(c => c.Coach));
        Assert.Equal(["A", "B"], report.Areas.Select(a => a.Name));
        Assert.Equal((1, 0), (report.Areas[0].Citizens, report.Areas[0].Coaches)); // c5 only
    }

    [Fact]
    public void Compute_EarlierDay_FutureSpellsAndContactsAreNotYet()
    {
        // On 2026-04-01: c2 is in their first spell with k1, c3 with k2; c4 only with k3; c1 not yet met.
        var report = CoachingMetrics.Compute(Service(), Exact with { AsOf = D(4, 1) });
        Assert.Equal(["c1", "c2"], report.Coaches[0].Citizens.Select(c => c.Citizen));
        Assert.Equal(["c3", "c7"], report.Coaches[1].Citizens.Select(c => c.Citizen));
        Assert.Equal(["c4"], report.Coaches[2].Citizens.Select(c => c.Citizen));
        var c1 = report.Coaches[0].Citizens[0];
        Assert.Equal((1, (DateOnly?)null, (int?)null, 0, true), (c1.MonthsWithCoach, c1.LastContact, c1.DaysSinceContact, c1.RecentContacts, c1.NotMet));
    }

    [Fact]
    public void Compute_NoContactsNoCoaching_EveryoneUncoachedNothingBreaks()
    {
        var dataset = Dataset.Create([Coach("k1", "A", "H1", 0), Person("c1", "A", "H1", Employment.Unemployed, AgeBand.Unknown)], []);
        var report = CoachingMetrics.Compute(dataset, Exact);
        Assert.Equal(0, report.Coaches[0].ActiveCaseload);
        Assert.False(report.Coaches[0].OverCapacity); // 0 is not above a capacity of 0
        var a = report.Areas[0];
        Assert.Equal((1, 0, null, 0, null, 0), (a.Citizens, a.CoachedCitizens, a.StableCoachShare, a.UnknownSince, a.MedianDaysSinceContact, a.NeverMet));
        Assert.Equal((1, (double?)null, (double?)null), (a.Coaches, a.CaseloadGini, a.CaseloadMaxToMedian));
    }

    [Fact]
    public void Compute_GapAnotherCoachOrTouchingSpells_KeptUnlessAnotherCoachCame()
    {
        // From 2026-06-01: c1 leaves k1 on 07-01 and comes back on 07-15 (a gap without a coach: kept); c2's spells touch
        // (kept); c3 has k2 between two spells with k1 (changed).
        var dataset = Dataset.Create(
            [
                Coach("k1", "A", "H1", 5),
                Person("c1", "A", "H1", Employment.Unemployed, AgeBand.Unknown),
                Person("c2", "A", "H1", Employment.Unemployed, AgeBand.Unknown),
                Coach("k2", "A", "H1", 5),
                Person("c3", "A", "H1", Employment.Unemployed, AgeBand.Unknown),
            ],
            [
                Coaching("k1", "c1", D(1, 1), D(7, 1)), Coaching("k1", "c1", D(7, 15)),
                Coaching("k1", "c2", D(1, 1), D(7, 1)), Coaching("k1", "c2", D(7, 1)),
                Coaching("k1", "c3", D(1, 1), D(7, 1)), Coaching("k2", "c3", D(7, 1), D(7, 15)), Coaching("k1", "c3", D(7, 15)),
            ],
            statusHistory:
            [
                new StatusChange("c1", D(1, 1), Employment.Unemployed), new StatusChange("c2", D(1, 1), Employment.Unemployed),
                new StatusChange("c3", D(1, 1), Employment.Unemployed),
            ]);
        var report = CoachingMetrics.Compute(dataset, Exact);
        Assert.Equal((2, 1), (report.Areas[0].KeptCoachCitizens, report.Areas[0].ChangedCoachCitizens));
        Assert.Equal([D(7, 15), D(1, 1), D(7, 15)], report.Coaches.Single(c => c.Coach == "k1").Citizens.Select(c => c.Since)); // c2's stretch began 01-01
    }

    [Fact]
    public void Compute_CoachingTieFromANonCoach_DoesNotCount()
    {
        var dataset = Dataset.Create(
            [Person("c1", "A", "H1", Employment.Unemployed, AgeBand.Unknown), Person("c2", "A", "H1", Employment.Unemployed, AgeBand.Unknown)],
            [Coaching("c1", "c2", D(1, 1))]);
        var report = CoachingMetrics.Compute(dataset, Exact);
        Assert.Empty(report.Coaches);
        Assert.Equal(0, report.Areas[0].CoachedCitizens);
    }

    [Fact]
    public void Caseload_EachCoach_EqualsTheCoachsRowOfTheReport()
    {
        var dataset = Service();
        var graph = dataset.ToGraph(new GraphOptions { AsOf = AsOf });
        var history = CoachingHistory.Of(dataset.Ties, dataset.Contacts);
        var report = CoachingMetrics.Of(graph, history, EmploymentHistory.Of(dataset.StatusHistory), Exact);
        foreach (var row in report.Coaches)
            Assert.Equal(Json(row), Json(CoachingMetrics.Caseload(graph, history, row.Coach, Exact)));
    }

    [Fact]
    public void Caseload_LiveSnapshot_ReadsItsCoachingHistory()
    {
        var live = LiveGraph.Create(Service(), new LiveGraphOptions { Graph = new GraphOptions { AsOf = AsOf } });
        var snapshot = live.Current;
        var caseload = CoachingMetrics.Caseload(snapshot.Graph, snapshot.Coaching, "k1", Exact);
        Assert.Equal(["c1", "c2", "c3"], caseload.Citizens.Select(c => c.Citizen));
        var report = CoachingMetrics.Of(snapshot.Graph, snapshot.Coaching, snapshot.Employment, Exact);
        Assert.Equal(Json(CoachingMetrics.Compute(Service(), Exact)), Json(report));
    }

    [Fact]
    public void Caseload_UnknownOrNotACoach_Throws()
    {
        var dataset = Service();
        var graph = dataset.ToGraph(new GraphOptions { AsOf = AsOf });
        var history = CoachingHistory.Of(dataset.Ties, dataset.Contacts);
        Assert.Equal("nobody", Assert.Throws<UnknownNodeException>(() => CoachingMetrics.Caseload(graph, history, "nobody")).Id);
        var wrong = Assert.Throws<WrongNodeKindException>(() => CoachingMetrics.Caseload(graph, history, "c1"));
        Assert.Equal("'c1' is a citizen, not a coach.", wrong.Message);
    }

    [Theory]
    [InlineData(nameof(CoachingOptions.NotMetDays), -1)]
    [InlineData(nameof(CoachingOptions.StableMonths), 0)]
    [InlineData(nameof(CoachingOptions.ContactWindowDays), 0)]
    [InlineData(nameof(CoachingOptions.CoachHistoryMonths), 0)]
    [InlineData(nameof(CoachingOptions.OutcomeMonths), 1201)]
    [InlineData(nameof(CoachingOptions.MinCellSize), -1)]
    public void Validate_OutOfRange_NamesTheOption(string option, int value)
    {
        var options = option switch
        {
            nameof(CoachingOptions.NotMetDays) => new CoachingOptions { NotMetDays = value },
            nameof(CoachingOptions.StableMonths) => new CoachingOptions { StableMonths = value },
            nameof(CoachingOptions.ContactWindowDays) => new CoachingOptions { ContactWindowDays = value },
            nameof(CoachingOptions.CoachHistoryMonths) => new CoachingOptions { CoachHistoryMonths = value },
            nameof(CoachingOptions.OutcomeMonths) => new CoachingOptions { OutcomeMonths = value },
            _ => new CoachingOptions { MinCellSize = value },
        };
        Assert.Equal([option], options.Validate().Select(p => p.Option));
        Assert.Throws<InvalidOptionsException>(() => CoachingMetrics.Compute(Service(), options));
        Assert.Empty(new CoachingOptions { Area = "A", Hub = "H1" }.Validate());
        Assert.Equal(["Area", "Hub"], new CoachingOptions { Area = "", Hub = "" }.Validate().Select(p => p.Option));
    }

    [Fact]
    public void Compute_EarliestDay_WindowsStopAtTheFirstDay()
    {
        var dataset = Dataset.Create([Coach("k1", "A", "H1", 1), Person("c1", "A", "H1", Employment.Unemployed, AgeBand.Unknown)],
            [Coaching("k1", "c1", DateOnly.MinValue)], contacts: [Met("k1", "c1", DateOnly.MinValue)]);
        var report = CoachingMetrics.Compute(dataset, Exact with { AsOf = DateOnly.MinValue.AddDays(3), OutcomeMonths = 1200, CoachHistoryMonths = 1200, ContactWindowDays = 36500 });
        var c1 = Assert.Single(report.Coaches[0].Citizens);
        Assert.Equal((0, 1, 3, 1), (c1.MonthsWithCoach, c1.DistinctCoaches, c1.DaysSinceContact, c1.RecentContacts));
    }

    [Theory]
    [InlineData(2026, 1, 31, 2026, 2, 28, 1)] // a month from the 31st ends on the month's last day
    [InlineData(2026, 1, 31, 2026, 2, 27, 0)]
    [InlineData(2026, 3, 15, 2026, 9, 14, 5)]
    [InlineData(2026, 3, 15, 2026, 9, 15, 6)]
    [InlineData(2026, 12, 1, 2026, 12, 1, 0)]
    public void WholeMonths_Dates_CountsCalendarMonths(int y1, int m1, int d1, int y2, int m2, int d2, int expected) =>
        Assert.Equal(expected, CoachingMetrics.WholeMonths(new DateOnly(y1, m1, d1), new DateOnly(y2, m2, d2)));

    [Theory]
    [InlineData(new int[] { 5, 5, 5, 5 }, 0.0)]
    [InlineData(new int[] { 0, 0, 0, 8 }, 0.75)] // (n − 1)/n when one holds everything
    [InlineData(new int[] { 3, 2 }, 0.1)]
    [InlineData(new int[] { 1, 2, 3, 4 }, 0.25)]
    public void Gini_Caseloads_MatchesTheMeanAbsoluteDifference(int[] values, double expected)
    {
        Assert.Equal(expected, Inequality.Gini(values.AsSpan()), 12);
        var pairs = 0.0;
        foreach (var x in values) foreach (var y in values) pairs += Math.Abs(x - y);
        Assert.Equal(pairs / (2.0 * values.Length * values.Sum()), Inequality.Gini(values.AsSpan()), 12);
    }

    [Fact]
    public void Gini_EmptyOrAllZero_IsUndefined()
    {
        Assert.True(double.IsNaN(Inequality.Gini(Span<int>.Empty)));
        Assert.True(double.IsNaN(Inequality.Gini(new int[] { 0, 0 })));
        Assert.Equal(2.5, Inequality.Median(new int[] { 4, 1, 3, 2 }));
        Assert.True(double.IsNaN(Inequality.Median(Span<int>.Empty)));
    }

    internal static string Json<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value);
}
