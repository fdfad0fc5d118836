using System.Globalization;
using System.Text;
using CsvHelper;
using SocialCapital.Model;

namespace SocialCapital.Interchange;

/// <summary>Writes the interchange format (UTF-8 without BOM, LF line ends, RFC 4180 quoting). Reading
/// the output back gives an equal dataset. Files are written beside the targets and moved into place
/// only when both are complete, so a failure never leaves a half-written dataset.</summary>
public static class DatasetWriter
{
    /// <summary>Writes <c>nodes.csv</c> and <c>ties.csv</c> into a folder, replacing existing files.</summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="directory">The folder; created when missing.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dataset"/> is null.</exception>
    /// <exception cref="IOException">The files cannot be written.</exception>
    public static void Write(Dataset dataset, string directory)
    {
        Guard.NotNull(dataset);
        Guard.NotEmpty(directory);
        Directory.CreateDirectory(directory);
        AtomicFiles.Write(
            [Path.Combine(directory, DatasetReader.NodesFileName), Path.Combine(directory, DatasetReader.TiesFileName)],
            temporaries =>
            {
                using (var nodes = Create(temporaries[0])) WriteNodes(dataset, nodes);
                using (var ties = Create(temporaries[1])) WriteTies(dataset, ties);
            });
    }

    /// <summary>Writes the nodes as <c>nodes.csv</c> content.</summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="writer">Where to write.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteNodes(Dataset dataset, TextWriter writer)
    {
        Guard.NotNull(dataset);
        using var csv = CsvWriter.Create(Guard.NotNull(writer), Config, leaveOpen: true);
        foreach (var c in NodeColumns.Standard) csv.WriteField(c);
        foreach (var c in dataset.AttributeColumns) csv.WriteField(c);
        csv.EndRecord();
        foreach (var n in dataset.Nodes)
        {
            csv.WriteField(n.Id);
            csv.WriteField(n.Kind.Name());
            csv.WriteField(n.Area ?? "");
            csv.WriteField(n.Employment.Name());
            csv.WriteField(n.AgeBand.Name());
            csv.WriteField(n.Sector ?? "");
            csv.WriteField(n.Ses is { } ses ? ses.ToString("R", CultureInfo.InvariantCulture) : "");
            csv.WriteField(string.Join(';', n.Languages));
            csv.WriteField(string.Join(';', n.Skills));
            csv.WriteField(string.Join(';', n.Goals));
            csv.WriteField(n.Capacity?.ToString(CultureInfo.InvariantCulture) ?? "");
            foreach (var c in dataset.AttributeColumns) csv.WriteField(n.Attributes.GetValueOrDefault(c) ?? "");
            csv.EndRecord();
        }
    }

    /// <summary>Writes the ties as <c>ties.csv</c> content.</summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="writer">Where to write.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteTies(Dataset dataset, TextWriter writer)
    {
        Guard.NotNull(dataset);
        using var csv = CsvWriter.Create(Guard.NotNull(writer), Config, leaveOpen: true);
        foreach (var c in NodeColumns.TieColumns) csv.WriteField(c);
        csv.EndRecord();
        foreach (var t in dataset.Ties)
        {
            csv.WriteField(t.Source);
            csv.WriteField(t.Target);
            csv.WriteField(t.Kind.Name());
            csv.WriteField(t.Strength.ToString("R", CultureInfo.InvariantCulture));
            csv.WriteField(t.Since?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(t.Until?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");
            csv.EndRecord();
        }
    }

    private static readonly CsvWriterOptions Config = new() { NewLine = "\n", Injection = CsvInjection.None };

    private static StreamWriter Create(string path) =>
        new(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 16) { NewLine = "\n" };
}
