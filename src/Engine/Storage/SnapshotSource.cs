using System.Globalization;
using SocialCapital.Interchange;

namespace SocialCapital.Storage;

/// <summary>One dataset file as it was when a snapshot file was made of its folder: a later size or modification time
/// that differs makes the snapshot stale.</summary>
/// <param name="Name">The file name (e.g. <c>ties.csv</c>).</param>
/// <param name="Length">Its size in bytes; -1 when the folder had no such file.</param>
/// <param name="Modified">Its last modification time (UTC); <see cref="DateTime.MinValue"/> when absent.</param>
public sealed record SnapshotSource(string Name, long Length, DateTime Modified)
{
    /// <summary>The files of a dataset folder that make up a dataset.</summary>
    internal static IReadOnlyList<string> FileNames { get; } =
        [DatasetReader.NodesFileName, DatasetReader.TiesFileName, DatasetReader.ProposalsFileName, DatasetReader.StatusHistoryFileName, DatasetReader.ContactsFileName];

    /// <summary>The dataset files of a folder (<c>nodes.csv</c>, <c>ties.csv</c>, <c>proposals.csv</c>,
    /// <c>status_history.csv</c>, <c>contacts.csv</c>) as they are now, in that order; what a snapshot file records.</summary>
    /// <param name="folder">The dataset folder.</param>
    /// <returns>One entry per file name, absent files included.</returns>
    /// <exception cref="ArgumentException"><paramref name="folder"/> is blank.</exception>
    public static IReadOnlyList<SnapshotSource> Of(string folder)
    {
        Guard.NotEmpty(folder);
        return [.. FileNames.Select(name => Now(folder, name))];
    }

    private static SnapshotSource Now(string folder, string name)
    {
        var file = new FileInfo(Path.Combine(folder, name));
        return file.Exists ? new SnapshotSource(name, file.Length, file.LastWriteTimeUtc) : new SnapshotSource(name, -1, DateTime.MinValue);
    }

    /// <summary>How the file differs now, in words, or null when it does not.</summary>
    internal string? ChangeIn(string folder)
    {
        var now = Now(folder, Name);
        if (now == this) return null;
        if (Length < 0) return $"{Name} was added to the folder";
        if (now.Length < 0) return $"{Name} was removed from the folder";
        return string.Create(CultureInfo.InvariantCulture,
            $"{Name} changed (size {Length:N0} → {now.Length:N0} bytes, modified {Modified:yyyy-MM-dd HH:mm:ss} → {now.Modified:yyyy-MM-dd HH:mm:ss} UTC)");
    }
}
