using System.Globalization;
using System.Text;
using CsvHelper;
using SocialCapital.Model;

namespace SocialCapital.Interchange;

/// <summary>Writes the interchange format (UTF-8 without BOM, LF line ends, RFC 4180 quoting). Reading
/// the output back gives an equal dataset. Files are written beside the targets and moved into place
/// only when all are complete, so a failure never leaves a half-written dataset.</summary>
public static class DatasetWriter
{
    /// <summary>Writes <c>nodes.csv</c> and <c>ties.csv</c> into a folder, replacing existing files, and
    /// <c>proposals.csv</c>, <c>status_history.csv</c> and <c>contacts.csv</c> when the dataset has proposals, employment
    /// changes or contacts (a
    /// folder's old file of a kind the dataset has none of is deleted, so the folder reads back as this dataset).</summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="directory">The folder; created when missing.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dataset"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is null or blank.</exception>
    /// <exception cref="IOException">The files cannot be written.</exception>
    public static void Write(Dataset dataset, string directory)
    {
        Guard.NotNull(dataset);
        Guard.NotEmpty(directory);
        Directory.CreateDirectory(directory);
        var files = new List<(string Path, Action<Dataset, TextWriter> Write)>
        {
            (Path.Combine(directory, DatasetReader.NodesFileName), WriteNodes),
            (Path.Combine(directory, DatasetReader.TiesFileName), WriteTies),
        };
        var stale = new List<string>();
        var proposals = Path.Combine(directory, DatasetReader.ProposalsFileName);
        if (dataset.Proposals.Count > 0) files.Add((proposals, WriteProposals)); else stale.Add(proposals);
        var history = Path.Combine(directory, DatasetReader.StatusHistoryFileName);
        if (dataset.StatusHistory.Count > 0) files.Add((history, WriteStatusHistory)); else stale.Add(history);
        var contacts = Path.Combine(directory, DatasetReader.ContactsFileName);
        if (dataset.Contacts.Count > 0) files.Add((contacts, WriteContacts)); else stale.Add(contacts);
        AtomicFiles.Write([.. files.Select(f => f.Path)], temporaries =>
        {
            for (var i = 0; i < files.Count; i++)
                using (var writer = Create(temporaries[i])) files[i].Write(dataset, writer);
        }, stale);
    }

    /// <summary>Writes the nodes as <c>nodes.csv</c> content.</summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="writer">Where to write.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteNodes(Dataset dataset, TextWriter writer)
    {
        Guard.NotNull(dataset);
        using var csv = CsvWriter.Create(Guard.NotNull(writer), Config, leaveOpen: true);
        // The coach columns only when used, so that a dataset without them exports as it always did.
        var coach = false;
        foreach (var n in dataset.Nodes)
            if (n.Hub is not null || n.Specialisms.Count > 0) { coach = true; break; }
        foreach (var c in NodeColumns.Standard) csv.WriteField(c);
        if (coach) foreach (var c in NodeColumns.CoachColumns) csv.WriteField(c);
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
            if (coach)
            {
                csv.WriteField(n.Hub ?? "");
                csv.WriteField(string.Join(';', n.Specialisms));
            }
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
        // The pairing outcome columns only when used, so that a dataset without them exports as it always did.
        var outcomes = false;
        foreach (var t in dataset.Ties)
            if (t.Outcome is not null || t.EndReason is not null) { outcomes = true; break; }
        foreach (var c in NodeColumns.TieColumns) csv.WriteField(c);
        if (outcomes) foreach (var c in NodeColumns.TieOutcomeColumns) csv.WriteField(c);
        csv.EndRecord();
        foreach (var t in dataset.Ties)
        {
            csv.WriteField(t.Source);
            csv.WriteField(t.Target);
            csv.WriteField(t.Kind.Name());
            csv.WriteField(t.Strength.ToString("R", CultureInfo.InvariantCulture));
            csv.WriteField(t.Since?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(t.Until?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");
            if (outcomes)
            {
                csv.WriteField(t.Outcome?.Name() ?? "");
                csv.WriteField(t.EndReason ?? "");
            }
            csv.EndRecord();
        }
    }

    /// <summary>Writes the proposals as <c>proposals.csv</c> content (the header alone when there are none).</summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="writer">Where to write.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteProposals(Dataset dataset, TextWriter writer)
    {
        Guard.NotNull(dataset);
        using var csv = CsvWriter.Create(Guard.NotNull(writer), Config, leaveOpen: true);
        foreach (var c in NodeColumns.ProposalColumns) csv.WriteField(c);
        csv.EndRecord();
        foreach (var p in dataset.Proposals)
        {
            csv.WriteField(p.Id);
            csv.WriteField(p.Citizen);
            csv.WriteField(p.Mentor);
            csv.WriteField(p.ProposedBy ?? "");
            csv.WriteField(p.Status.Name());
            csv.WriteField(Iso(p.Proposed));
            csv.WriteField(Iso(p.Expires));
            csv.WriteField(p.Decided is { } decided ? Iso(decided) : "");
            csv.WriteField(p.Reason ?? "");
            csv.EndRecord();
        }
    }

    /// <summary>Writes the employment changes as <c>status_history.csv</c> content (the header alone when there are none).</summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="writer">Where to write.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteStatusHistory(Dataset dataset, TextWriter writer)
    {
        Guard.NotNull(dataset);
        using var csv = CsvWriter.Create(Guard.NotNull(writer), Config, leaveOpen: true);
        foreach (var c in NodeColumns.StatusHistoryColumns) csv.WriteField(c);
        csv.EndRecord();
        foreach (var change in dataset.StatusHistory)
        {
            csv.WriteField(change.Person);
            csv.WriteField(Iso(change.Date));
            csv.WriteField(change.Employment.Name());
            csv.EndRecord();
        }
    }

    /// <summary>Writes the contacts as <c>contacts.csv</c> content (the header alone when there are none).</summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="writer">Where to write.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteContacts(Dataset dataset, TextWriter writer)
    {
        Guard.NotNull(dataset);
        using var csv = CsvWriter.Create(Guard.NotNull(writer), Config, leaveOpen: true);
        foreach (var c in NodeColumns.ContactColumns) csv.WriteField(c);
        csv.EndRecord();
        foreach (var contact in dataset.Contacts)
        {
            csv.WriteField(contact.Coach);
            csv.WriteField(contact.Citizen);
            csv.WriteField(Iso(contact.Date));
            csv.WriteField(contact.Channel.Name());
            csv.EndRecord();
        }
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static readonly CsvWriterOptions Config = new() { NewLine = "\n", Injection = CsvInjection.None };

    private static StreamWriter Create(string path) =>
        new(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 16) { NewLine = "\n" };
}
