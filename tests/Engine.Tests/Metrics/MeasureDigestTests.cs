using System.Collections;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using SocialCapital.Graph;
using SocialCapital.Metrics;

namespace SocialCapital.Tests.Metrics;

/// <summary>Every measure of the committed samples, bit for bit: a SHA-256 per (sample, entry point, measure) over the
/// exact bits of the values in id order, against the digests in <c>MeasureDigests.txt</c>, which the code before the
/// kernels were shared produced. A refactoring that changes a single bit of a single value fails here, naming the
/// measure. To write the file anew after a change of values that is intended, run the tests with
/// <c>SC_UPDATE_DIGESTS=1</c> and commit the changed lines with the reason.</summary>
/// <remarks>A row's public properties are read in declaration order (so renaming one keeps its digest): doubles by
/// <see cref="BitConverter.DoubleToInt64Bits"/> (every NaN, and <see langword="null"/> for <c>double?</c>, as one
/// NaN pattern; a float widened exactly first), integers, booleans and enums as 64-bit integers, strings as UTF-8.
/// A renamed measure matches the line of its old name when the digest is the same, so that renaming alone does not
/// fail this test.</remarks>
public class MeasureDigestTests
{
    private static readonly string GoldenPath = Path.Combine(TestData.RepoRoot, "tests", "Engine.Tests", "Metrics", "MeasureDigests.txt");

    /// <summary>A fixed date, so that the ties of city-10k that end are the same on every day the test runs.</summary>
    private static readonly GraphOptions AsOf = new() { AsOf = new DateOnly(2026, 1, 1) };

    [Theory]
    [InlineData("toy")]
    [InlineData("karate")]
    [InlineData("city-10k")]
    public void Measures_Sample_MatchCommittedDigests(string sample)
    {
        var actual = Compute(sample);
        var golden = ReadGolden();
        if (Environment.GetEnvironmentVariable("SC_UPDATE_DIGESTS") == "1")
        {
            WriteGolden(sample, actual);
            return;
        }
        var expected = golden.Where(p => p.Key.StartsWith(sample + "/", StringComparison.Ordinal)).ToDictionary(p => p.Key, p => p.Value);
        Assert.NotEmpty(expected);
        var problems = new List<string>();
        // A measure under a name the file lacks may be a renamed one: it matches an unmatched line of the same entry
        // point with the same digest.
        var unmatched = expected.Keys.Where(k => !actual.ContainsKey(k)).ToList();
        foreach (var (key, digest) in actual)
        {
            if (expected.TryGetValue(key, out var want))
            {
                if (want != digest) problems.Add($"{key}: {digest}, expected {want}");
                continue;
            }
            var surface = key[..key.LastIndexOf('/')];
            var renamed = unmatched.FirstOrDefault(k => k[..k.LastIndexOf('/')] == surface && expected[k] == digest);
            if (renamed is null) problems.Add($"{key}: {digest}, not in {Path.GetFileName(GoldenPath)}");
            else unmatched.Remove(renamed);
        }
        foreach (var key in unmatched) problems.Add($"{key}: no longer computed");
        Assert.True(problems.Count == 0, "Measures changed:\n" + string.Join('\n', problems));
    }

    /// <summary>The digests of one sample: person measures with and without strengths, the single-measure entry
    /// points, tie measures, and area and peer-group measures (no suppression, and with the default bootstrap).</summary>
    private static SortedDictionary<string, string> Compute(string sample)
    {
        var graph = TestData.LoadGraph(sample, AsOf);
        var digests = new SortedDictionary<string, string>(StringComparer.Ordinal);
        AddRows(digests, $"{sample}/person", PersonMetrics.Compute(graph).People);
        AddRows(digests, $"{sample}/person-unweighted", PersonMetrics.Compute(graph, new MetricsOptions { UseStrengths = false }).People);
        AddColumn(digests, $"{sample}/BurtConstraint/weighted", BurtConstraint.Compute(graph));
        AddColumn(digests, $"{sample}/BurtConstraint/unweighted", BurtConstraint.Compute(graph, useStrengths: false));
        AddColumn(digests, $"{sample}/LocalClustering/clustering", LocalClustering.Compute(graph));
        AddRows(digests, $"{sample}/tie", TieMetrics.Compute(graph));
        var unsuppressed = new AreaMetricsOptions { MinCellSize = 0 };
        AddRows(digests, $"{sample}/area", AreaMetrics.Compute(graph, unsuppressed));
        AddRows(digests, $"{sample}/area-unweighted", AreaMetrics.Compute(graph, unsuppressed with { UseStrengths = false }));
        AddRows(digests, $"{sample}/group", GroupMetrics.Compute(graph, unsuppressed));
        var communities = Communities.Detect(graph);
        AddRows(digests, $"{sample}/communities", communities.People);
        AddRows(digests, $"{sample}/communities-area", communities.ByArea(0));
        return digests;
    }

    private static void AddRows<T>(IDictionary<string, string> digests, string surface, IReadOnlyList<T> rows)
    {
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.MetadataToken);
        foreach (var property in properties)
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            foreach (var row in rows) Append(hash, property.GetValue(row));
            digests[$"{surface}/{property.Name}"] = Convert.ToHexStringLower(hash.GetHashAndReset());
        }
    }

    private static void AddColumn(IDictionary<string, string> digests, string key, double[] values)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var value in values) Append(hash, value);
        digests[key] = Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Append(IncrementalHash hash, object? value)
    {
        Span<byte> bytes = stackalloc byte[8];
        switch (value)
        {
            case null: // an undefined double? reads as NaN; an undefined int? as long.MinValue
            case double d when double.IsNaN(d):
            case float f when float.IsNaN(f):
                BitConverter.TryWriteBytes(bytes, BitConverter.DoubleToInt64Bits(double.NaN));
                break;
            case double d:
                BitConverter.TryWriteBytes(bytes, BitConverter.DoubleToInt64Bits(d));
                break;
            case float f:
                BitConverter.TryWriteBytes(bytes, BitConverter.DoubleToInt64Bits(f));
                break;
            case string s:
                hash.AppendData(Encoding.UTF8.GetBytes(s));
                hash.AppendData([0]);
                return;
            case bool b:
                BitConverter.TryWriteBytes(bytes, b ? 1L : 0L);
                break;
            case Enum e:
                BitConverter.TryWriteBytes(bytes, Convert.ToInt64(e, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case IConvertible c:
                BitConverter.TryWriteBytes(bytes, c.ToInt64(System.Globalization.CultureInfo.InvariantCulture));
                break;
            case IEnumerable items:
                foreach (var item in items) Append(hash, item);
                hash.AppendData([0xFF]);
                return;
            default:
                throw new NotSupportedException($"No digest for a {value.GetType()}.");
        }
        hash.AppendData(bytes);
    }

    private static SortedDictionary<string, string> ReadGolden()
    {
        var golden = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(GoldenPath)) return golden;
        foreach (var line in File.ReadAllLines(GoldenPath))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var parts = line.Split(' ', 2);
            golden[parts[0]] = parts[1];
        }
        return golden;
    }

    private static readonly object WriteLock = new();

    private static void WriteGolden(string sample, SortedDictionary<string, string> digests)
    {
        lock (WriteLock)
        {
            var current = ReadGolden();
            foreach (var key in current.Keys.Where(k => k.StartsWith(sample + "/", StringComparison.Ordinal)).ToList()) current.Remove(key);
            foreach (var (key, digest) in digests) current[key] = digest;
            var text = new StringBuilder("# SHA-256 of every measure's exact bits, by sample/entry point/measure (MeasureDigestTests).\n");
            foreach (var (key, digest) in current) text.Append(key).Append(' ').Append(digest).Append('\n');
            File.WriteAllText(GoldenPath, text.ToString());
        }
    }
}
