using SocialCapital.Model;
using SocialCapital.Synthetic;

namespace SocialCapital.Tests.Synthetic;

/// <summary>The generated city's mentoring lifecycle (proposals, pairing outcomes) and employment history, and the effect
/// it can plant (docs/generator.md). The files are checked as text, with the interchange columns, so these tests do not
/// depend on the reader knowing proposals.csv and status_history.csv.</summary>
public class CityLifecycleTests
{
    private static readonly DateOnly Today = new(2026, 1, 1);

    private static readonly Lazy<GeneratedCity> City = new(() => CityGenerator.Create(new CityOptions { People = 20_000, Seed = 3 }));

    [Fact]
    public void Generate_Lifecycle_LeavesNodesAndTheTiesColumnsAsWithoutIt()
    {
        using var on = new TempFolder();
        using var off = new TempFolder();
        var options = new CityOptions { People = 3_000, Seed = 4 };
        CityGenerator.Generate(on.Path, options);
        CityGenerator.Generate(off.Path, options with { Lifecycle = false });
        Assert.Equal(File.ReadAllBytes(Path.Combine(off.Path, "nodes.csv")), File.ReadAllBytes(Path.Combine(on.Path, "nodes.csv")));
        var with = File.ReadAllLines(Path.Combine(on.Path, "ties.csv"));
        var without = File.ReadAllLines(Path.Combine(off.Path, "ties.csv"));
        Assert.Equal("source,target,kind,strength,since,until", without[0]);
        Assert.Equal("source,target,kind,strength,since,until,outcome,end_reason", with[0]);
        // The same rows, then (only with the lifecycle: they follow the employment history) the ended coaching ties of
        // citizens coached into work.
        Assert.Equal(without, with.Take(without.Length).Select(l => string.Join(',', l.Split(',')[..6])));
        Assert.All(with.Skip(without.Length), l => Assert.Matches("^p[0-9]+,p[0-9]+,coaching,1,[0-9-]{10},[0-9-]{10},,$", l));
        Assert.Equal("id,citizen,mentor,proposed_by,status,proposed,expires,decided,reason", File.ReadLines(Path.Combine(on.Path, "proposals.csv")).First());
        Assert.Equal("person,date,employment", File.ReadLines(Path.Combine(on.Path, "status_history.csv")).First());
        Assert.Equal(["areas.geojson", "contacts.csv", "nodes.csv", "ties.csv"], Directory.GetFiles(off.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Generate_WithoutLifecycle_RemovesTheLifecycleFilesOfAnEarlierCity()
    {
        using var folder = new TempFolder();
        var summary = CityGenerator.Generate(folder.Path, new CityOptions { People = 500 });
        Assert.True(summary.Proposals > 0 && summary.StatusChanges > 0);
        Assert.True(File.Exists(Path.Combine(folder.Path, "proposals.csv")));
        summary = CityGenerator.Generate(folder.Path, new CityOptions { People = 500, Lifecycle = false });
        Assert.Equal((0, 0), (summary.Proposals, summary.StatusChanges));
        Assert.Equal(["areas.geojson", "contacts.csv", "nodes.csv", "ties.csv"], Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Create_Lifecycle_EndedMentoringTiesAloneHaveOutcomes()
    {
        var ties = City.Value.Ties;
        Assert.All(ties.Where(t => t.Outcome is not null), t => Assert.True(t.Kind == TieKind.Mentoring && t.Until is not null));
        Assert.All(ties.Where(t => t.EndReason is not null), t => Assert.Equal(PairingOutcome.EndedEarly, t.Outcome));
        var ended = ties.Where(t => t.Kind == TieKind.Mentoring && t.Until is not null).ToArray();
        Assert.All(ended, t => Assert.NotNull(t.Outcome));
        Assert.InRange(ended.Length, 50, 200);
        Assert.InRange(ended.Count(t => t.Outcome == PairingOutcome.EndedEarly) / (double)ended.Length, 0.10, 0.40);
        Assert.All(ended.Where(t => t.Outcome == PairingOutcome.EndedEarly), t => Assert.False(string.IsNullOrEmpty(t.EndReason)));
    }

    [Fact]
    public void Create_Lifecycle_EveryMentoringTieComesFromAnAcceptedProposalByACoach()
    {
        var city = City.Value;
        var kinds = city.Nodes.ToDictionary(n => n.Id, n => n.Kind);
        var accepted = city.Proposals.Where(p => p.Status == ProposalStatus.Accepted).ToArray();
        var mentoring = city.Ties.Where(t => t.Kind == TieKind.Mentoring).ToArray();
        Assert.Equal(
            mentoring.Select(t => (t.Source, t.Target, t.Since!.Value)).Order(),
            accepted.Select(p => (p.Mentor, p.Citizen, p.Decided!.Value)).Order());
        // The citizen's coach on the reference date (an ended coaching tie is an earlier coach: docs/generator.md, "Coaching").
        var coachOf = city.Ties.Where(t => t.Kind == TieKind.Coaching && t.Until is null).ToDictionary(t => t.Target, t => t.Source);
        Assert.All(city.Proposals, p =>
        {
            Assert.Equal(NodeKind.Coach, kinds[p.ProposedBy!]);
            if (coachOf.TryGetValue(p.Citizen, out var coach)) Assert.Equal(coach, p.ProposedBy);
            Assert.Equal(p.Proposed.AddDays(10), p.Expires);
            if (p.Status == ProposalStatus.Proposed) Assert.Null(p.Decided);
            else Assert.InRange(p.Decided!.Value, p.Proposed.AddDays(1), p.Expires);
            Assert.Equal(p.Status == ProposalStatus.Expired, p.Decided == p.Expires);
            Assert.Equal(p.Status is ProposalStatus.Declined or ProposalStatus.Withdrawn, p.Reason is not null);
        });
        Assert.Equal(city.Proposals.Count, city.Proposals.Select(p => p.Id).Distinct().Count());
        Assert.Equal(city.Proposals.OrderBy(p => p.Proposed).Select(p => p.Id), city.Proposals.Select(p => p.Id));
    }

    [Fact]
    public void Create_Lifecycle_ProposalSharesAreRealistic()
    {
        var proposals = City.Value.Proposals;
        double Share(ProposalStatus status) => proposals.Count(p => p.Status == status) / (double)proposals.Count;
        Assert.InRange(Share(ProposalStatus.Accepted), 0.50, 0.60);
        Assert.InRange(Share(ProposalStatus.Declined), 0.15, 0.25);
        Assert.InRange(Share(ProposalStatus.Expired), 0.08, 0.16);
        Assert.InRange(Share(ProposalStatus.Withdrawn), 0.02, 0.08);
        Assert.InRange(Share(ProposalStatus.Proposed), 0.03, 0.12);
        var waits = proposals.Where(p => p.Status == ProposalStatus.Accepted).Select(p => p.Decided!.Value.DayNumber - p.Proposed.DayNumber).Order().ToArray();
        Assert.InRange(waits[waits.Length / 2], 1, 4); // median wait of a few days
    }

    [Fact]
    public void Create_Lifecycle_PendingProposalsFitTheMentorsFreePlaces()
    {
        var city = City.Value;
        var pending = city.Proposals.Where(p => p.IsPendingOn(Today)).ToArray();
        Assert.Equal(city.Proposals.Count(p => p.Status == ProposalStatus.Proposed), pending.Length);
        Assert.NotEmpty(pending);
        var current = city.Ties.Where(t => t.Kind == TieKind.Mentoring && t.IsActiveOn(Today)).ToArray();
        var capacity = city.Nodes.Where(n => n.Kind == NodeKind.Mentor).ToDictionary(n => n.Id, n => n.Capacity!.Value);
        foreach (var mentor in pending.Select(p => p.Mentor).Distinct())
            Assert.True(capacity[mentor] - current.Count(t => t.Source == mentor) - pending.Count(p => p.Mentor == mentor) >= 0, mentor);
        Assert.Equal(pending.Length, pending.Select(p => (p.Mentor, p.Citizen)).Distinct().Count());
        var declined = city.Proposals.Where(p => p.Status == ProposalStatus.Declined).Select(p => (p.Mentor, p.Citizen)).ToHashSet();
        var paired = current.Select(t => (t.Source, t.Target)).ToHashSet();
        Assert.All(pending, p => Assert.False(declined.Contains((p.Mentor, p.Citizen)) || paired.Contains((p.Mentor, p.Citizen))));
        var employment = city.Nodes.ToDictionary(n => n.Id, n => n.Employment);
        Assert.All(pending, p => Assert.Equal(WorkStatus.OutOfWork, employment[p.Citizen].ToWorkStatus()));
    }

    [Fact]
    public void Create_Lifecycle_DeclinedPairsAreNeverProposedAgain()
    {
        var proposals = City.Value.Proposals;
        var declined = proposals.Where(p => p.Status == ProposalStatus.Declined).ToArray();
        Assert.All(declined, d => Assert.Single(proposals, p => p.Mentor == d.Mentor && p.Citizen == d.Citizen));
    }

    [Fact]
    public void Create_Lifecycle_StatusHistoryLeadsToEachPersonsEmployment()
    {
        var city = City.Value;
        var employment = city.Nodes.ToDictionary(n => n.Id, n => n);
        var people = city.StatusHistory.GroupBy(c => c.Person).ToArray();
        Assert.InRange(people.Length, city.Summary.People / 4, city.Summary.People * 2 / 3);
        Assert.Equal(city.Summary.StatusChanges, city.StatusHistory.Count);
        foreach (var rows in people)
        {
            var list = rows.ToArray();
            // A single row only for a citizen out of work throughout (every one out of work today has rows).
            Assert.True(list.Length >= 2 || list[0].Employment.ToWorkStatus() == WorkStatus.OutOfWork, rows.Key);
            Assert.Equal(employment[rows.Key].Employment, list[^1].Employment);
            Assert.Equal(NodeKind.Citizen, employment[rows.Key].Kind);
            Assert.Equal(Today.AddDays(-3660), list[0].Date);
            for (var k = 1; k < list.Length; k++)
            {
                Assert.True(list[k].Date > list[k - 1].Date && list[k].Employment != list[k - 1].Employment, rows.Key);
                Assert.True(list[k].Date < Today);
            }
        }
        // Realistic: moves into work and out of it both happen.
        var transitions = people.SelectMany(g => g.Zip(g.Skip(1), (a, b) => (From: a.Employment.ToWorkStatus(), To: b.Employment.ToWorkStatus()))).ToArray();
        Assert.Contains(transitions, t => t is { From: WorkStatus.OutOfWork, To: WorkStatus.InWork });
        Assert.Contains(transitions, t => t is { From: WorkStatus.InWork, To: WorkStatus.OutOfWork });
        Assert.Contains(transitions, t => t is { From: WorkStatus.Student, To: WorkStatus.InWork });
    }

    [Fact]
    public void Create_Lifecycle_OutOfWorkCitizensMoveIntoWorkAtRealisticMonthlyRates()
    {
        var city = City.Value;
        var history = city.StatusHistory.GroupBy(c => c.Person).ToDictionary(g => g.Key, g => g.ToArray());
        var citizens = city.Nodes.Where(n => n.Kind == NodeKind.Citizen).ToArray();
        Assert.All(citizens.Where(n => n.Employment.ToWorkStatus() == WorkStatus.OutOfWork), n => Assert.True(history.ContainsKey(n.Id), n.Id));
        Employment At(NodeRecord n, DateOnly day)
        {
            if (!history.TryGetValue(n.Id, out var rows)) return n.Employment;
            var status = rows[0].Employment;
            foreach (var row in rows) if (row.Date <= day) status = row.Employment;
            return status;
        }
        // Every half year of the ten: of the citizens unemployed (inactive) that day, the share moving into work within 30
        // days. UK Labour Force Survey flows: about 5-10% of the unemployed a month, 1-3% of the inactive.
        int[] movers = new int[2], stayers = new int[2];
        for (var day = Today.AddDays(-3600); day < Today.AddDays(-30); day = day.AddDays(182))
            foreach (var n in citizens)
            {
                var status = At(n, day);
                if (status is not (Employment.Unemployed or Employment.Inactive)) continue;
                var k = status == Employment.Unemployed ? 0 : 1;
                var moved = history.GetValueOrDefault(n.Id, []).Any(r => r.Date > day && r.Date <= day.AddDays(30) && r.Employment.ToWorkStatus() == WorkStatus.InWork);
                (moved ? movers : stayers)[k]++;
            }
        Assert.InRange(movers[0] / (double)(movers[0] + stayers[0]), 0.05, 0.10);
        Assert.InRange(movers[1] / (double)(movers[1] + stayers[1]), 0.01, 0.03);
        // Employment of the 25-64s stays about as drawn over the ten years (the chain starts from its stationary shares;
        // 16-24s in work today were in education then).
        var adults = citizens.Where(n => n.AgeBand is AgeBand.Age25To34 or AgeBand.Age35To49 or AgeBand.Age50To64).ToArray();
        double InWork(DateOnly day) => adults.Count(n => At(n, day).ToWorkStatus() == WorkStatus.InWork) / (double)adults.Length;
        Assert.InRange(InWork(Today.AddDays(-3600)) - InWork(Today.AddDays(-1)), -0.04, 0.04);
    }

    [Fact]
    public void Create_Lifecycle_ProgrammeCitizensHaveHistoryAndAreOutOfWorkWhenProposedAndPaired()
    {
        var city = City.Value;
        var history = city.StatusHistory.GroupBy(c => c.Person).ToDictionary(g => g.Key, g => g.ToArray());
        Employment At(string person, DateOnly day) => history[person].Last(r => r.Date <= day).Employment;
        Assert.All(city.Proposals, p =>
        {
            Assert.True(history.TryGetValue(p.Citizen, out var rows), p.Citizen);
            Assert.True(rows![0].Date < p.Proposed, p.Id);
            Assert.Equal(WorkStatus.OutOfWork, At(p.Citizen, p.Proposed).ToWorkStatus());
        });
        Assert.All(city.Ties.Where(t => t.Kind == TieKind.Mentoring), t => Assert.Equal(WorkStatus.OutOfWork, At(t.Target, t.Since!.Value).ToWorkStatus()));
    }

    [Fact]
    public void Create_PlantedEffect_ChangesOnlyEmploymentAndSectorOfTheNodes()
    {
        var options = new CityOptions { People = 3_000, Seed = 6 };
        var plain = CityGenerator.Create(options);
        var planted = CityGenerator.Create(options with { Effect = 0.15 });
        // Every tie is the same but the coaching of citizens into work, which follows the employment history.
        var inWork = plain.Nodes.Where(n => n.WorkStatus == WorkStatus.InWork).Select(n => n.Id).ToHashSet();
        IEnumerable<TieRecord> NotIntoWork(GeneratedCity city) =>
            city.Ties.Where(t => t.Kind != TieKind.Coaching || t.Until is null || !inWork.Contains(t.Target));
        Assert.Equal(NotIntoWork(plain), NotIntoWork(planted));
        Assert.Equal(plain.Nodes.Select(n => n with { Employment = default, Sector = null }), planted.Nodes.Select(n => n with { Employment = default, Sector = null }));
        var changed = plain.Nodes.Zip(planted.Nodes).Where(p => p.First.Employment != p.Second.Employment).ToArray();
        Assert.NotEmpty(changed);
        Assert.All(changed, p => Assert.Equal(NodeKind.Citizen, p.First.Kind));
        var last = planted.StatusHistory.GroupBy(c => c.Person).ToDictionary(g => g.Key, g => g.Last().Employment);
        Assert.All(planted.Nodes.Where(n => last.ContainsKey(n.Id)), n => Assert.Equal(last[n.Id], n.Employment));
    }

    [Fact]
    public void Validate_Effect_MustBeFrom0To1AndNeedsTheLifecycle()
    {
        Assert.Single(new CityOptions { Effect = 1.5 }.Validate(), p => p.Option == nameof(CityOptions.Effect));
        Assert.Single(new CityOptions { Effect = -0.1 }.Validate(), p => p.Option == nameof(CityOptions.Effect));
        Assert.Single(new CityOptions { Effect = 0.1, Lifecycle = false }.Validate(), p => p.Option == nameof(CityOptions.Effect));
        Assert.Empty(new CityOptions { Effect = 1 }.Validate());
        Assert.Empty(new CityOptions { Lifecycle = false }.Validate());
    }
}
