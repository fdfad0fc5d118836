using System.Globalization;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Model;

namespace SocialCapital.Tests;

/// <summary>Paths to the committed samples and small helpers to read their expected-value CSVs.</summary>
internal static class TestData
{
    public static string RepoRoot => Repo.Root;

    public static string Sample(string name) => Path.Combine(RepoRoot, "data-samples", name);

    /// <summary>Reads a plain expected-values CSV (no quoting) into rows keyed by column name.</summary>
    public static List<Dictionary<string, string>> ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split(',');
        return lines.Skip(1)
            .Select(l => l.Split(','))
            .Select(cells => header.Select((h, i) => (h, cells[i])).ToDictionary(p => p.h, p => p.Item2))
            .ToList();
    }

    public static double? Number(string cell) =>
        cell.Length == 0 ? null : double.Parse(cell, CultureInfo.InvariantCulture);

    public static SocialGraph LoadGraph(string sample, GraphOptions? options = null) =>
        DatasetReader.Read(Sample(sample)).ToGraph(options);

    public static NodeRecord Citizen(string id, string? area = null, Employment employment = Employment.Unknown, double? ses = null) =>
        new(id, NodeKind.Citizen) { Area = area, Employment = employment, Ses = ses };

    public static TieRecord Friend(string a, string b, double strength = 1) => new(a, b, TieKind.Friend) { Strength = strength };
}
