namespace SocialCapital.Interchange;

/// <summary>Writes a set of files so that readers see either all the old ones or all the new ones, never a
/// half-written file: each is written beside its target and moved into place only when all are complete.</summary>
internal static class AtomicFiles
{
    public static void Write(IReadOnlyList<string> paths, Action<IReadOnlyList<string>> writeTemporaries)
    {
        var temporaries = paths.Select(p => p + ".partial").ToArray();
        try
        {
            writeTemporaries(temporaries);
            for (var i = 0; i < paths.Count; i++) File.Move(temporaries[i], paths[i], overwrite: true);
        }
        finally
        {
            foreach (var temporary in temporaries) File.Delete(temporary);
        }
    }
}
