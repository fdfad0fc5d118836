using System.Text;

namespace SocialCapital.TestSupport;

/// <summary>A unique folder under the system temp folder, deleted with everything in it on dispose.</summary>
public sealed class TempFolder(string prefix = "socialcapital-tests") : IDisposable
{
    private static readonly Encoding Utf8NoBom = new UTF8Encoding(false);

    /// <summary>The folder (absolute).</summary>
    public string Path { get; } = Directory.CreateDirectory(
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix, Guid.NewGuid().ToString("N"))).FullName;

    /// <summary>A path inside the folder (nothing is created).</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes text (UTF-8 without BOM) and returns the file's path.</summary>
    public string WriteFile(string name, string text)
    {
        var path = File(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, text, Utf8NoBom);
        return path;
    }

    /// <summary>Writes a dataset folder from the lines of nodes.csv and ties.csv (joined with LF, UTF-8 without
    /// BOM, or with a BOM and CRLF line ends) and returns the folder. A null file is not written.</summary>
    public string WriteDataset(string name, IEnumerable<string>? nodeLines, IEnumerable<string>? tieLines, bool bomAndCrlf = false)
    {
        var folder = Directory.CreateDirectory(File(name)).FullName;
        Write("nodes.csv", nodeLines);
        Write("ties.csv", tieLines);
        return folder;

        void Write(string file, IEnumerable<string>? lines)
        {
            if (lines is null) return;
            var newline = bomAndCrlf ? "\r\n" : "\n";
            var text = string.Concat(lines.Select(l => l + newline));
            var bytes = new List<byte>();
            if (bomAndCrlf) bytes.AddRange(Encoding.UTF8.GetPreamble());
            bytes.AddRange(Utf8NoBom.GetBytes(text));
            System.IO.File.WriteAllBytes(System.IO.Path.Combine(folder, file), [.. bytes]);
        }
    }

    /// <summary>Deletes the folder; a folder left behind never fails a test.</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a temp folder left behind must not fail a test
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
