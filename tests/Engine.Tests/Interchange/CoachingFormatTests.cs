using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialCapital.Interchange;
using SocialCapital.Model;
using SocialCapital.Storage;
using SocialCapital.Storage.Contract;

namespace SocialCapital.Tests.Interchange;

/// <summary>The coaching data: the nodes' hub and specialisms columns and contacts.csv: reading, the rules, writing, round
/// trips, edits.</summary>
public class CoachingFormatTests
{
    private const string Nodes = "id,kind\nc1,citizen\nc2,citizen\nm1,mentor\nk1,coach\nw1,employer\n";
    private const string Ties = "source,target,kind\n";
    private const string ContactHeader = "coach,citizen,date,channel\n";

    private static Dataset Read(string nodes, string? contacts = null) =>
        DatasetReader.Read(Bytes(nodes), Bytes(Ties), "nodes.csv", "ties.csv", contacts: contacts is null ? null : Bytes(contacts));

    private static MemoryStream Bytes(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Read_HubSpecialismsAndContacts_AreParsed()
    {
        var dataset = Read("id,kind,specialisms,hub\nc1,citizen,,north\nk1,coach,health; ips,north\n",
            ContactHeader + "k1,c1,2026-01-05,in_person\nk1,c1,2026-01-05,in_person\nk1,c1,2026-02-01,message\n");
        Assert.Equal(("north", 0), (dataset.Nodes[0].Hub!, dataset.Nodes[0].Specialisms.Count));
        Assert.Equal(["health", "ips"], dataset.Nodes[1].Specialisms);
        Assert.Empty(dataset.AttributeColumns);
        Assert.Equal(
            [
                new ContactRecord("k1", "c1", new(2026, 1, 5), ContactChannel.InPerson),
                new ContactRecord("k1", "c1", new(2026, 1, 5), ContactChannel.InPerson),
                new ContactRecord("k1", "c1", new(2026, 2, 1), ContactChannel.Message),
            ], dataset.Contacts);
    }

    [Theory]
    [InlineData("id,kind,hub\nw1,employer,north\n", "hub", "only a person belongs to a hub, not an employer")]
    [InlineData("id,kind,specialisms\nm1,mentor,health\n", "specialisms", "only a coach has specialisms, not a mentor")]
    [InlineData("id,kind,hub\nk1,coach,\"a\u202Eb\"\n", "hub", "invisible or control character")]
    public void Read_BadCoachColumn_NamesFileLineAndColumn(string nodes, string column, string reason)
    {
        var problem = Assert.Single(Assert.Throws<DataValidationException>(() => Read(nodes)).Problems);
        Assert.Equal(("nodes.csv", 2, column), (problem.Source, problem.Line!.Value, problem.Column!));
        Assert.Contains(reason, problem.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("m1,c1,2026-01-01,phone", "coach", "must be a coach, not a mentor")]
    [InlineData("k9,c1,2026-01-01,phone", "coach", "unknown id")]
    [InlineData(",c1,2026-01-01,phone", "coach", "coach is required")]
    [InlineData("k1,w1,2026-01-01,phone", "citizen", "must be a citizen, not an employer")]
    [InlineData("k1,c1,2026-1-1,phone", "date", "not an ISO date")]
    [InlineData("k1,c1,,phone", "date", "date is required")]
    [InlineData("k1,c1,2026-01-01,email", "channel", "unknown contact channel")]
    [InlineData("k1,c1,2026-01-01,", "channel", "channel is required")]
    public void Read_BadContact_NamesFileLineAndColumn(string row, string column, string reason)
    {
        var problem = Assert.Single(Assert.Throws<DataValidationException>(() => Read(Nodes, ContactHeader + row + "\n")).Problems);
        Assert.Equal(("contacts.csv", 2, column), (problem.Source, problem.Line!.Value, problem.Column!));
        Assert.Contains(reason, problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownOrMissingContactColumns_AreProblemsOfTheHeader()
    {
        var problems = Assert.Throws<DataValidationException>(() => Read(Nodes, "coach,citizen,date,colour\n")).Problems;
        Assert.Contains(problems, p => p is { Source: "contacts.csv", Line: 1, Column: "colour" });
        Assert.Contains(problems, p => p is { Source: "contacts.csv", Line: 1, Column: "channel" } && p.Reason.StartsWith("required column", StringComparison.Ordinal));
    }

    [Fact]
    public void Create_ContactsFromCode_AreNamedByPosition()
    {
        var nodes = Read(Nodes).Nodes;
        var e = Assert.Throws<DataValidationException>(() => Dataset.Create(nodes, [],
            contacts: [new ContactRecord("k1", "c1", new(2026, 1, 1), ContactChannel.Video), new ContactRecord("k1", "c1", new(2026, 1, 1), (ContactChannel)9)]));
        Assert.Equal([("contact #2", "channel")], e.Problems.Select(p => (p.Source, p.Column!)));
    }

    [Fact]
    public void Save_WithoutCoachingData_WritesTheNodesAsBefore()
    {
        using var folder = new TempFolder();
        Samples.Small().Save(folder.Path);
        Assert.Equal(["nodes.csv", "ties.csv"], Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order());
        Assert.StartsWith("id,kind,area,employment,age_band,sector,ses,languages,skills,goals,capacity,team\n",
            File.ReadAllText(Path.Combine(folder.Path, "nodes.csv")), StringComparison.Ordinal);
    }

    [Fact]
    public void Save_Coaching_RoundTripsAndReplacesOldFiles()
    {
        using var folder = new TempFolder();
        var coaching = Samples.Coaching();
        coaching.Save(folder.Path);
        Assert.Equal(["contacts.csv", "nodes.csv", "ties.csv"], Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order());
        Assert.StartsWith("id,kind,area,employment,age_band,sector,ses,languages,skills,goals,capacity,hub,specialisms,team\n",
            File.ReadAllText(Path.Combine(folder.Path, "nodes.csv")), StringComparison.Ordinal);
        DatasetAssert.Equal(coaching, Dataset.Load(folder.Path));
        Samples.Small().Save(folder.Path);
        Assert.Equal(["nodes.csv", "ties.csv"], Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order());
    }

    [Property(MaxTest = 60)]
    public Property Save_RandomCoaching_ReadsBackEqual() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue - 1).ToArbitrary(), seed =>
        {
            var dataset = RandomCoaching(seed);
            using var folder = new TempFolder();
            dataset.Save(folder.Path);
            return DatasetAssert.AreEqual(dataset, Dataset.Load(folder.Path));
        });

    [Fact]
    public void AddContact_NewThenSame_IsCreatedThenUnchanged()
    {
        var dataset = Samples.Small();
        var contact = new ContactRecord("d", "a", new(2026, 1, 5), ContactChannel.Phone);
        var added = DatasetEdits.AddContact(dataset, contact);
        Assert.Equal(WriteEffect.Created, added.Effect);
        Assert.Equal([contact], added.Dataset.Contacts);
        var again = DatasetEdits.AddContact(added.Dataset, contact with { });
        Assert.Equal(WriteEffect.Unchanged, again.Effect);
        Assert.Same(added.Dataset, again.Dataset);
        var otherChannel = DatasetEdits.AddContact(added.Dataset, contact with { Channel = ContactChannel.Video });
        Assert.Equal(2, otherChannel.Dataset.Contacts.Count);
    }

    [Fact]
    public void AddContact_NotACoach_IsAProblemNamingTheContact()
    {
        var e = Assert.Throws<DataValidationException>(() =>
            DatasetEdits.AddContact(Samples.Small(), new ContactRecord("c", "a", new(2026, 1, 5), ContactChannel.Phone)));
        var problem = Assert.Single(e.Problems);
        Assert.Equal(("contact of 'c' with 'a' on 2026-01-05", "coach"), (problem.Source, problem.Column!));
    }

    [Fact]
    public void Edits_OfNodesTiesAndLifecycle_CarryTheContacts()
    {
        var coaching = Samples.Coaching();
        var edits = new[]
        {
            DatasetEdits.UpsertNode(coaching, new NodeRecord("z", NodeKind.Citizen)),
            DatasetEdits.UpsertTie(coaching, new TieRecord("a", "e", TieKind.Friend)),
            DatasetEdits.DeleteTies(coaching, "a", "b"),
            DatasetEdits.UpsertStatus(coaching, new StatusChange("a", new(2026, 1, 1), Employment.Employed)),
            DatasetEdits.UpsertProposals(coaching, [new ProposalRecord("p", "b", "c", new(2026, 1, 1), new(2026, 1, 9))]),
        };
        foreach (var edit in edits) Assert.Equal(coaching.Contacts, edit.Dataset.Contacts);
    }

    [Fact]
    public void DeleteNode_RemovesItsContacts()
    {
        var coaching = Samples.Coaching();
        Assert.Equal(["k2"], DatasetEdits.DeleteNode(coaching, "a").Dataset.Contacts.Select(c => c.Coach).Distinct());
        Assert.Equal(["a"], DatasetEdits.DeleteNode(coaching, "k2").Dataset.Contacts.Select(c => c.Citizen).Distinct());
    }

    [Fact]
    public void UpsertNode_CoachWithContactsBecomesMentor_IsAConflict()
    {
        var coaching = Samples.Coaching();
        var e = Assert.Throws<GraphStoreConflictException>(() => DatasetEdits.UpsertNode(coaching, new NodeRecord("k2", NodeKind.Mentor)));
        Assert.Contains("of its contacts would break", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A valid dataset with random hubs, specialisms (awkward text) and contacts on every channel, repeats included.</summary>
    internal static Dataset RandomCoaching(int seed)
    {
        var random = new Random(seed);
        string[] texts = ["north", "Hub \"south\", café", "a;b", "with space", "日本"];
        string[] specialisms = ["health", "older_workers", "young_people", "ips", "café ☕"];
        string? Hub() => random.Next(3) == 0 ? null : texts[random.Next(texts.Length)];
        var citizens = Enumerable.Range(0, random.Next(1, 6)).Select(i => new NodeRecord($"c{i}", NodeKind.Citizen) { Hub = Hub() }).ToArray();
        var coaches = Enumerable.Range(0, random.Next(1, 4)).Select(i => new NodeRecord($"k{i}", NodeKind.Coach)
        {
            Hub = Hub(), Specialisms = [.. specialisms.Where(_ => random.Next(2) == 0)],
        }).ToArray();
        var start = new DateOnly(2025, 1, 1).AddDays(random.Next(365));
        var contacts = new List<ContactRecord>();
        for (var k = random.Next(12); k > 0; k--)
            contacts.Add(new ContactRecord(coaches[random.Next(coaches.Length)].Id, citizens[random.Next(citizens.Length)].Id,
                start.AddDays(random.Next(3)), (ContactChannel)random.Next(4)));
        return Dataset.Create([.. citizens, .. coaches, new NodeRecord("w", NodeKind.Employer)], [], contacts: contacts);
    }
}
