using CsvHelper;
using SocialCapital.Model;

namespace SocialCapital.Interchange;

/// <summary>Reads a mentor assignment: a CSV with a header holding <c>citizen</c> and <c>mentor</c> (other
/// columns, such as <c>score</c>, are ignored) — what <c>socialcapital assign</c> writes. Every row is checked
/// against a dataset: both ids known, a citizen and a mentor. All problems are reported at once.</summary>
public static class AssignmentFile
{
    /// <summary>Reads and validates an assignment.</summary>
    /// <param name="reader">The CSV content.</param>
    /// <param name="dataset">The dataset the ids belong to.</param>
    /// <param name="name">The name problems give the file.</param>
    /// <returns>The (citizen, mentor) pairs, in file order.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="DataValidationException">The file breaks a rule; lists every problem.</exception>
    public static IReadOnlyList<(string Citizen, string Mentor)> Read(TextReader reader, Dataset dataset, string name = "assignment.csv")
    {
        Guard.NotNull(reader);
        Guard.NotNull(dataset);
        var kinds = new Dictionary<string, NodeKind>(dataset.Nodes.Count, StringComparer.Ordinal);
        foreach (var n in dataset.Nodes) kinds[n.Id] = n.Kind;
        var problems = new ProblemCollector();
        var pairs = new List<(string, string)>();
        using var csv = CsvReader.Create(reader, new CsvReaderOptions { HasHeader = false, TrimWhitespace = true, SkipEmptyLines = true, TrackLineNumbers = true,
            FieldCountMismatch = CsvFieldCountHandling.Allow, MalformedData = CsvMalformedDataHandling.Skip,
            OnMalformedRecord = bad => problems.Add(name, (int)bad.LineNumber, null, null, "badly quoted row") }, leaveOpen: true);
        if (!csv.Read())
        {
            problems.Add(name, 1, null, null, "is empty: expected a header row with citizen, mentor");
            problems.ThrowIfAny();
        }
        var header = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i).Trim()).ToArray();
        int citizenColumn = Array.IndexOf(header, "citizen"), mentorColumn = Array.IndexOf(header, "mentor");
        foreach (var (column, index) in new[] { ("citizen", citizenColumn), ("mentor", mentorColumn) })
            if (index < 0) problems.Add(name, 1, column, null, $"required column is missing (header: {string.Join(",", header)})");
        problems.ThrowIfAny();
        while (csv.Read())
        {
            var line = (int)csv.LineNumber;
            if (csv.FieldCount != header.Length)
            {
                problems.Add(name, line, null, null, $"row has {csv.FieldCount} fields; the header has {header.Length}");
                continue;
            }
            var citizen = Check(csv.GetString(citizenColumn), "citizen", NodeKind.Citizen, line);
            var mentor = Check(csv.GetString(mentorColumn), "mentor", NodeKind.Mentor, line);
            if (citizen is not null && mentor is not null) pairs.Add((citizen, mentor));
        }
        problems.ThrowIfAny();
        return pairs;

        string? Check(string id, string column, NodeKind expected, int line)
        {
            if (!kinds.TryGetValue(id, out var kind)) problems.Add(name, line, column, id, id.Length == 0 ? $"{column} is required" : "unknown id (no such node)");
            else if (kind != expected) problems.Add(name, line, column, id, $"is {Words.A(kind.Name())}, not {Words.A(expected.Name())}");
            else return id;
            return null;
        }
    }
}
