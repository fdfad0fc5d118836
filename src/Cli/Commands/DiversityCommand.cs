using System.CommandLine;
using CsvHelper;
using SocialCapital.Cli.Output;
using SocialCapital.Recommendations;

namespace SocialCapital.Cli.Commands;

/// <summary><c>socialcapital diversity DIR --suggestions FILE</c>: disparate visibility by work status.</summary>
internal static class DiversityCommand
{
    public static readonly IReadOnlyList<Column<GroupVisibility>> Columns =
    [
        Column.Of((GroupVisibility g) => g.WorkStatus, s => s.Length == 0 ? "unknown" : s),
        Column.Of<GroupVisibility>(g => g.Suggested),
        Column.Of<GroupVisibility>(g => g.SuggestionShare),
        Column.Of<GroupVisibility>(g => g.PopulationShare),
        Column.Of<GroupVisibility>(g => g.DisparateVisibility),
    ];

    public static Command Create()
    {
        var suggestions = new Option<FileInfo>("--suggestions") { Description = "A CSV of suggestions, e.g. the output of recommend, match or assign in CSV.", Required = true };
        var column = new Option<string?>("--column") { Description = "The column naming the suggested person (default: peer, else mentor)." };
        return ReportCommand.Create("diversity",
            "Disparate visibility by work status of a batch of suggestions (Fabbri et al., ICWSM 2020): each group's share "
            + "of the suggested people minus its share of everyone (docs/recommendations.md).",
            Columns,
            (graph, parse, _, _) =>
            {
                var file = parse.GetRequiredValue(suggestions);
                if (!file.Exists) throw new FileNotFoundException($"Suggestions file '{file.FullName}' does not exist.", file.FullName);
                var ids = ReadColumn(file, parse.GetValue(column));
                var unknown = ids.Select((id, i) => (id, line: i + 2)).Where(p => !graph.TryGetIndex(p.id, out _)).Take(20).ToArray();
                if (unknown.Length > 0)
                    throw new InvalidInputException(string.Join("\n  ", unknown.Select(u => $"{file.Name} line {u.line}: no node has id '{u.id}'")));
                return DisparateVisibility.Compute(graph, ids);
            },
            suggestions, column);
    }

    private static List<string> ReadColumn(FileInfo file, string? name) => Utf8Files.Read(file, reader => ReadColumn(reader, file, name));

    private static List<string> ReadColumn(TextReader reader, FileInfo file, string? name)
    {
        using var csv = CsvReader.Create(reader, new CsvReaderOptions { HasHeader = false, TrimWhitespace = true, SkipEmptyLines = true }, leaveOpen: true);
        if (!csv.Read()) throw new InvalidInputException($"{file.Name} is empty: expected a header row.");
        var header = Enumerable.Range(0, csv.FieldCount).Select(csv.GetString).ToArray();
        var index = name is not null ? Array.IndexOf(header, name) : Array.IndexOf(header, "peer") is var p and >= 0 ? p : Array.IndexOf(header, "mentor");
        if (index < 0)
            throw new InvalidInputException($"{file.Name} line 1: no column {(name is null ? "'peer' or 'mentor'" : $"'{name}'")} (header: {string.Join(",", header)}); name one with --column.");
        var ids = new List<string>();
        while (csv.Read()) ids.Add(index < csv.FieldCount ? csv.GetString(index) : "");
        return ids;
    }
}
