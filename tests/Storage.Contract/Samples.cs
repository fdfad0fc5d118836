using SocialCapital.Interchange;
using SocialCapital.Model;

namespace SocialCapital.Storage.Contract;

/// <summary>The datasets the store tests use: the committed samples in <c>data-samples/</c> and a hand-made dataset
/// that exercises every field a store must keep.</summary>
public static class Samples
{
    private static readonly Lazy<Dataset> ToyData = new(() => Dataset.Load(Folder("toy")));
    private static readonly Lazy<Dataset> KarateData = new(() => Dataset.Load(Folder("karate")));
    private static readonly Lazy<Dataset> CityData = new(() => Dataset.Load(Folder("city-10k")));

    public static string RepoRoot => Repo.Root;

    /// <summary>The toy sample (12 people).</summary>
    public static Dataset Toy => ToyData.Value;

    /// <summary>Zachary's karate club (34 people, 78 weighted ties).</summary>
    public static Dataset Karate => KarateData.Value;

    /// <summary>The generated city of 10,000 people and about 100,000 ties.</summary>
    public static Dataset City10k => CityData.Value;

    /// <summary>A folder of <c>data-samples</c>, e.g. <c>toy</c>.</summary>
    /// <param name="name">The sample's name.</param>
    /// <returns>Its full path.</returns>
    public static string Folder(string name) => Path.Combine(RepoRoot, "data-samples", name);

    /// <summary>Every field a store must keep: extra attribute columns (one no node uses), awkward attribute text,
    /// lists, empty versus unknown text, edge numbers, dates, fractional strengths, every tie kind and repeated ties
    /// (the same two people and kind twice, once with the ends reversed).</summary>
    /// <returns>The dataset.</returns>
    public static Dataset Rich()
    {
        NodeRecord[] nodes =
        [
            new("c1", NodeKind.Citizen)
            {
                Area = "E02001234", Employment = Employment.Unemployed, AgeBand = AgeBand.Age16To24, Sector = "health",
                Ses = 0.1 + 0.2, Languages = ["en", "cy"], Skills = ["first_aid"], Goals = ["digital", "health"],
                Attributes = new Dictionary<string, string> { ["ethnicity"] = "white_british", ["note"] = "quote \" back\\slash\nnew line, café, 日本" },
            },
            new("c2", NodeKind.Citizen) { Area = "", Sector = "", Ses = double.Epsilon, AgeBand = AgeBand.Age65Plus, Employment = Employment.Retired },
            new("c.3_x:y-z", NodeKind.Citizen) { Ses = 1, Employment = Employment.SelfEmployed, Attributes = new Dictionary<string, string> { ["team"] = "" } },
            new("m1", NodeKind.Mentor) { Ses = 0, Capacity = 0, Skills = ["cv_writing", "interviews"], Employment = Employment.Employed },
            new("k1", NodeKind.Coach) { Capacity = int.MaxValue, AgeBand = AgeBand.Age35To49 },
            new("s1", NodeKind.Citizen) { Employment = Employment.Student, Ses = 2.0 / 3 },
            new("i1", NodeKind.Citizen) { Employment = Employment.Inactive, Ses = 0.999999999999 },
            new("e1", NodeKind.Employer) { Area = "E02001234", Sector = "health", Capacity = 3 },
            new("g1", NodeKind.PeerGroup) { Capacity = 12, Area = "A" },
        ];
        TieRecord[] ties =
        [
            new("c1", "c2", TieKind.Friend) { Strength = 0.1 },
            new("c2", "c1", TieKind.Friend) { Strength = 1.0 / 3 }, // repeats c1–c2 friend, ends reversed
            new("c1", "c2", TieKind.Family) { Strength = 2.5e-7 },
            new("c1", "c.3_x:y-z", TieKind.Acquaintance) { Since = new DateOnly(2020, 2, 29), Until = new DateOnly(2024, 1, 1) },
            new("c2", "c.3_x:y-z", TieKind.Colleague) { Since = new DateOnly(1, 1, 1) },
            new("m1", "c1", TieKind.Mentoring) { Strength = 1e300, Until = new DateOnly(9999, 12, 31) },
            new("k1", "c1", TieKind.Coaching),
            new("c2", "s1", TieKind.Referral) { Strength = 12.75 },
            new("c1", "g1", TieKind.Membership),
            new("m1", "e1", TieKind.Employment) { Since = new DateOnly(2025, 6, 1) },
            new("c1", "c2", TieKind.Friend) { Strength = 4 }, // a third c1–c2 friend row
            new("i1", "s1", TieKind.Friend),
        ];
        return Dataset.Create(nodes, ties, ["ethnicity", "unused_column", "note"]);
    }

    /// <summary><see cref="Small"/> with a second mentor and the mentoring lifecycle: proposals in every status (with
    /// and without a maker, reasons with awkward text), an ended pairing with an outcome and an end reason, and
    /// employment changes of citizens, a mentor and a coach.</summary>
    /// <returns>The dataset.</returns>
    public static Dataset Lifecycle()
    {
        var small = Small();
        var day = new DateOnly(2026, 1, 5);
        return Dataset.Create(
            [.. small.Nodes, new NodeRecord("f", NodeKind.Mentor) { Capacity = 2, Area = "A" }],
            [.. small.Ties, new TieRecord("f", "b", TieKind.Mentoring)
            {
                Since = day, Until = day.AddDays(40), Outcome = PairingOutcome.EndedEarly, EndReason = "moved away, \"for work\"\nnew line",
            }, new TieRecord("f", "e", TieKind.Mentoring) { Since = day, Until = day.AddDays(90), Outcome = PairingOutcome.Completed }],
            proposals:
            [
                new ProposalRecord("p1", "a", "c", day, day.AddDays(10)) { ProposedBy = "d", Status = ProposalStatus.Accepted, Decided = day.AddDays(2) },
                new ProposalRecord("p2", "b", "c", day, day.AddDays(10))
                {
                    ProposedBy = "d", Status = ProposalStatus.Declined, Decided = day.AddDays(3), Reason = "no time; \"sorry\", café",
                },
                new ProposalRecord("p3", "e", "c", day.AddDays(20), day.AddDays(30)),
                new ProposalRecord("p4", "e", "f", day, day.AddDays(10)) { ProposedBy = "d", Status = ProposalStatus.Expired, Decided = day.AddDays(10) },
                new ProposalRecord("p5", "b", "f", day, day.AddDays(3)) { Status = ProposalStatus.Withdrawn, Decided = day },
                new ProposalRecord("p6", "a", "f", day.AddDays(1), day.AddDays(11)) { ProposedBy = "d" },
            ],
            statusHistory:
            [
                new StatusChange("a", new DateOnly(2025, 12, 1), Employment.Unemployed),
                new StatusChange("a", new DateOnly(2026, 3, 1), Employment.Employed),
                new StatusChange("c", new DateOnly(2024, 1, 1), Employment.Employed),
                new StatusChange("d", new DateOnly(2020, 1, 1), Employment.Employed),
                new StatusChange("b", new DateOnly(2026, 2, 1), Employment.Student),
            ]);
    }

    /// <summary><see cref="Small"/> with the coaching data: a second coach, hubs on people (one with awkward text),
    /// specialisms, coaching ties with dates, and contacts on every channel (two coaches, one citizen met twice a day).</summary>
    /// <returns>The dataset.</returns>
    public static Dataset Coaching()
    {
        var small = Small();
        var day = new DateOnly(2026, 1, 5);
        NodeRecord[] nodes =
        [
            .. small.Nodes.Select(n => n.Id switch
            {
                "a" => n with { Hub = "hub-north" },
                "d" => n with { Hub = "hub-north", Specialisms = ["health", "older_workers", "ips"], Capacity = 30 },
                _ => n,
            }),
            new NodeRecord("k2", NodeKind.Coach) { Hub = "Hub \"south\", café", Specialisms = ["young_people"] },
        ];
        return Dataset.Create(nodes, [.. small.Ties, new TieRecord("k2", "b", TieKind.Coaching) { Since = day }],
            contacts:
            [
                new ContactRecord("d", "a", day, ContactChannel.InPerson),
                new ContactRecord("d", "a", day, ContactChannel.Phone),
                new ContactRecord("k2", "b", day.AddDays(7), ContactChannel.Video),
                new ContactRecord("k2", "e", day.AddDays(30), ContactChannel.Message),
            ]);
    }

    /// <summary>A small valid dataset: five people, a peer group, an employer and a few ties.</summary>
    /// <returns>The dataset.</returns>
    public static Dataset Small() => Dataset.Create(
        [
            new NodeRecord("a", NodeKind.Citizen) { Area = "A", Ses = 0.25 },
            new NodeRecord("b", NodeKind.Citizen) { Area = "A", Ses = 0.75 },
            new NodeRecord("c", NodeKind.Mentor) { Area = "B" },
            new NodeRecord("d", NodeKind.Coach),
            new NodeRecord("e", NodeKind.Citizen) { Attributes = new Dictionary<string, string> { ["team"] = "t1" } },
            new NodeRecord("g", NodeKind.PeerGroup) { Capacity = 4 },
            new NodeRecord("w", NodeKind.Employer),
        ],
        [
            new TieRecord("a", "b", TieKind.Friend),
            new TieRecord("c", "a", TieKind.Mentoring) { Strength = 2 },
            new TieRecord("b", "c", TieKind.Friend),
            new TieRecord("b", "a", TieKind.Colleague),
            new TieRecord("a", "g", TieKind.Membership),
            new TieRecord("c", "w", TieKind.Employment),
            new TieRecord("d", "a", TieKind.Coaching),
        ]);
}
