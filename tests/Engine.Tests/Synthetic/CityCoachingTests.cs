using SocialCapital.Model;
using SocialCapital.Synthetic;

namespace SocialCapital.Tests.Synthetic;

/// <summary>The generated city's coaching service (docs/generator.md, "Coaching"): Work Hubs, coaches' specialisms,
/// capacities and languages, citizens' needs, coaching episodes with coach changes, and the meetings.</summary>
public class CityCoachingTests
{
    private static readonly DateOnly Today = new(2026, 1, 1);

    private static readonly string[] Vocabulary =
        ["young_people", "older_workers", "health_condition", "ips", "disability", "lone_parents", "care_leavers", "ex_offenders"];

    private static readonly CityOptions Options = new() { People = 20_000, Seed = 3 };

    private static readonly Lazy<GeneratedCity> City = new(() => CityGenerator.Create(Options));

    private static readonly Lazy<GeneratedCity> Without = new(() => CityGenerator.Create(Options with { Coaching = false }));

    private static Dictionary<string, NodeRecord> Nodes(GeneratedCity city) => city.Nodes.ToDictionary(n => n.Id);

    private static TieRecord[] Coaching(GeneratedCity city) => [.. city.Ties.Where(t => t.Kind == TieKind.Coaching)];

    [Fact]
    public void Create_Coaching_LeavesEverythingElseAsWithoutIt()
    {
        var (with, without) = (City.Value, Without.Value);
        Assert.Equal(without.Ties.Where(t => t.Kind != TieKind.Coaching), with.Ties.Where(t => t.Kind != TieKind.Coaching));
        Assert.Equal(without.Proposals, with.Proposals);
        Assert.Equal(without.StatusHistory, with.StatusHistory);
        // The same citizens have the same coach on the reference date.
        Assert.Equal(
            Coaching(without).Select(t => (t.Source, t.Target)).Order(),
            Coaching(with).Where(t => t.Until is null).Select(t => (t.Source, t.Target)).Order());
        // Node rows differ only in what the coaching adds.
        Assert.Equal(without.Nodes.Count, with.Nodes.Count);
        for (var i = 0; i < with.Nodes.Count; i++)
        {
            var (a, b) = (with.Nodes[i], without.Nodes[i]);
            Assert.Equal(b.Goals, a.Goals.Take(b.Goals.Count));
            Assert.All(a.Goals.Skip(b.Goals.Count), g => Assert.Contains(g, Vocabulary));
            Assert.Equal(b.Languages, a.Languages.Take(b.Languages.Count));
            var plain = a with { Goals = b.Goals, Languages = b.Languages, Hub = null, Specialisms = [], Capacity = a.Kind == NodeKind.Coach ? null : a.Capacity };
            Assert.Equal(b, plain);
        }
    }

    [Fact]
    public void Create_NoCoaching_HasNoCoachingData()
    {
        var city = Without.Value;
        Assert.Empty(city.Contacts);
        Assert.All(city.Nodes, n => Assert.True(n.Hub is null && n.Specialisms.Count == 0));
        Assert.All(city.Nodes.Where(n => n.Kind == NodeKind.Coach), n => Assert.Null(n.Capacity));
        Assert.All(Coaching(city), t => Assert.Null(t.Until));
        Assert.Equal((0, 0L), (city.Summary.Hubs, city.Summary.Contacts));
        Assert.Equal(Coaching(city).Length, city.Summary.CoachingTies);
    }

    [Fact]
    public void Generate_NoCoaching_WritesNoContactsAndRemovesThoseOfAnEarlierCity()
    {
        using var folder = new TempFolder();
        var summary = CityGenerator.Generate(folder.Path, new CityOptions { People = 3_000 });
        Assert.True(summary.Contacts > 0 && summary.Hubs > 0);
        Assert.StartsWith("id,kind,area,employment,age_band,sector,ses,languages,skills,goals,capacity,hub,specialisms\n",
            File.ReadAllText(Path.Combine(folder.Path, "nodes.csv")), StringComparison.Ordinal);
        Assert.Equal("coach,citizen,date,channel", File.ReadLines(Path.Combine(folder.Path, "contacts.csv")).First());
        CityGenerator.Generate(folder.Path, new CityOptions { People = 3_000, Coaching = false });
        Assert.False(File.Exists(Path.Combine(folder.Path, "contacts.csv")));
        Assert.StartsWith("id,kind,area,employment,age_band,sector,ses,languages,skills,goals,capacity\n",
            File.ReadAllText(Path.Combine(folder.Path, "nodes.csv")), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_Coaching_EveryPersonHasAHubOfTheirArea()
    {
        var city = City.Value;
        Assert.All(city.Nodes, n =>
        {
            if (n.IsPerson) Assert.StartsWith($"hub-{n.Area}-", n.Hub, StringComparison.Ordinal);
            else Assert.Null(n.Hub);
        });
        var hubs = city.Nodes.Where(n => n.IsPerson).Select(n => n.Hub).Distinct().Count();
        Assert.Equal(city.Summary.Hubs, hubs);
        Assert.True(hubs > city.Summary.Areas, "some areas have more than one hub");
        // The citizen's coach on the reference date works at the citizen's hub when they live in one area.
        var nodes = Nodes(city);
        Assert.All(Coaching(city).Where(t => t.Until is null && nodes[t.Source].Area == nodes[t.Target].Area),
            t => Assert.Equal(nodes[t.Source].Hub, nodes[t.Target].Hub));
    }

    [Fact]
    public void Create_Coaching_SpecialismsOnlyOnCoachesAndNeedsOnlyOnCitizensOutOfWork()
    {
        var city = City.Value;
        Assert.All(city.Nodes, n =>
        {
            if (n.Kind != NodeKind.Coach) Assert.Empty(n.Specialisms);
            else
            {
                Assert.InRange(n.Specialisms.Count, 1, Vocabulary.Length);
                Assert.All(n.Specialisms, s => Assert.Contains(s, Vocabulary));
                Assert.Equal(n.Specialisms.Distinct().Count(), n.Specialisms.Count);
            }
            var needs = n.Goals.Where(Vocabulary.Contains).ToArray();
            if (needs.Length == 0) return;
            Assert.Equal(NodeKind.Citizen, n.Kind);
            Assert.Equal(WorkStatus.OutOfWork, n.WorkStatus);
            if (needs.Contains("young_people") || needs.Contains("care_leavers")) Assert.Equal(AgeBand.Age16To24, n.AgeBand);
            if (needs.Contains("older_workers")) Assert.True(n.AgeBand is AgeBand.Age50To64 or AgeBand.Age65Plus);
        });
        var outOfWork = city.Nodes.Where(n => n.Kind == NodeKind.Citizen && n.WorkStatus == WorkStatus.OutOfWork).ToArray();
        Assert.InRange(outOfWork.Count(n => n.Goals.Any(Vocabulary.Contains)) / (double)outOfWork.Length, 0.3, 0.8);
        var young = outOfWork.Where(n => n.AgeBand == AgeBand.Age16To24).ToArray();
        Assert.InRange(young.Count(n => n.Goals.Contains("young_people")) / (double)young.Length, 0.6, 0.8);
        // Every need of a hub's citizens is a specialism of a coach of the hub.
        var offered = city.Nodes.Where(n => n.Kind == NodeKind.Coach).GroupBy(n => n.Hub!).ToDictionary(g => g.Key, g => g.SelectMany(c => c.Specialisms).ToHashSet());
        Assert.All(outOfWork.Where(n => offered.ContainsKey(n.Hub!)), n => Assert.All(n.Goals.Where(Vocabulary.Contains), need => Assert.Contains(need, offered[n.Hub!])));
    }

    [Fact]
    public void Create_Coaching_CapacitiesAreALittleAboveTheCaseloads()
    {
        var city = City.Value;
        var caseload = Coaching(city).Where(t => t.Until is null).GroupBy(t => t.Source).ToDictionary(g => g.Key, g => g.Count());
        var coaches = city.Nodes.Where(n => n.Kind == NodeKind.Coach).ToArray();
        Assert.All(coaches, c => Assert.InRange(c.Capacity!.Value, 20, 150));
        double load = caseload.Values.Sum(), places = coaches.Sum(c => c.Capacity!.Value);
        Assert.InRange(places / load, 1.05, 1.4);
        var over = coaches.Count(c => caseload.GetValueOrDefault(c.Id) > c.Capacity);
        Assert.InRange(over, 1, coaches.Length / 3);
        // Some coaches speak a second language, from the population's.
        var spoken = city.Nodes.Where(n => n.Kind == NodeKind.Citizen).SelectMany(n => n.Languages).ToHashSet();
        Assert.InRange(coaches.Count(c => c.Languages.Count > 1) / (double)coaches.Length, 0.2, 0.6);
        Assert.All(coaches, c => Assert.All(c.Languages, l => Assert.Contains(l, spoken)));
    }

    [Fact]
    public void Create_Coaching_SpellsFollowOneAnotherWithinAHub()
    {
        var city = City.Value;
        var nodes = Nodes(city);
        var byCitizen = Coaching(city).GroupBy(t => t.Target).ToArray();
        var changes = 0;
        foreach (var spells in byCitizen)
        {
            var list = spells.ToArray(); // oldest first
            Assert.True(list.Count(t => t.Until is null) <= 1);
            Assert.All(list, t => Assert.True(t.Since < (t.Until ?? Today) && t.Since < Today && !(t.Until > Today)));
            for (var k = 1; k < list.Length; k++)
            {
                Assert.Equal(list[k - 1].Until, list[k].Since); // a handover: the next coach from the day the last one stopped
                Assert.NotEqual(list[k - 1].Source, list[k].Source);
                Assert.Equal(nodes[list[k - 1].Source].Hub, nodes[list[k].Source].Hub);
                changes++;
            }
        }
        var coached = byCitizen.Count(g => g.Any(t => t.Until is null));
        Assert.InRange(changes / (double)coached, 0.05, 0.3);
        // Citizens out of work without a coach, some of whom had one before.
        var waiting = city.Nodes.Where(n => n.Kind == NodeKind.Citizen && n.WorkStatus == WorkStatus.OutOfWork)
            .Count(n => !byCitizen.Any(g => g.Key == n.Id && g.Any(t => t.Until is null)));
        Assert.InRange(waiting, coached / 10, coached);
        Assert.Contains(byCitizen, g => g.All(t => t.Until is not null));
    }

    [Fact]
    public void Create_Coaching_ContactsFallInsideTheirSpellsBeforeTheReferenceDate()
    {
        var city = City.Value;
        var spells = Coaching(city).ToLookup(t => (t.Source, t.Target));
        Assert.All(city.Contacts, c =>
        {
            Assert.InRange(c.Date, Today.AddDays(-548), Today.AddDays(-1));
            Assert.Contains(spells[(c.Coach, c.Citizen)], t => t.Since <= c.Date && c.Date < (t.Until ?? Today));
        });
        Assert.Equal(city.Summary.Contacts, city.Contacts.Count);
    }

    [Fact]
    public void Create_Coaching_MeetingsMostlyEveryTwoToFourWeeksWithSomeLongGaps()
    {
        var city = City.Value;
        var meetings = city.Contacts.GroupBy(c => (c.Coach, c.Citizen)).ToDictionary(g => g.Key, g => g.Select(c => c.Date).Order().ToArray());
        var gaps = meetings.Values.SelectMany(d => d.Zip(d.Skip(1), (a, b) => b.DayNumber - a.DayNumber)).Order().ToArray();
        Assert.InRange(gaps[gaps.Length / 2], 14, 35);
        Assert.InRange(gaps.Count(g => g is >= 14 and <= 28) / (double)gaps.Length, 0.6, 0.95);
        var current = Coaching(city).Where(t => t.Until is null).ToArray();
        var since = current.Select(t => meetings.TryGetValue((t.Source, t.Target), out var d) ? Today.DayNumber - d[^1].DayNumber : int.MaxValue).ToArray();
        Assert.InRange(since.Count(d => d > 30) / (double)since.Length, 0.12, 0.35);
        Assert.InRange(since.Count(d => d > 60) / (double)since.Length, 0.04, 0.18);
        var channels = city.Contacts.GroupBy(c => c.Channel).ToDictionary(g => g.Key, g => g.Count() / (double)city.Contacts.Count);
        Assert.Equal(4, channels.Count);
        Assert.InRange(channels[ContactChannel.InPerson], 0.4, 0.6);
    }

    [Fact]
    public void Create_Coaching_CitizensWhoMovedIntoWorkWereCoachedUntilTheDayTheyDid()
    {
        var city = City.Value;
        var nodes = Nodes(city);
        var history = city.StatusHistory.GroupBy(c => c.Person).ToDictionary(g => g.Key, g => g.ToArray());
        var intoWork = Coaching(city).Where(t => nodes[t.Target].WorkStatus == WorkStatus.InWork).GroupBy(t => t.Target).ToArray();
        var movers = history.Values.Count(h => h.Length >= 2 && h[^1].Employment.ToWorkStatus() == WorkStatus.InWork
            && h[^2].Employment.ToWorkStatus() == WorkStatus.OutOfWork && h[^1].Date >= Today.AddDays(-518));
        Assert.InRange(intoWork.Length, movers / 2, movers * 3 / 4);
        Assert.All(intoWork, g =>
        {
            var h = history[g.Key];
            Assert.Equal(WorkStatus.OutOfWork, h[^2].Employment.ToWorkStatus());
            Assert.Equal(h[^1].Date, g.Last().Until);
            Assert.All(g, t => Assert.NotNull(t.Until));
        });
    }
}
