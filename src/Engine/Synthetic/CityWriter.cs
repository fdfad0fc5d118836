using System.Globalization;
using CsvHelper;
using SocialCapital.Model;

namespace SocialCapital.Synthetic;

/// <summary>Where the generator puts the rows it draws: CSV files (<see cref="Csv"/>) or records in memory
/// (<see cref="Records"/>). Both receive exactly the same rows, so a city made in memory equals the files of the
/// same options read back.</summary>
internal abstract class CityWriter
{
    /// <summary>Called once before the first node.</summary>
    public virtual void BeginNodes()
    {
    }

    /// <summary>Called once before the first tie.</summary>
    public virtual void BeginTies()
    {
    }

    /// <summary>Called once, after the ties, before the first proposal and status change (only with the lifecycle).</summary>
    public virtual void BeginLifecycle()
    {
    }

    /// <summary>One node row; <paramref name="hub"/> and <paramref name="specialisms"/> only with the coaching.</summary>
    public abstract void Node(string id, NodeKind kind, string? area, Employment employment, AgeBand age, string? sector,
        double? ses, IReadOnlyList<string> languages, IReadOnlyList<string> skills, IReadOnlyList<string> goals, int? capacity,
        string? hub, IReadOnlyList<string> specialisms);

    /// <summary>One tie row; <paramref name="outcome"/> and <paramref name="reason"/> only on an ended mentoring tie.</summary>
    public abstract void Tie(string source, string target, TieKind kind, int strength, DateOnly? since, DateOnly? until,
        PairingOutcome? outcome, string? reason);

    /// <summary>One proposal row.</summary>
    public abstract void Proposal(ProposalRecord proposal);

    /// <summary>One employment change row.</summary>
    public abstract void Status(StatusChange change);

    /// <summary>One contact row (only with the coaching).</summary>
    public abstract void Contact(ContactRecord contact);

    /// <summary>Writes <c>nodes.csv</c>, <c>ties.csv</c>, <c>proposals.csv</c>, <c>status_history.csv</c> and
    /// <c>contacts.csv</c> rows, headers first, as the interchange format has them (ISO dates, wire names, RFC 4180
    /// quoting). With the lifecycle (<paramref name="proposals"/> given), <c>ties.csv</c> has the columns
    /// <c>outcome,end_reason</c> after <c>until</c>; without it, the six columns it always had. With the coaching
    /// (<paramref name="contacts"/> given), <c>nodes.csv</c> has the columns <c>hub,specialisms</c> after <c>capacity</c>.</summary>
    public sealed class Csv(CsvWriter nodes, CsvWriter ties, CsvWriter? proposals, CsvWriter? history, CsvWriter? contacts) : CityWriter
    {
        private readonly bool _lifecycle = proposals is not null;
        private readonly bool _coaching = contacts is not null;

        public override void BeginNodes() => nodes.WriteRecord(_coaching
            ? ["id", "kind", "area", "employment", "age_band", "sector", "ses", "languages", "skills", "goals", "capacity", "hub", "specialisms"]
            : ["id", "kind", "area", "employment", "age_band", "sector", "ses", "languages", "skills", "goals", "capacity"]);

        public override void BeginTies()
        {
            contacts?.WriteRecord(["coach", "citizen", "date", "channel"]);
            ties.WriteRecord(_lifecycle
                ? ["source", "target", "kind", "strength", "since", "until", "outcome", "end_reason"]
                : ["source", "target", "kind", "strength", "since", "until"]);
        }

        public override void BeginLifecycle()
        {
            proposals?.WriteRecord(["id", "citizen", "mentor", "proposed_by", "status", "proposed", "expires", "decided", "reason"]);
            history?.WriteRecord(["person", "date", "employment"]);
        }

        public override void Node(string id, NodeKind kind, string? area, Employment employment, AgeBand age, string? sector,
            double? ses, IReadOnlyList<string> languages, IReadOnlyList<string> skills, IReadOnlyList<string> goals, int? capacity,
            string? hub, IReadOnlyList<string> specialisms)
        {
            var s = ses is { } value ? value.ToString("0.###", CultureInfo.InvariantCulture) : "";
            var c = capacity is { } places ? places.ToString(CultureInfo.InvariantCulture) : "";
            if (_coaching)
                nodes.WriteRecord([
                    id, kind.Name(), area ?? "", employment.Name(), age.Name(), sector ?? "", s,
                    string.Join(';', languages), string.Join(';', skills), string.Join(';', goals), c, hub ?? "", string.Join(';', specialisms),
                ]);
            else
                nodes.WriteRecord([
                    id, kind.Name(), area ?? "", employment.Name(), age.Name(), sector ?? "", s,
                    string.Join(';', languages), string.Join(';', skills), string.Join(';', goals), c,
                ]);
        }

        public override void Tie(string source, string target, TieKind kind, int strength, DateOnly? since, DateOnly? until,
            PairingOutcome? outcome, string? reason)
        {
            if (_lifecycle)
                ties.WriteRecord([source, target, kind.Name(), strength.ToString(CultureInfo.InvariantCulture), Date(since), Date(until),
                    outcome is { } o ? o.Name() : "", reason ?? ""]);
            else
                ties.WriteRecord([source, target, kind.Name(), strength.ToString(CultureInfo.InvariantCulture), Date(since), Date(until)]);
        }

        public override void Proposal(ProposalRecord p) => proposals?.WriteRecord([
            p.Id, p.Citizen, p.Mentor, p.ProposedBy ?? "", p.Status.Name(), Date(p.Proposed), Date(p.Expires), Date(p.Decided), p.Reason ?? "",
        ]);

        public override void Status(StatusChange change) => history?.WriteRecord([change.Person, Date(change.Date), change.Employment.Name()]);

        public override void Contact(ContactRecord contact) =>
            contacts?.WriteRecord([contact.Coach, contact.Citizen, Date(contact.Date), contact.Channel.Name()]);

        private static string Date(DateOnly? date) => date is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";
    }

    /// <summary>Makes <see cref="NodeRecord"/>s, <see cref="TieRecord"/>s, proposals, status changes and contacts equal to what
    /// reading the CSV rows would give.</summary>
    public sealed class Records(int expectedTies) : CityWriter
    {
        public List<NodeRecord> Nodes { get; } = [];

        public GeneratedTies Ties { get; } = new(expectedTies);

        public List<ProposalRecord> Proposals { get; } = [];

        public List<StatusChange> StatusHistory { get; } = [];

        public List<ContactRecord> Contacts { get; } = [];

        public override void Node(string id, NodeKind kind, string? area, Employment employment, AgeBand age, string? sector,
            double? ses, IReadOnlyList<string> languages, IReadOnlyList<string> skills, IReadOnlyList<string> goals, int? capacity,
            string? hub, IReadOnlyList<string> specialisms) =>
            Nodes.Add(new NodeRecord(id, kind)
            {
                Area = area,
                Employment = employment,
                AgeBand = age,
                Sector = sector,
                Ses = ses,
                Languages = languages,
                Skills = skills,
                Goals = goals,
                Capacity = capacity,
                Hub = hub,
                Specialisms = specialisms,
            });

        public override void Tie(string source, string target, TieKind kind, int strength, DateOnly? since, DateOnly? until,
            PairingOutcome? outcome, string? reason) =>
            Ties.Add(source, target, kind, strength, since, until, outcome, reason);

        public override void Proposal(ProposalRecord proposal) => Proposals.Add(proposal);

        public override void Status(StatusChange change) => StatusHistory.Add(change);

        public override void Contact(ContactRecord contact) => Contacts.Add(contact);
    }
}
