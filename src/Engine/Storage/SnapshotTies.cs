using System.Collections;
using SocialCapital.Graph;
using SocialCapital.Model;

namespace SocialCapital.Storage;

/// <summary>A snapshot file's ties as the records list of its <see cref="Interchange.Dataset"/>, kept as the file's
/// columns (about 23 bytes a tie) and made into a <see cref="TieRecord"/> when one is asked for. Ten million records
/// made at once take seconds and gigabytes of long-lived heap; made as read, each is short-lived and costs little,
/// and a command that reads a few ties (or none) pays for those alone. Immutable; thread-safe.</summary>
internal sealed class SnapshotTies(string[] ids, int[] sources, int[] targets, TieKind[] kinds, StrengthColumn strengths,
    int[] since, int[] until, byte[] outcomes, string?[] reasonTable, int[] reasonCodes) : IReadOnlyList<TieRecord>, Interchange.ITieIndex
{
    public const int NoDate = -1;
    public const byte NoOutcome = byte.MaxValue;

    public int Count => sources.Length;

    public TieRecord this[int index] => new(ids[sources[index]], ids[targets[index]], kinds[index])
    {
        Strength = strengths[index],
        Since = Date(since[index]),
        Until = Date(until[index]),
        Outcome = outcomes[index] == NoOutcome ? null : (PairingOutcome)outcomes[index],
        EndReason = reasonTable[reasonCodes[index]],
    };

    /// <summary>A tie's kind, strength, and since and until as day numbers (<see cref="NoDate"/> for none), without making its record.</summary>
    public (TieKind Kind, double Strength, int Since, int Until) Dated(int index) => (kinds[index], strengths[index], since[index], until[index]);

    public IEnumerator<TieRecord> GetEnumerator()
    {
        for (var i = 0; i < sources.Length; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>From the columns of node numbers: the ids looked up once, then every tie's two numbers.</summary>
    public List<int> Touching(IReadOnlySet<string> wanted)
    {
        var marked = new bool[ids.Length];
        var any = false;
        for (var i = 0; i < ids.Length; i++)
            if (wanted.Contains(ids[i])) marked[i] = any = true;
        var found = new List<int>();
        if (!any) return found;
        for (var t = 0; t < sources.Length; t++)
            if (marked[sources[t]] || marked[targets[t]]) found.Add(t);
        return found;
    }

    public static int Day(DateOnly? date) => date?.DayNumber ?? NoDate;

    private static DateOnly? Date(int day) => day == NoDate ? null : DateOnly.FromDayNumber(day);
}
