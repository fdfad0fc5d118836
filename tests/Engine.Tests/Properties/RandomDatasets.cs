using FsCheck;
using FsCheck.Fluent;
using SocialCapital.Interchange;
using SocialCapital.Model;

namespace SocialCapital.Tests.Properties;

/// <summary>Small random datasets: up to 14 people of every kind with random (often unknown) attributes, a
/// couple of places, and random ties of every kind, repeated pairs and unequal strengths included.</summary>
internal static class RandomDatasets
{
    private static readonly string[] Areas = ["A", "B", "C"];
    private static readonly TieKind[] PersonKinds = [TieKind.Friend, TieKind.Family, TieKind.Acquaintance, TieKind.Colleague, TieKind.Mentoring, TieKind.Coaching, TieKind.Referral];
    private static readonly double[] Strengths = [0.5, 1, 1, 2, 3.25];

    public static Arbitrary<Dataset> Arbitrary() =>
        Gen.Choose(1, 14).SelectMany(n => Gen.Choose(0, int.MaxValue - 1).Select(seed => Make(n, seed))).ToArbitrary();

    public static Dataset Make(int people, int seed)
    {
        var random = new Random(seed);
        var nodes = new List<NodeRecord>();
        for (var i = 0; i < people; i++)
        {
            nodes.Add(new NodeRecord($"p{random.Next(1000):D3}-{i}", random.Next(4) > 0 ? NodeKind.Citizen : (NodeKind)random.Next(0, 3))
            {
                Area = random.Next(5) == 0 ? null : Areas[random.Next(Areas.Length)],
                Employment = (Employment)random.Next(0, 7),
                AgeBand = (AgeBand)random.Next(0, 6),
                Ses = random.Next(4) == 0 ? null : Math.Round(random.NextDouble(), 3),
                Sector = random.Next(2) == 0 ? null : "s" + random.Next(3),
            });
        }
        nodes.Add(new NodeRecord("group", NodeKind.PeerGroup) { Capacity = 5 });
        nodes.Add(new NodeRecord("employer", NodeKind.Employer));
        var ties = new List<TieRecord>();
        var tieCount = people < 2 ? 0 : random.Next(0, people * 3);
        for (var t = 0; t < tieCount; t++)
        {
            var a = random.Next(people);
            var b = random.Next(people - 1);
            if (b >= a) b++;
            var kind = PersonKinds[random.Next(PersonKinds.Length)];
            // A mentoring tie starts at the mentor: turned round when only the target is one, a friend tie when neither is.
            if (kind == TieKind.Mentoring && nodes[a].Kind != NodeKind.Mentor)
            {
                if (nodes[b].Kind == NodeKind.Mentor) (a, b) = (b, a);
                else kind = TieKind.Friend;
            }
            ties.Add(new TieRecord(nodes[a].Id, nodes[b].Id, kind) { Strength = Strengths[random.Next(Strengths.Length)] });
        }
        for (var i = 0; i < people; i++)
            if (random.Next(3) == 0)
                ties.Add(random.Next(2) == 0 ? new TieRecord(nodes[i].Id, "group", TieKind.Membership) : new TieRecord(nodes[i].Id, "employer", TieKind.Employment));
        return Dataset.Create(nodes, ties);
    }

    /// <summary>The same dataset with every id replaced (a relabelling that changes the index order) and rows shuffled.</summary>
    public static Dataset Relabel(Dataset dataset, int seed)
    {
        var random = new Random(seed);
        var map = dataset.Nodes.ToDictionary(n => n.Id, n => $"x{random.Next(100000):D5}{n.Id.GetHashCode(StringComparison.Ordinal) & 0xFF:x2}-{n.Id}");
        var nodes = dataset.Nodes.Select(n => n with { Id = map[n.Id] }).OrderBy(_ => random.Next()).ToArray();
        var ties = dataset.Ties.Select(t => t with { Source = map[t.Source], Target = map[t.Target] }).OrderBy(_ => random.Next()).ToArray();
        return Dataset.Create(nodes, ties);
    }
}
