using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using SocialCapital.Interchange;
using SocialCapital.Model;

namespace SocialCapital.Benchmarks;

/// <summary>Why <see cref="IdTable"/> is hand-written: id → position lookups against <c>Dictionary&lt;string, int&gt;</c>,
/// like with like. <c>Utf8</c>: the CSV reader's path, ids as the parser's UTF-8 bytes (the dictionary decodes them to
/// chars and uses its <c>ReadOnlySpan&lt;char&gt;</c> alternate lookup, so neither allocates). <c>String</c>: the
/// builder's and validator's path, ids as strings (the table also as the validator calls it, a block of 1,024 slots
/// read ahead). <c>Build</c>: making the table from the node records. One operation looks every id up once, in a
/// shuffled order; ids are the generator's (<c>p0000001</c>, 8 bytes) or 36-character GUID-like ids.</summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class IdTableBenchmarks
{
    private const int Block = 1 << 10;

    private NodeRecord[] _nodes = [];
    private string[] _keys = [];
    private byte[] _utf8 = [];
    private int[] _start = [];
    private IdTable _table = null!;
    private Dictionary<string, int> _dictionary = null!;
    private readonly int[] _slots = new int[Block];

    /// <summary>Ids in the table.</summary>
    [ParamsSource(nameof(Counts))]
    public int Ids { get; set; }

    /// <summary>36-character ids instead of the generator's 8.</summary>
    [Params(false, true)]
    public bool LongIds { get; set; }

    /// <summary>100k and 1M ids, or the people of <c>SC_BENCH_SIZES</c>.</summary>
    public static IEnumerable<int> Counts => BenchSizes.PeopleOr(100_000, 1_000_000);

    /// <summary>Makes the ids, both tables and the shuffled keys (as strings and as UTF-8 bytes).</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20250101);
        var ids = new string[Ids];
        var width = Ids.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
        for (var i = 0; i < Ids; i++)
            ids[i] = LongIds ? GuidLike(random) : "p" + (i + 1).ToString("D" + width, System.Globalization.CultureInfo.InvariantCulture);
        _nodes = [.. ids.Select(id => new NodeRecord(id, NodeKind.Citizen))];
        _table = new IdTable(_nodes);
        _dictionary = Dictionary(_nodes);
        _keys = [.. ids];
        random.Shuffle(_keys);
        _start = new int[Ids + 1];
        var bytes = new List<byte>();
        for (var i = 0; i < Ids; i++)
        {
            _start[i] = bytes.Count;
            bytes.AddRange(Encoding.UTF8.GetBytes(_keys[i]));
        }
        _start[Ids] = bytes.Count;
        _utf8 = [.. bytes];
        if (DictionaryUtf8() != TableUtf8() || DictionaryString() != TableString() || TableString() != TableStringPrefetched())
            throw new InvalidOperationException("IdTable and Dictionary disagree");
    }

    /// <summary>Dictionary: UTF-8 decoded to chars, then its span lookup.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Utf8")]
    public long DictionaryUtf8()
    {
        var lookup = _dictionary.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> chars = stackalloc char[RecordValidator.MaxIdLength];
        long sum = 0;
        for (var i = 0; i < _keys.Length; i++)
        {
            var length = Encoding.UTF8.GetChars(_utf8.AsSpan(_start[i], _start[i + 1] - _start[i]), chars);
            sum += lookup.TryGetValue(chars[..length], out var position) ? position : -1;
        }
        return sum;
    }

    /// <summary>IdTable straight from the bytes, as the CSV reader does.</summary>
    [Benchmark, BenchmarkCategory("Utf8")]
    public long TableUtf8()
    {
        long sum = 0;
        for (var i = 0; i < _keys.Length; i++)
            sum += _table.TryFind(_utf8.AsSpan(_start[i], _start[i + 1] - _start[i]), out _, out var position) ? position : -1;
        return sum;
    }

    /// <summary>Dictionary by string.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("String")]
    public long DictionaryString()
    {
        long sum = 0;
        foreach (var key in _keys) sum += _dictionary.TryGetValue(key, out var position) ? position : -1;
        return sum;
    }

    /// <summary>IdTable by string, one lookup after another.</summary>
    [Benchmark, BenchmarkCategory("String")]
    public long TableString()
    {
        long sum = 0;
        foreach (var key in _keys) sum += _table.Find(key);
        return sum;
    }

    /// <summary>IdTable by string a block at a time, the block's slots read first, as the validator does.</summary>
    [Benchmark, BenchmarkCategory("String")]
    public long TableStringPrefetched()
    {
        long sum = 0;
        for (var from = 0; from < _keys.Length; from += Block)
        {
            var count = Math.Min(Block, _keys.Length - from);
            for (var i = 0; i < count; i++) _slots[i] = _table.SlotOf(_keys[from + i]);
            _table.Prefetch(_slots.AsSpan(0, count));
            for (var i = 0; i < count; i++) sum += _table.Find(_keys[from + i], _slots[i]);
        }
        return sum;
    }

    /// <summary>A dictionary of every id's first position.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Build")]
    public Dictionary<string, int> BuildDictionary() => Dictionary(_nodes);

    /// <summary>The table of every id's first position (it also checks each id's form, as the reader needs).</summary>
    [Benchmark, BenchmarkCategory("Build")]
    public object BuildTable() => new IdTable(_nodes);

    private static Dictionary<string, int> Dictionary(NodeRecord[] nodes)
    {
        var map = new Dictionary<string, int>(nodes.Length, StringComparer.Ordinal);
        for (var i = 0; i < nodes.Length; i++) map.TryAdd(nodes[i].Id, i);
        return map;
    }

    private static string GuidLike(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }
}
