using SocialCapital.Model;

namespace SocialCapital.Metrics;

/// <summary>People's dated employment changes, indexed by person and each person's in date order: made once from a
/// status history (O(changes log changes)) and read by the programme and coaching reports, so a report does not group
/// the whole history again on every call. A live snapshot keeps one (<c>LiveSnapshot.Employment</c>). Immutable;
/// thread-safe to read.</summary>
public sealed class EmploymentHistory
{
    private readonly Dictionary<string, StatusChange[]> _byPerson;

    private EmploymentHistory(Dictionary<string, StatusChange[]> byPerson) => _byPerson = byPerson;

    /// <summary>Indexes a status history.</summary>
    /// <param name="changes">The employment changes, in any order (a person's changes on the same day keep their order).</param>
    /// <returns>The index.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="changes"/> or a change in it is null.</exception>
    public static EmploymentHistory Of(IEnumerable<StatusChange> changes) =>
        new(Guard.NotNull(changes).Select(c => Guard.NotNull(c)).GroupBy(c => c.Person, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(c => c.Date).ToArray(), StringComparer.Ordinal));

    /// <summary>How many people have at least one change.</summary>
    public int People => _byPerson.Count;

    /// <summary>A person's changes in date order, if they have any.</summary>
    internal bool TryGet(string person, out StatusChange[] changes) => _byPerson.TryGetValue(person, out changes!);
}
