using System.Collections.Frozen;
using System.Collections.Immutable;
using SocialCapital.Model;

namespace SocialCapital.Graph;

/// <summary>One coach's spell with a citizen: a <see cref="TieKind.Coaching"/> tie with its dates.</summary>
/// <param name="Coach">The coach's id (the tie's source).</param>
/// <param name="Since">First day of the spell; <see langword="null"/> = always was.</param>
/// <param name="Until">First day after it; <see langword="null"/> = still running.</param>
public readonly record struct CoachingSpell(string Coach, DateOnly? Since, DateOnly? Until)
{
    /// <summary>Whether the spell runs on a day (<c>Since ≤ day &lt; Until</c>, as <see cref="TieRecord.IsActiveOn"/>).</summary>
    /// <param name="day">The day.</param>
    /// <returns><see langword="true"/> when it runs.</returns>
    public bool IsActiveOn(DateOnly day) => (Since is not { } s || s <= day) && (Until is not { } u || day < u);

    /// <summary>Whether the spell runs on some day of <c>[from, to]</c>.</summary>
    /// <param name="from">The first day.</param>
    /// <param name="to">The last day.</param>
    /// <returns><see langword="true"/> when the spell and the window overlap.</returns>
    public bool Overlaps(DateOnly from, DateOnly to) => (Since is not { } s || s <= to) && (Until is not { } u || from < u);
}

/// <summary>Who coached whom and when, and the meetings, indexed by citizen and by coach: every coaching tie of a dataset
/// whatever its dates (a graph built as of a day holds only the running ones) and every contact. The one place the
/// caseload measures and coach assignment read coaching history from. Immutable; thread-safe.</summary>
public sealed class CoachingHistory
{
    private readonly FrozenDictionary<string, CoachingSpell[]> _spells; // citizen → spells, by Since (unknown first)
    private readonly FrozenDictionary<string, ContactRecord[]> _contacts; // citizen → contacts, by date
    private readonly FrozenDictionary<string, string[]> _citizens; // coach → citizens ever coached or met, ordinal

    // Contacts added since the build (a live graph's meetings, recorded one by one), over the frozen maps: a citizen's
    // whole list and a coach's whole list as they are now. Small, persistent: adding one costs O(log n + its lists).
    private readonly ImmutableDictionary<string, ContactRecord[]> _newContacts;
    private readonly ImmutableDictionary<string, string[]> _newCitizens;

    private CoachingHistory(FrozenDictionary<string, CoachingSpell[]> spells, FrozenDictionary<string, ContactRecord[]> contacts,
        FrozenDictionary<string, string[]> citizens, ImmutableDictionary<string, ContactRecord[]>? newContacts = null,
        ImmutableDictionary<string, string[]>? newCitizens = null)
    {
        _spells = spells;
        _contacts = contacts;
        _citizens = citizens;
        _newContacts = newContacts ?? ImmutableDictionary.Create<string, ContactRecord[]>(StringComparer.Ordinal);
        _newCitizens = newCitizens ?? ImmutableDictionary.Create<string, string[]>(StringComparer.Ordinal);
    }

    /// <summary>This history with more contacts, each placed as <see cref="Of"/> would place it (after the contacts of
    /// the same day already there): what a live snapshot does when only meetings were recorded.</summary>
    internal CoachingHistory WithContacts(IReadOnlyList<ContactRecord> added)
    {
        if (added.Count == 0) return this;
        var contacts = _newContacts;
        var citizens = _newCitizens;
        foreach (var contact in added)
        {
            var list = contacts.TryGetValue(contact.Citizen, out var newer) ? newer : ContactsOf(contact.Citizen).ToArray();
            var at = list.Length;
            while (at > 0 && list[at - 1].Date > contact.Date) at--;
            contacts = contacts.SetItem(contact.Citizen, [.. list[..at], contact, .. list[at..]]);
            var ids = citizens.TryGetValue(contact.Coach, out var known) ? known : CitizensOf(contact.Coach).ToArray();
            var where = Array.BinarySearch(ids, contact.Citizen, StringComparer.Ordinal);
            if (where < 0) citizens = citizens.SetItem(contact.Coach, [.. ids[..~where], contact.Citizen, .. ids[~where..]]);
        }
        return new CoachingHistory(_spells, _contacts, _citizens, contacts, citizens);
    }

    /// <summary>No history.</summary>
    public static CoachingHistory Empty { get; } = Of([], []);

    /// <summary>The history of some ties (only <see cref="TieKind.Coaching"/> ties are read, source = coach, target =
    /// citizen) and contacts. O((ties + contacts) log).</summary>
    /// <param name="ties">Ties of every kind and date.</param>
    /// <param name="contacts">The contacts.</param>
    /// <returns>The history.</returns>
    /// <exception cref="ArgumentNullException">An argument or a record in it is null.</exception>
    public static CoachingHistory Of(IEnumerable<TieRecord> ties, IEnumerable<ContactRecord> contacts)
    {
        Guard.NotNull(ties);
        Guard.NotNull(contacts);
        var spells = new Dictionary<string, List<CoachingSpell>>(StringComparer.Ordinal);
        var met = new Dictionary<string, List<ContactRecord>>(StringComparer.Ordinal);
        var citizens = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        void Link(string coach, string citizen)
        {
            if (!citizens.TryGetValue(coach, out var set)) citizens[coach] = set = new HashSet<string>(StringComparer.Ordinal);
            set.Add(citizen);
        }
        foreach (var tie in ties)
        {
            if (Guard.NotNull(tie).Kind != TieKind.Coaching) continue;
            if (!spells.TryGetValue(tie.Target, out var list)) spells[tie.Target] = list = [];
            list.Add(new CoachingSpell(tie.Source, tie.Since, tie.Until));
            Link(tie.Source, tie.Target);
        }
        foreach (var contact in contacts)
        {
            if (!met.TryGetValue(Guard.NotNull(contact).Citizen, out var list)) met[contact.Citizen] = list = [];
            list.Add(contact);
            Link(contact.Coach, contact.Citizen);
        }
        return new CoachingHistory(
            spells.ToFrozenDictionary(p => p.Key, p => p.Value.OrderBy(s => s.Since ?? DateOnly.MinValue).ThenBy(s => s.Coach, StringComparer.Ordinal).ToArray(), StringComparer.Ordinal),
            met.ToFrozenDictionary(p => p.Key, p => p.Value.OrderBy(c => c.Date).ToArray(), StringComparer.Ordinal),
            citizens.ToFrozenDictionary(p => p.Key, p => p.Value.Order(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal));
    }

    /// <summary>Every citizen with a coaching spell or a contact, in no particular order.</summary>
    public IEnumerable<string> Citizens => _spells.Keys.Union(_contacts.Keys, StringComparer.Ordinal).Union(_newContacts.Keys, StringComparer.Ordinal);

    /// <summary>A citizen's coaching spells, by start (an unknown start first), or none.</summary>
    /// <param name="citizen">The citizen's id.</param>
    /// <returns>The spells.</returns>
    public ReadOnlySpan<CoachingSpell> SpellsOf(string citizen) => _spells.TryGetValue(Guard.NotNull(citizen), out var s) ? s : [];

    /// <summary>A citizen's contacts with any coach, by date, or none.</summary>
    /// <param name="citizen">The citizen's id.</param>
    /// <returns>The contacts.</returns>
    public ReadOnlySpan<ContactRecord> ContactsOf(string citizen) =>
        _newContacts.TryGetValue(Guard.NotNull(citizen), out var newer) ? newer : _contacts.TryGetValue(citizen, out var c) ? c : [];

    /// <summary>The citizens a coach has ever coached or met, in ordinal order of their ids.</summary>
    /// <param name="coach">The coach's id.</param>
    /// <returns>The citizens.</returns>
    public ReadOnlySpan<string> CitizensOf(string coach) =>
        _newCitizens.TryGetValue(Guard.NotNull(coach), out var newer) ? newer : _citizens.TryGetValue(coach, out var c) ? c : [];

    /// <summary>The citizen's coach on a day: of the spells running then, the one that began last (ties broken by the
    /// coach's id); <see langword="null"/> when none runs.</summary>
    /// <param name="citizen">The citizen's id.</param>
    /// <param name="day">The day.</param>
    /// <returns>The spell, or null.</returns>
    public CoachingSpell? CurrentSpell(string citizen, DateOnly day) => CurrentSpellWhere(citizen, day, null);

    /// <summary>The citizen's coach on a day once a coach has gone: as <see cref="CurrentSpell(string, DateOnly)"/>, with
    /// the spells of <paramref name="except"/> left out (a handover's view of the day a coach leaves).</summary>
    /// <param name="citizen">The citizen's id.</param>
    /// <param name="day">The day.</param>
    /// <param name="except">The id of a coach whose spells do not count; <see langword="null"/> = every spell counts.</param>
    /// <returns>The spell, or null.</returns>
    public CoachingSpell? CurrentSpell(string citizen, DateOnly day, string? except) =>
        CurrentSpellWhere(citizen, day, except is null ? null : coach => !string.Equals(coach, except, StringComparison.Ordinal));

    /// <summary>The citizen's coach on a day as the measures and coach assignment count it: as
    /// <see cref="CurrentSpell(string, DateOnly, string?)"/>, among the spells whose coach is a coach node of
    /// <paramref name="graph"/> (a coaching tie from anyone else is no caseload). The one definition of a current coach.</summary>
    internal CoachingSpell? CurrentCoach(SocialGraph graph, string citizen, DateOnly day, string? except = null) =>
        CurrentSpellWhere(citizen, day, coach => !string.Equals(coach, except, StringComparison.Ordinal)
            && graph.TryGetIndex(coach, out var c) && graph.Kind(c) == NodeKind.Coach);

    /// <summary><see cref="CurrentSpell(string, DateOnly)"/> among the spells whose coach <paramref name="counts"/> takes
    /// (null = every spell).</summary>
    internal CoachingSpell? CurrentSpellWhere(string citizen, DateOnly day, Func<string, bool>? counts)
    {
        CoachingSpell? current = null;
        foreach (var spell in SpellsOf(citizen))
            if (spell.IsActiveOn(day) && (counts is null || counts(spell.Coach))) current = spell; // sorted by start: the last running one began last
        return current;
    }

    /// <summary>Whether a coach coached or met a citizen before or on a day (a spell begun by then, or a contact by then):
    /// the continuity a coach assignment prefers.</summary>
    /// <param name="coach">The coach's id.</param>
    /// <param name="citizen">The citizen's id.</param>
    /// <param name="day">The day.</param>
    /// <returns><see langword="true"/> when they have worked together.</returns>
    public bool HasCoached(string coach, string citizen, DateOnly day)
    {
        foreach (var spell in SpellsOf(citizen))
            if (spell.Coach == coach && (spell.Since is not { } s || s <= day)) return true;
        foreach (var contact in ContactsOf(citizen))
        {
            if (contact.Date > day) break;
            if (contact.Coach == coach) return true;
        }
        return false;
    }
}
