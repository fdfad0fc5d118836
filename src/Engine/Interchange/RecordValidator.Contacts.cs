using SocialCapital.Model;

namespace SocialCapital.Interchange;

// The rules of contacts.csv: each meeting against the nodes.
internal static partial class RecordValidator
{
    /// <summary>Checks contacts against the nodes, adding one problem per broken rule: the coach is a coach node, the
    /// citizen a citizen node, the channel a known one. Repeated rows are allowed (the same meeting written twice is one
    /// contact, see <see cref="ContactRecord"/>).</summary>
    /// <param name="nodes">The nodes, valid.</param>
    /// <param name="contacts">The contacts, in input order.</param>
    /// <param name="where">Where each record came from.</param>
    /// <param name="problems">Receives the problems.</param>
    /// <param name="positions">The nodes' <see cref="Positions"/>, when the caller already has them.</param>
    /// <param name="unreadableIds">Ids of node rows that failed to parse: references to them are not reported again.</param>
    /// <param name="nodesKnown">False when the nodes could not be read: the contacts are checked on their own.</param>
    public static void ValidateContacts(IReadOnlyList<NodeRecord> nodes, IReadOnlyList<ContactRecord> contacts, RecordLocator where,
        ProblemCollector problems, IdTable? positions = null, IReadOnlySet<string>? unreadableIds = null, bool nodesKnown = true)
    {
        if (contacts.Count == 0) return;
        References references;
        if (!nodesKnown) references = new References(nodes, null, null, unreadableIds);
        else if (positions is null && 2 * contacts.Count <= FewIds)
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var c in contacts)
            {
                if (c?.Coach is { } coach) ids.Add(coach);
                if (c?.Citizen is { } citizen) ids.Add(citizen);
            }
            references = new References(nodes, null, Find(nodes, ids), unreadableIds);
        }
        else references = new References(nodes, positions ?? Positions(nodes), null, unreadableIds);
        for (var i = 0; i < contacts.Count; i++)
        {
            var contact = contacts[i];
            var at = new At(where, Kind.Contact, i, problems);
            if (contact is null) { at.Add(null, null, "contact is null"); continue; }
            if (references.Check(contact.Coach, "coach", at) is { } coach && coach != NodeKind.Coach)
                at.Add("coach", contact.Coach, $"must be a coach, not {Words.A(coach.Name())}");
            if (references.Check(contact.Citizen, "citizen", at) is { } citizen && citizen != NodeKind.Citizen)
                at.Add("citizen", contact.Citizen, $"must be a citizen, not {Words.A(citizen.Name())}");
            if (contact.Channel > ContactChannel.Message) at.Add("channel", contact.Channel.ToString(), "not a contact channel");
        }
    }
}
