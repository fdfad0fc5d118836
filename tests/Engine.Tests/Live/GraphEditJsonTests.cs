using SocialCapital.Live;
using SocialCapital.Model;

namespace SocialCapital.Engine.Tests.Live;

/// <summary>A change feed's edits survive their JSON form exactly, and a damaged form is refused clearly.</summary>
public sealed class GraphEditJsonTests
{
    private static readonly NodeRecord Node = new("p1", NodeKind.Citizen)
    {
        Area = "E08000035", Employment = Employment.SelfEmployed, AgeBand = AgeBand.Age50To64, Sector = "care",
        Ses = 0.1 + 0.2, Languages = ["en", "pl"], Skills = ["driving"], Goals = ["work"], Capacity = 3, Hub = "Leeds",
        Specialisms = ["over_50s"], Attributes = new Dictionary<string, string> { ["borough"] = "north", ["cohort"] = "2026" },
    };

    private static readonly TieRecord Tie = new("p1", "m1", TieKind.Mentoring)
    {
        Strength = 1.0 / 3, Since = new DateOnly(2026, 1, 5), Until = new DateOnly(2026, 7, 5),
        Outcome = PairingOutcome.Completed, EndReason = "done",
    };

    public static TheoryData<GraphEdit> Edits() =>
    [
        new GraphEdit.UpsertNode(Node),
        new GraphEdit.UpsertNode(new NodeRecord("bare", NodeKind.PeerGroup)),
        new GraphEdit.DeleteNode("p1"),
        new GraphEdit.UpsertTie(Tie),
        new GraphEdit.UpsertTies([Tie, new TieRecord("a", "b", TieKind.Friend)]),
        new GraphEdit.DeleteTies("a", "b", TieKind.Friend),
        new GraphEdit.DeleteTies("a", "b"),
        new GraphEdit.UpsertProposals(
            [new ProposalRecord("x1", "p1", "m1", new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 15))
                { ProposedBy = "c1", Status = ProposalStatus.Accepted, Decided = new DateOnly(2026, 2, 3), Reason = "fits" }],
            Tie),
        new GraphEdit.UpsertProposals([]),
        new GraphEdit.UpsertStatus(new StatusChange("p1", new DateOnly(2026, 3, 1), Employment.Employed)),
        new GraphEdit.AddContact(new ContactRecord("c1", "p1", new DateOnly(2026, 3, 2), ContactChannel.Video)),
    ];

    [Theory]
    [MemberData(nameof(Edits))]
    public void Serialize_ThenDeserialize_GivesTheSameEdit(GraphEdit edit)
    {
        var json = GraphEditJson.Serialize(edit);
        var back = GraphEditJson.Deserialize(json);
        Assert.Equal(edit.GetType(), back.GetType());
        // Records compare their lists by reference, so compare the JSON of the copy: equal text means equal fields.
        Assert.Equal(json, GraphEditJson.Serialize(back));
    }

    [Fact]
    public void Serialize_NodeRecord_KeepsEveryFieldExactly()
    {
        var back = (GraphEdit.UpsertNode)GraphEditJson.Deserialize(GraphEditJson.Serialize(new GraphEdit.UpsertNode(Node)));
        var node = back.Node;
        Assert.Equal(BitConverter.DoubleToInt64Bits(Node.Ses!.Value), BitConverter.DoubleToInt64Bits(node.Ses!.Value));
        Assert.Equal(Node.Languages, node.Languages);
        Assert.Equal(Node.Specialisms, node.Specialisms);
        Assert.Equal(Node.Attributes.ToArray(), node.Attributes.ToArray());
        Assert.Equal(Node with { Languages = node.Languages, Skills = node.Skills, Goals = node.Goals,
            Specialisms = node.Specialisms, Attributes = node.Attributes }, node);
    }

    [Theory]
    [InlineData("{\"type\":\"rename_node\",\"id\":\"p1\"}")]
    [InlineData("{\"type\":\"upsert_status\",\"change\":{\"person\":\"p1\",\"date\":\"2026-03-01\",\"employment\":\"hired\"}}")]
    [InlineData("null")]
    [InlineData("{")]
    public void Deserialize_NotAnEdit_ThrowsFormatException(string json) =>
        Assert.Throws<FormatException>(() => GraphEditJson.Deserialize(json));
}
