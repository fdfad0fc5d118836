using System.Collections;
using SocialCapital.Model;

namespace SocialCapital.Synthetic;

/// <summary>A generated city's ties as columns (about 34 bytes a tie, the ids shared with the nodes), each made into a
/// <see cref="TieRecord"/> when asked for. Held as records, 100M ties take about 9 GB of long-lived heap — more than a
/// national-scale city leaves room for beside its snapshot; made as read, each record is short-lived. Appended to by the
/// generator, then read only; safe to share between threads once made.</summary>
internal sealed class GeneratedTies(int capacity) : IReadOnlyList<TieRecord>
{
    private const int NoDate = int.MinValue;
    private const byte NoOutcome = byte.MaxValue;

    private string[] _sources = new string[capacity];
    private string[] _targets = new string[capacity];
    private TieKind[] _kinds = new TieKind[capacity];
    private int[] _strengths = new int[capacity];
    private int[] _since = new int[capacity];
    private int[] _until = new int[capacity];
    private byte[] _outcomes = new byte[capacity];
    private int[] _reasons = new int[capacity]; // index into _reasonTable; 0 is no reason
    private readonly List<string?> _reasonTable = [null];
    private readonly Dictionary<string, int> _reasonCodes = [];

    public int Count { get; private set; }

    public TieRecord this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
            return new TieRecord(_sources[index], _targets[index], _kinds[index])
            {
                Strength = _strengths[index],
                Since = Date(_since[index]),
                Until = Date(_until[index]),
                Outcome = _outcomes[index] == NoOutcome ? null : (PairingOutcome)_outcomes[index],
                EndReason = _reasonTable[_reasons[index]],
            };
        }
    }

    public void Add(string source, string target, TieKind kind, int strength, DateOnly? since, DateOnly? until,
        PairingOutcome? outcome, string? reason)
    {
        if (Count == _sources.Length) Grow();
        var i = Count++;
        _sources[i] = source;
        _targets[i] = target;
        _kinds[i] = kind;
        _strengths[i] = strength;
        _since[i] = since?.DayNumber ?? NoDate;
        _until[i] = until?.DayNumber ?? NoDate;
        _outcomes[i] = outcome is { } o ? (byte)o : NoOutcome;
        _reasons[i] = reason is null ? 0 : ReasonCode(reason);
    }

    public IEnumerator<TieRecord> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int ReasonCode(string reason)
    {
        if (!_reasonCodes.TryGetValue(reason, out var code))
        {
            _reasonCodes.Add(reason, code = _reasonTable.Count);
            _reasonTable.Add(reason);
        }
        return code;
    }

    private void Grow()
    {
        var size = (int)Math.Min(Array.MaxLength, Math.Max(16L, _sources.Length * 3L / 2));
        Array.Resize(ref _sources, size);
        Array.Resize(ref _targets, size);
        Array.Resize(ref _kinds, size);
        Array.Resize(ref _strengths, size);
        Array.Resize(ref _since, size);
        Array.Resize(ref _until, size);
        Array.Resize(ref _outcomes, size);
        Array.Resize(ref _reasons, size);
    }

    private static DateOnly? Date(int day) => day == NoDate ? null : DateOnly.FromDayNumber(day);
}
