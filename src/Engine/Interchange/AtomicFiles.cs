namespace SocialCapital.Interchange;

/// <summary>Writes a set of files so that readers see either all the old ones or all the new ones, never a
/// half-written file: each is written beside its target and moved into place only when all are complete.</summary>
internal static class AtomicFiles
{
    /// <param name="paths">The files to write.</param>
    /// <param name="writeTemporaries">Writes the files' content to the paths it is given, in the same order.</param>
    /// <param name="stale">Files to delete once the new ones are in place (files an older version of the set had and this
    /// one has not); missing ones are fine.</param>
    public static void Write(IReadOnlyList<string> paths, Action<IReadOnlyList<string>> writeTemporaries, IReadOnlyList<string>? stale = null)
    {
        var temporaries = paths.Select(p => p + ".partial").ToArray();
        try
        {
            writeTemporaries(temporaries);
            for (var i = 0; i < paths.Count; i++) File.Move(temporaries[i], paths[i], overwrite: true);
            foreach (var path in stale ?? []) File.Delete(path);
        }
        finally
        {
            foreach (var temporary in temporaries) File.Delete(temporary);
        }
    }
}
