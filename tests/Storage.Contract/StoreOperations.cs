using FsCheck;
using FsCheck.Fluent;
using SocialCapital.Interchange;
using SocialCapital.Model;

namespace SocialCapital.Storage.Contract;

/// <summary>Random sequences of store writes over a handful of ids, so that they collide: nodes of every kind (a
/// kind change may conflict with ties or lifecycle records), proposals (with a tie now and then), employment changes and
/// contacts, ties of every kind (one at a time or in batches) (now and then to unknown or unsuitable ends), repeated
/// writes, deletes, the odd import (some with repeated ties), and some invalid records.</summary>
public static class StoreOperations
{
    private static readonly string[] Ids = ["a", "b", "c", "d", "g", "w"];

    /// <summary>Sequences of 1 to 40 operations, two in three starting with an import so that most ties have ends.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<StoreOperation[]> Sequences() =>
        (from n in Gen.Choose(1, 40)
         from start in Gen.Elements(Imports)
         from operations in Operation().ArrayOf(n)
         select start.Nodes.Count == 0 ? operations : [new StoreOperation.Import(start), .. operations]).ToArbitrary();

    private static Gen<StoreOperation> Operation() => Gen.Frequency(
        (5, Node().Select(n => (StoreOperation)new StoreOperation.UpsertNode(n))),
        (6, Tie().Select(t => (StoreOperation)new StoreOperation.UpsertTie(t))),
        (1, Id().Select(id => (StoreOperation)new StoreOperation.DeleteNode(id))),
        (2, from s in Id() from t in Id() from k in Gen.Elements<TieKind?>(null, TieKind.Friend, TieKind.Colleague, TieKind.Membership)
            select (StoreOperation)new StoreOperation.DeleteTies(s, t, k)),
        (1, Gen.Elements(Imports).Select(d => (StoreOperation)new StoreOperation.Import(d))),
        (3, from n in Gen.Choose(0, 3) from proposals in Proposal().ArrayOf(n)
            from tie in Gen.Frequency((3, Gen.Constant<TieRecord?>(null)), (1, Tie().Select(t => (TieRecord?)t)))
            select (StoreOperation)new StoreOperation.UpsertProposals(proposals, tie)),
        (1, Status().Select(c => (StoreOperation)new StoreOperation.UpsertStatus(c))),
        (2, Contact().Select(c => (StoreOperation)new StoreOperation.AddContact(c))),
        (2, from n in Gen.Choose(1, 3) from ties in Tie().ArrayOf(n) select (StoreOperation)new StoreOperation.UpsertTies(ties)));

    /// <summary>What an import may bring: nothing, the small sample, the small sample with repeated ties (which a
    /// later tie upsert merges), or the lifecycle sample.</summary>
    private static readonly Dataset[] Imports =
    [
        Dataset.Create([], []),
        Samples.Small(),
        Dataset.Create(Samples.Small().Nodes,
            [.. Samples.Small().Ties, new TieRecord("b", "a", TieKind.Friend) { Strength = 3 }, new TieRecord("c", "b", TieKind.Friend), new TieRecord("a", "b", TieKind.Friend)]),
        Samples.Lifecycle(),
        Samples.Coaching(),
    ];

    private static readonly DateOnly Day = new(2026, 1, 5);

    /// <summary>A proposal over a few ids, so that they replace each other and collide on the one-at-a-time rule; often
    /// valid (a citizen, the mentor c), now and then breaking any rule.</summary>
    private static Gen<ProposalRecord> Proposal() =>
        from id in Gen.Elements("p1", "p3", "q1", "q2")
        from citizen in Gen.Frequency((6, Gen.Elements("a", "b", "e")), (1, Id()))
        from mentor in Gen.Frequency((6, Gen.Elements("c", "f")), (1, Id()))
        from maker in Gen.Elements(null, null, "d", "a")
        from status in Gen.Frequency((4, Gen.Constant(ProposalStatus.Proposed)), (3, Gen.Elements(Enum.GetValues<ProposalStatus>())))
        from start in Gen.Choose(0, 20)
        from length in Gen.Frequency((10, Gen.Choose(1, 10)), (1, Gen.Constant(0)))
        from decided in Gen.Frequency((10, Gen.Constant(true)), (1, Gen.Constant(false)))
        from reason in Gen.Elements(null, null, "too far", "")
        select new ProposalRecord(id, citizen, mentor, Day.AddDays(start), Day.AddDays(start + length))
        {
            ProposedBy = maker,
            Status = status,
            Decided = (status == ProposalStatus.Proposed) != decided ? Day.AddDays(start + 1) : null,
            Reason = status is ProposalStatus.Declined or ProposalStatus.Withdrawn || reason == "" ? reason : null,
        };

    /// <summary>An employment change of a person (now and then of a place, or unknown), on one of a few days.</summary>
    private static Gen<StatusChange> Status() =>
        from person in Gen.Frequency((6, Person()), (1, Id()))
        from day in Gen.Choose(0, 2)
        from employment in Gen.Frequency((8, Gen.Choose(1, 6)), (1, Gen.Constant(0)))
        select new StatusChange(person, Day.AddDays(day), (Employment)employment);

    /// <summary>A contact of a person with a person on one of a few days (so some repeat one), mostly valid only when the
    /// first is a coach and the second a citizen.</summary>
    private static Gen<ContactRecord> Contact() =>
        from coach in Gen.Frequency((6, Gen.Elements("d", "k2")), (1, Id()))
        from citizen in Gen.Frequency((6, Gen.Elements("a", "b", "e")), (1, Id()))
        from day in Gen.Choose(0, 2)
        from channel in Gen.Elements(ContactChannel.InPerson, ContactChannel.Phone)
        select new ContactRecord(coach, citizen, Day.AddDays(day), channel);

    private static Gen<string> Id() => Gen.Frequency((12, Gen.Elements(Ids)), (1, Gen.Constant("zz")));

    private static readonly string[] People = ["a", "b", "c", "d"];

    private static Gen<string> Person() => Gen.Elements(People);

    /// <summary>Mostly a valid node; a through d are mostly people, g mostly a peer group and w mostly an employer,
    /// and now and then one turns into another kind (which its ties may not allow).</summary>
    private static Gen<NodeRecord> Node() =>
        from id in Gen.Frequency((30, Gen.Elements(Ids)), (1, Gen.Constant("bad id")))
        from usual in Gen.Frequency((5, Gen.Constant(true)), (1, Gen.Constant(false)))
        from other in Gen.Elements(Enum.GetValues<NodeKind>())
        from person in Gen.Frequency((4, Gen.Constant(NodeKind.Citizen)), (2, Gen.Constant(NodeKind.Mentor)), (1, Gen.Constant(NodeKind.Coach)))
        from area in Gen.Elements(null, "A", "B")
        from employment in Gen.Choose(0, 6)
        from ses in Gen.Frequency((30, Gen.Elements<double?>(null, 0.25, 1.0 / 3, 1)), (1, Gen.Constant<double?>(1.5)))
        from languages in Gen.Frequency((30, Gen.Elements<string[]>([], ["en"], ["en", "cy"])), (1, Gen.Constant<string[]>(["x;y"])))
        from capacity in Gen.Frequency((30, Gen.Elements<int?>(null, 0, 3)), (1, Gen.Constant<int?>(-1)))
        from attributes in Gen.Frequency((30, Gen.Elements(0, 0, 1, 2)), (1, Gen.Constant(3)))
        select new NodeRecord(id, !usual ? other : id == "g" ? NodeKind.PeerGroup : id == "w" ? NodeKind.Employer : person)
        {
            Area = area,
            Employment = (Employment)employment,
            Ses = ses,
            Languages = languages,
            Capacity = capacity,
            Attributes = attributes switch
            {
                1 => new Dictionary<string, string> { ["team"] = "t1" },
                2 => new Dictionary<string, string> { ["team"] = "t2", ["colour"] = "red" },
                3 => new Dictionary<string, string> { ["kind"] = "standard column" },
                _ => new Dictionary<string, string>(),
            },
        };

    /// <summary>Mostly a tie between people or from a person to the matching place, often repeating an earlier one
    /// exactly; now and then any ends and kind (unknown ends, self-ties, wrong places) or a bad value.</summary>
    private static Gen<TieRecord> Tie() =>
        from shape in Gen.Frequency(
            (7, from i in Gen.Choose(0, 3) from j in Gen.Choose(0, 2) from k in Gen.Elements(TieKind.Friend, TieKind.Friend, TieKind.Colleague, TieKind.Mentoring)
                select (People[i], People[j >= i ? j + 1 : j], k)),
            (1, Person().Select(s => (s, "g", TieKind.Membership))),
            (1, Person().Select(s => (s, "w", TieKind.Employment))),
            (1, from s in Id() from t in Id() from k in Gen.Elements(Enum.GetValues<TieKind>()) select (s, t, k)))
        from strength in Gen.Frequency((10, Gen.Constant(1.0)), (3, Gen.Elements(0.5, 2.25)), (1, Gen.Constant(0.0)))
        from dates in Gen.Frequency((10, Gen.Constant(0)), (3, Gen.Elements(1, 2)), (1, Gen.Constant(3)))
        select new TieRecord(shape.Item1, shape.Item2, shape.Item3)
        {
            Strength = strength,
            Since = dates is 1 or 3 ? new DateOnly(2024, 1, 1) : null,
            Until = dates is 2 ? new DateOnly(2025, 1, 1) : dates is 3 ? new DateOnly(2023, 1, 1) : null,
        };
}
