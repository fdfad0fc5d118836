using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Metrics;
using SocialCapital.Model;

namespace SocialCapital.Tests.Properties;

/// <summary>Caseload measures on small random services (≤ 4 coaches, ≤ 10 citizens, two areas and hubs, random spells —
/// ended, running, future, unknown starts, several per citizen — contacts before and after the day, status changes):
/// caseloads add up to the coached citizens, each coach's row equals <see cref="CoachingMetrics.Caseload"/>, every
/// current coach is the coach whose running spell began last, and suppression never shows a small cell.</summary>
public class CoachingProperties
{
    private static readonly DateOnly Day = new(2026, 12, 1);

    private static Dataset Make(int seed)
    {
        var random = new Random(seed);
        var coaches = random.Next(1, 5);
        var citizens = random.Next(1, 11);
        var nodes = new List<NodeRecord>();
        for (var k = 0; k < coaches; k++)
            nodes.Add(new NodeRecord($"k{k}", NodeKind.Coach)
            {
                Area = random.Next(3) == 0 ? "B" : "A",
                Hub = random.Next(4) == 0 ? null : random.Next(2) == 0 ? "H1" : "H2",
                Capacity = random.Next(4) == 0 ? null : random.Next(4),
                Specialisms = random.Next(2) == 0 ? ["health"] : [],
            });
        for (var c = 0; c < citizens; c++)
            nodes.Add(new NodeRecord($"c{c}", NodeKind.Citizen)
            {
                Area = random.Next(5) == 0 ? null : random.Next(3) == 0 ? "B" : "A",
                Hub = random.Next(2) == 0 ? "H1" : "H2",
                Employment = (Employment)random.Next(0, 7),
                AgeBand = (AgeBand)random.Next(0, 6),
                Goals = random.Next(2) == 0 ? ["health"] : [],
            });
        // Most spells start within the outcome window's year, so that gaps, returns and changes of coach fall inside it.
        DateOnly? Some() => random.Next(6) == 0 ? null : Day.AddDays(random.Next(random.Next(3) == 0 ? -700 : -300, 60));
        var ties = new List<TieRecord>();
        var contacts = new List<ContactRecord>();
        var history = new List<StatusChange>();
        for (var c = 0; c < citizens; c++)
        {
            for (var s = random.Next(0, 4); s > 0; s--)
            {
                var since = Some();
                var until = random.Next(2) == 0 ? (DateOnly?)null : (since ?? Day.AddDays(-400)).AddDays(random.Next(1, 300));
                ties.Add(new TieRecord($"k{random.Next(random.Next(2) == 0 ? Math.Min(coaches, 2) : coaches)}", $"c{c}", TieKind.Coaching) { Since = since, Until = until });
            }
            for (var m = random.Next(0, 4); m > 0; m--)
                contacts.Add(new ContactRecord($"k{random.Next(coaches)}", $"c{c}", Day.AddDays(random.Next(-200, 20)), ContactChannel.Phone));
            var changed = new HashSet<DateOnly>(); // one change per person and day
            for (var h = random.Next(0, 3); h > 0; h--)
            {
                var date = Day.AddDays(random.Next(-400, 10));
                if (changed.Add(date)) history.Add(new StatusChange($"c{c}", date, (Employment)random.Next(1, 7)));
            }
        }
        return Dataset.Create(nodes, ties, statusHistory: history, contacts: contacts);
    }

    [Property(MaxTest = 300)]
    public Property Report_RandomServices_CaseloadsAddUpAndEqualThePerCoachCall() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue - 1).ToArbitrary(), Gen.Elements(0, 0, 0, 2, 4).ToArbitrary(), (seed, minCell) =>
        {
            var dataset = Make(seed);
            var graph = dataset.ToGraph(new GraphOptions { AsOf = Day });
            var history = CoachingHistory.Of(dataset.Ties, dataset.Contacts);
            var options = new CoachingOptions { AsOf = Day, MinCellSize = minCell };
            var report = CoachingMetrics.Of(graph, history, EmploymentHistory.Of(dataset.StatusHistory), options);

            // The current coach by brute force: of the spells running on the day, the one begun last (then the larger id).
            string? Current(string citizen) => dataset.Ties
                .Where(t => t.Kind == TieKind.Coaching && t.Target == citizen && t.IsActiveOn(Day))
                .OrderBy(t => t.Since ?? DateOnly.MinValue).ThenBy(t => t.Source, StringComparer.Ordinal).LastOrDefault()?.Source;
            var citizens = dataset.Nodes.Where(n => n.Kind == NodeKind.Citizen).ToArray();
            var coached = citizens.Count(c => Current(c.Id) is not null);
            if (report.Coaches.Sum(k => k.ActiveCaseload) != coached) return false.Label("caseloads add up to the coached citizens");
            foreach (var k in report.Coaches)
            {
                if (k.Citizens.Count != k.ActiveCaseload || k.Citizens.Any(c => Current(c.Citizen) != k.Coach)) return false.Label($"caseload of {k.Coach}");
                if (k.ByWorkStatus.Sum(x => x.Count) != k.ActiveCaseload || k.ByAgeBand.Sum(x => x.Count) != k.ActiveCaseload) return false.Label("mix");
                if (k.NotMet != k.Citizens.Count(c => c.DaysSinceContact is not { } d || d > options.NotMetDays)) return false.Label("not met");
                if (k.Citizens.Any(c => c.DistinctCoaches < 1 || c.RecentContacts < 0 || c.DaysSinceContact < 0 || c.MonthsWithCoach < 0)) return false.Label("ranges");
                var alone = CoachingMetrics.Caseload(graph, history, k.Coach, options);
                if (CoachingMetricsJson(alone) != CoachingMetricsJson(k)) return false.Label($"Caseload({k.Coach}) differs from the report's row");
            }
            // Area rows: citizens and coached citizens as counted; no shown count of citizens from 1 to minCell − 1.
            foreach (var a in report.Areas)
            {
                var inArea = citizens.Where(c => c.Area == a.Name).ToArray();
                if (a.Citizens is { } n && n != inArea.Length) return false.Label("area citizens");
                if (a.CoachedCitizens is { } m && m != inArea.Count(c => Current(c.Id) is not null)) return false.Label("area coached");
            }
            // Outcomes by brute force: out of work (by history) and coached on S; kept = no other current coach on any day to D.
            var start = Day.AddMonths(-options.OutcomeMonths);
            string? CurrentOn(string citizen, DateOnly day) => dataset.Ties
                .Where(t => t.Kind == TieKind.Coaching && t.Target == citizen && t.IsActiveOn(day))
                .OrderBy(t => t.Since ?? DateOnly.MinValue).ThenBy(t => t.Source, StringComparer.Ordinal).LastOrDefault()?.Source;
            Employment? StatusOn(string citizen, DateOnly day) =>
                dataset.StatusHistory.Where(h => h.Person == citizen && h.Date <= day).OrderBy(h => h.Date).LastOrDefault()?.Employment;
            foreach (var a in report.Areas)
            {
                var followed = citizens.Where(c => c.Area == a.Name && CurrentOn(c.Id, start) is not null
                    && dataset.StatusHistory.Any(h => h.Person == c.Id) && StatusOn(c.Id, start)?.ToWorkStatus() == WorkStatus.OutOfWork).ToArray();
                var kept = followed.Where(c => Enumerable.Range(0, Day.DayNumber - start.DayNumber + 1)
                    .All(d => CurrentOn(c.Id, start.AddDays(d)) is not { } other || other == CurrentOn(c.Id, start))).ToArray();
                var changedCoach = followed.Except(kept).ToArray();
                bool InWork(NodeRecord c) => StatusOn(c.Id, Day)?.ToWorkStatus() == WorkStatus.InWork;
                if (a.KeptCoachCitizens is { } k && k != kept.Length) return false.Label($"kept in {a.Name}: {k} vs {kept.Length}");
                if (a.KeptCoachInWork is { } ki && ki != kept.Count(InWork)) return false.Label($"kept in work in {a.Name}");
                if (a.ChangedCoachCitizens is { } ch && ch != changedCoach.Length) return false.Label($"changed in {a.Name}: {ch} vs {changedCoach.Length}");
                if (a.ChangedCoachInWork is { } ci && ci != changedCoach.Count(InWork)) return false.Label($"changed in work in {a.Name}");
            }
            foreach (var g in report.Areas.Concat(report.Hubs))
                foreach (var count in new[] { g.Citizens, g.CoachedCitizens, g.UnknownSince, g.NeverMet, g.KeptCoachCitizens, g.KeptCoachInWork,
                    g.ChangedCoachCitizens, g.ChangedCoachInWork, g.OutcomeWithoutHistory })
                    if (count is > 0 and var v && v < minCell) return false.Label($"small cell shown in {g.Name}");
            return true.ToProperty();
        });

    private static string CoachingMetricsJson(CoachCaseload row) => System.Text.Json.JsonSerializer.Serialize(row);
}
