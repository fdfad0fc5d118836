using System.Reflection;
using System.Text.Json;
using SocialCapital.Cli.Output;
using SocialCapital.Cli.Tests.Infrastructure;

namespace SocialCapital.Cli.Tests;

/// <summary>Every command's CSV header against a committed snapshot (tests/Cli.Tests/Snapshots/COMMAND.csv), so a
/// renamed or dropped column fails here and is reviewed. To accept a deliberate change, run the tests with
/// SOCIALCAPITAL_UPDATE_SNAPSHOTS=1 and commit the rewritten files.</summary>
public sealed class CsvHeaderSnapshotTests : IDisposable
{
    private static readonly string Folder = Path.Combine(Repo.Root, "tests", "Cli.Tests", "Snapshots");

    /// <summary>The commands that print no rows (they write files or a token).</summary>
    private static readonly string[] WithoutRows = ["generate", "token", "snapshot"];

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static readonly string[] CommandNames = [.. CliApp.Build().Subcommands.Select(c => c.Name).Except(WithoutRows)];

    public static TheoryData<string> Commands => [.. CommandNames];

    [Theory]
    [MemberData(nameof(Commands))]
    public void CsvHeader_EveryCommand_MatchesCommittedSnapshot(string command)
    {
        var run = CliProcess.Run([command, Sample(command), .. Arguments(command), "--format", "csv"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        var header = run.StdOut.Split('\n')[0] + "\n";
        var file = Path.Combine(Folder, command + ".csv");

        if (Environment.GetEnvironmentVariable("SOCIALCAPITAL_UPDATE_SNAPSHOTS") == "1") File.WriteAllText(file, header);
        Assert.True(File.Exists(file), $"No snapshot {file}: run with SOCIALCAPITAL_UPDATE_SNAPSHOTS=1 and commit it.");
        Assert.True(File.ReadAllText(file) == header,
            $"The CSV header of '{command}' changed.\n  committed: {File.ReadAllText(file).TrimEnd()}\n  now:       {header.TrimEnd()}\n"
            + "If the rename is deliberate, run with SOCIALCAPITAL_UPDATE_SNAPSHOTS=1, commit the snapshot and say so in docs/cli.md.");
    }

    [Fact]
    public void Snapshots_EachFile_BelongsToACommand()
    {
        Assert.True(CommandNames.Length >= 11, string.Join(", ", CommandNames));
        foreach (var file in Directory.GetFiles(Folder, "*.csv"))
            Assert.Contains(Path.GetFileNameWithoutExtension(file), CommandNames);
    }

    /// <summary>One name per field: each column of each command is a property of the row's result record, and its JSON
    /// key is the key the API writes for that record (System.Text.Json web defaults, camelCase).</summary>
    [Fact]
    public void Columns_EveryCommand_AreRecordPropertiesWithTheApisJsonNames()
    {
        var tables = typeof(CliApp).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Where(f => f.FieldType.IsGenericType && f.FieldType.GetGenericTypeDefinition() == typeof(IReadOnlyList<>)
                && f.FieldType.GetGenericArguments()[0].IsGenericType
                && f.FieldType.GetGenericArguments()[0].GetGenericTypeDefinition() == typeof(Column<>))
            .ToList();
        Assert.True(tables.Count >= 12, $"found {tables.Count} column tables");
        foreach (var field in tables)
        {
            var row = field.FieldType.GetGenericArguments()[0].GetGenericArguments()[0];
            var json = JsonSerializer.SerializeToElement(Activator.CreateInstance(row), row, JsonSerializerOptions.Web);
            foreach (dynamic column in (System.Collections.IEnumerable)field.GetValue(null)!)
            {
                string property = column.Property, name = column.Name, jsonName = column.JsonName;
                Assert.NotNull(row.GetProperty(property));
                Assert.True(json.TryGetProperty(jsonName, out _), $"{row.Name}.{property}: the API would not write '{jsonName}'");
                Assert.Equal(Model.WireNames.ColumnName(property), name);
            }
        }
    }

    /// <summary>The toy sample, or a copy of it for a command that writes into its dataset folder (<c>round</c>).</summary>
    private string Sample(string command)
    {
        if (command == "evidence") return Repo.Sample("city-10k"); // needs a status history and five areas
        if (command != "round") return Repo.Sample("toy");
        var copy = Directory.CreateDirectory(_temp.File("toy")).FullName;
        foreach (var file in Directory.GetFiles(Repo.Sample("toy"))) File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        return copy;
    }

    /// <summary>The extra arguments each command needs on the toy sample.</summary>
    private string[] Arguments(string command) => command switch
    {
        "match" or "groups-for" or "introductions" => ["--citizen", "0"],
        "recommend" => ["--person", "0"],
        "diversity" => ["--suggestions", _temp.WriteFile("suggestions.csv", "person,peer\n0,3\n")],
        "what-if" => ["--ties", _temp.WriteFile("proposed.csv", "source,target,kind\n8,3,friend\n")],
        "trends" => ["--from", "2024-01-01", "--to", "2024-03-01"],
        "evidence" => ["--as-of", "2026-01-01"],
        _ => [],
    };
}
