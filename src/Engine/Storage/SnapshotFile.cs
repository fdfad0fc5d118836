using System.Globalization;
using System.IO.Hashing;
using System.Reflection;
using System.Text;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Ties;

namespace SocialCapital.Storage;

/// <summary>A binary snapshot file (<c>.scg</c>): a dataset's built <see cref="SocialGraph"/> as raw arrays, which load
/// by copying rather than parsing and building, and the dataset's records as columns, which load without parsing or
/// validation. Versioned, checksummed section by section (XxHash3), written atomically; it records the analysis date
/// and tie policy its graph was built with and the size and time of each CSV file it was made from, so a file made
/// from a folder that has changed since is refused. Layout: docs/format.md#snapshot-file. <see cref="Read"/> checks the
/// header; <see cref="Graph"/> and <see cref="Dataset"/> are read from the file on first use. Every member is safe to
/// call from any number of threads at once.</summary>
public sealed class SnapshotFile
{
    /// <summary>The format version this build writes and reads; a file of another version is refused.</summary>
    public const int FormatVersion = 1;

    /// <summary>The first eight bytes of every snapshot file (a high byte, "SCG", CR LF, Ctrl-Z, LF: a transfer that
    /// alters line ends or drops the high bit spoils them).</summary>
    internal static ReadOnlySpan<byte> Magic => [0x89, (byte)'S', (byte)'C', (byte)'G', (byte)'\r', (byte)'\n', 0x1A, (byte)'\n'];

    private static ReadOnlySpan<byte> EndMagic => "SCG-END\n"u8;

    private const int PreambleLength = 16; // magic, format version, reserved
    private const int FooterLength = 32; // header offset, header length, header checksum, end magic

    private readonly string _path;
    private readonly long _length;
    private readonly DateTime _modified;
    private readonly Dictionary<string, SnapshotSection> _sections;
    private readonly Lazy<SocialGraph> _graph;
    private readonly Lazy<Dataset> _dataset;

    private SnapshotFile(string path, long length, DateTime modified, Header header)
    {
        _path = path;
        _length = length;
        _modified = modified;
        EngineVersion = header.EngineVersion;
        Written = header.Written;
        AsOf = header.AsOf;
        TiePolicy = header.Policy;
        SourceFolder = header.SourceFolder;
        Sources = header.Sources;
        NodeCount = header.NodeCount;
        TieCount = header.TieCount;
        _sections = header.Sections.ToDictionary(s => s.Name, StringComparer.Ordinal);
        _graph = new Lazy<SocialGraph>(() => WithSections(r => SnapshotGraph.Read(r, AsOf, TiePolicy)));
        _dataset = new Lazy<Dataset>(() => WithSections(r => SnapshotDataset.Read(r, new ParallelOptions())));
    }

    /// <summary>The version of the engine that wrote the file (informational).</summary>
    public string EngineVersion { get; }

    /// <summary>When the file was written (UTC).</summary>
    public DateTime Written { get; }

    /// <summary>The analysis date the file's <see cref="Graph"/> was built for.</summary>
    public DateOnly AsOf { get; }

    /// <summary>The tie policy the file's <see cref="Graph"/> was built with.</summary>
    public TiePolicy TiePolicy { get; }

    /// <summary>The full path of the dataset folder the file was made from, or <see langword="null"/> when it was made
    /// from records in memory.</summary>
    public string? SourceFolder { get; }

    /// <summary>The dataset files of <see cref="SourceFolder"/> as they were when the file was written.</summary>
    public IReadOnlyList<SnapshotSource> Sources { get; }

    /// <summary>The number of nodes.</summary>
    public int NodeCount { get; }

    /// <summary>The number of ties, active or not.</summary>
    public int TieCount { get; }

    /// <summary>The graph as built on <see cref="AsOf"/> with <see cref="TiePolicy"/>, read from the file on first use
    /// (about 0.5 s for a million people and ten million ties): no record is parsed and nothing is built again.</summary>
    /// <exception cref="SnapshotFileException">A checksum fails, or the file changed since <see cref="Read"/>.</exception>
    public SocialGraph Graph => _graph.Value;

    /// <summary>The dataset's records, rebuilt from the file's columns on first use without parsing or validation.</summary>
    /// <exception cref="SnapshotFileException">A checksum fails, or the file changed since <see cref="Read"/>.</exception>
    public Dataset Dataset => _dataset.Value;

    /// <summary>Whether <see cref="Graph"/> is the graph these options ask for (same analysis date, and a tie policy with
    /// the same JSON), so it can be used instead of building one from <see cref="Dataset"/>.</summary>
    /// <param name="asOf">The analysis date.</param>
    /// <param name="policy">The tie policy.</param>
    /// <returns><see langword="true"/> when they match the file's.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/> is null.</exception>
    public bool BuiltWith(DateOnly asOf, TiePolicy policy) =>
        asOf == AsOf && string.Equals(Guard.NotNull(policy).ToJson(), TiePolicy.ToJson(), StringComparison.Ordinal);

    /// <summary>Writes a snapshot file of a dataset and the graph built from it, through a temporary file beside
    /// <paramref name="path"/> that replaces it only once complete.</summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="graph">Its graph, as <see cref="DatasetGraphs.ToGraph"/> built it (not a live graph's edited
    /// snapshot): its analysis date and policy are the file's.</param>
    /// <param name="path">The file to write.</param>
    /// <param name="sourceFolder">The dataset folder the dataset was read from, whose files' sizes and times are recorded
    /// so that a later change makes the file stale; <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="graph"/> was edited live, or was not built from
    /// <paramref name="dataset"/>.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Write(Dataset dataset, SocialGraph graph, string path, string? sourceFolder = null)
    {
        Guard.NotNull(dataset);
        Guard.NotNull(graph);
        Guard.NotEmpty(path);
        if (!SnapshotGraph.IsBuilt(graph))
            throw new ArgumentException("The graph has live edits; write a graph built from the dataset (Dataset.ToGraph).", nameof(graph));
        var full = Path.GetFullPath(path);
        var folder = sourceFolder is null ? null : Path.GetFullPath(sourceFolder);
        AtomicFiles.Write([full], temporaries =>
        {
            using var stream = new FileStream(temporaries[0], FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 20);
            stream.Write(Magic);
            Span<byte> preamble = stackalloc byte[8];
            BitConverter.TryWriteBytes(preamble, FormatVersion);
            stream.Write(preamble);
            var sections = new SectionWriter(stream);
            SnapshotGraph.Write(sections, graph);
            SnapshotDataset.Write(sections, dataset, graph, new ParallelOptions());
            var header = new Header(VersionOfEngine, DateTime.UtcNow, graph.AsOf, graph.TiePolicy, folder,
                folder is null ? [] : SnapshotSource.Of(folder), dataset.Nodes.Count, dataset.Ties.Count, [.. sections.Sections]);
            var bytes = header.ToBytes();
            var offset = stream.Position;
            stream.Write(bytes);
            var footer = new byte[FooterLength];
            BitConverter.TryWriteBytes(footer.AsSpan(0), offset);
            BitConverter.TryWriteBytes(footer.AsSpan(8), (long)bytes.Length);
            BitConverter.TryWriteBytes(footer.AsSpan(16), XxHash3.HashToUInt64(bytes));
            EndMagic.CopyTo(footer.AsSpan(24));
            stream.Write(footer);
            stream.Flush(flushToDisk: true);
        });
    }

    /// <summary>Opens a snapshot file: checks that it is one, of this format version, complete, with an intact header,
    /// and (unless told not to) that the dataset folder it was made from has not changed since. The graph and the
    /// records are read when first asked for.</summary>
    /// <param name="path">The file.</param>
    /// <param name="checkSources">Whether to refuse a stale file: one whose <see cref="SourceFolder"/> still exists
    /// and whose dataset files differ in size or modification time from when it was written. Default
    /// <see langword="true"/>.</param>
    /// <returns>The open file.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="SnapshotFileException">The file is not a snapshot file, is of another format version, is
    /// truncated or damaged, or is stale.</exception>
    public static SnapshotFile Read(string path, bool checkSources = true)
    {
        Guard.NotEmpty(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"Snapshot file '{path}' does not exist.", path);
        var info = new FileInfo(full);
        Header header;
        using (var file = File.OpenHandle(full))
        {
            var length = RandomAccess.GetLength(file);
            Span<byte> preamble = stackalloc byte[PreambleLength];
            var got = RandomAccess.Read(file, preamble, 0);
            if (got < Magic.Length || !preamble[..Magic.Length].SequenceEqual(Magic))
                throw new SnapshotFileException($"'{path}' is not a SocialCapital snapshot file (write one with `socialcapital snapshot DIR --out FILE`).");
            if (got < PreambleLength) throw Truncated(path);
            var version = BitConverter.ToInt32(preamble[8..]);
            if (version != FormatVersion)
                throw new SnapshotFileException(string.Create(CultureInfo.InvariantCulture,
                    $"'{path}' was made by snapshot format {version}; this build reads format {FormatVersion}: re-run `socialcapital snapshot` on the dataset folder."));
            if (length < PreambleLength + FooterLength) throw Truncated(path);
            var footer = new byte[FooterLength];
            if (RandomAccess.Read(file, footer, length - FooterLength) != FooterLength || !footer.AsSpan(24).SequenceEqual(EndMagic))
                throw Truncated(path);
            var offset = BitConverter.ToInt64(footer, 0);
            var size = BitConverter.ToInt64(footer, 8);
            if (offset < PreambleLength || size < 0 || size > int.MaxValue || offset + size != length - FooterLength)
                throw Damaged(path, "its footer points outside the file");
            var bytes = new byte[size];
            if (RandomAccess.Read(file, bytes, offset) != size) throw Truncated(path);
            if (XxHash3.HashToUInt64(bytes) != BitConverter.ToUInt64(footer, 16)) throw Damaged(path, "the checksum of its header does not match");
            header = Header.FromBytes(bytes, path);
            foreach (var s in header.Sections)
                if (s.Offset < PreambleLength || s.Length < 0 || s.Offset + s.Length > offset) throw Damaged(path, $"section '{s.Name}' lies outside the file");
        }
        if (checkSources && header.SourceFolder is { } folder && Directory.Exists(folder))
            foreach (var source in header.Sources)
                if (source.ChangeIn(folder) is { } change)
                    throw new SnapshotFileException($"'{path}' is stale: {change} since it was written; re-run `socialcapital snapshot` on {folder}.");
        return new SnapshotFile(full, info.Length, info.LastWriteTimeUtc, header);
    }

    internal static SnapshotFileException Damaged(string path, string what) =>
        new($"'{path}' is damaged: {what}. Write it again with `socialcapital snapshot`.");

    internal static SnapshotFileException Truncated(string path) =>
        new($"'{path}' is truncated (not completely written or copied). Write it again with `socialcapital snapshot`.");

    private T WithSections<T>(Func<SectionReader, T> read)
    {
        var info = new FileInfo(_path);
        if (!info.Exists || info.Length != _length || info.LastWriteTimeUtc != _modified)
            throw new SnapshotFileException($"'{_path}' changed since it was opened; open it again.");
        using var file = File.OpenHandle(_path);
        return read(new SectionReader(file, _path, _sections));
    }

    private static string VersionOfEngine =>
        typeof(SnapshotFile).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>What the file says of itself, at its end (the sections' places are known only once they are written).</summary>
    private sealed record Header(string EngineVersion, DateTime Written, DateOnly AsOf, TiePolicy Policy, string? SourceFolder,
        IReadOnlyList<SnapshotSource> Sources, int NodeCount, int TieCount, IReadOnlyList<SnapshotSection> Sections)
    {
        public byte[] ToBytes()
        {
            using var stream = new MemoryStream();
            using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
            {
                w.Write(EngineVersion);
                w.Write(Written.Ticks);
                w.Write(AsOf.DayNumber);
                w.Write(Policy.ToJson());
                w.Write(SourceFolder ?? "");
                w.Write(Sources.Count);
                foreach (var s in Sources)
                {
                    w.Write(s.Name);
                    w.Write(s.Length);
                    w.Write(s.Modified.Ticks);
                }
                w.Write(NodeCount);
                w.Write(TieCount);
                w.Write(Sections.Count);
                foreach (var s in Sections)
                {
                    w.Write(s.Name);
                    w.Write(s.Offset);
                    w.Write(s.Length);
                    w.Write(s.Hash);
                }
            }
            return stream.ToArray();
        }

        public static Header FromBytes(byte[] bytes, string path)
        {
            try
            {
                using var r = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
                var engine = r.ReadString();
                var written = new DateTime(r.ReadInt64(), DateTimeKind.Utc);
                var asOf = DateOnly.FromDayNumber(r.ReadInt32());
                var policy = TiePolicy.FromJson(r.ReadString(), $"the tie policy in {path}");
                var folder = r.ReadString();
                var sources = new SnapshotSource[r.ReadInt32()];
                for (var i = 0; i < sources.Length; i++)
                    sources[i] = new SnapshotSource(r.ReadString(), r.ReadInt64(), new DateTime(r.ReadInt64(), DateTimeKind.Utc));
                var nodes = r.ReadInt32();
                var ties = r.ReadInt32();
                var sections = new SnapshotSection[r.ReadInt32()];
                for (var i = 0; i < sections.Length; i++) sections[i] = new SnapshotSection(r.ReadString(), r.ReadInt64(), r.ReadInt64(), r.ReadUInt64());
                return new Header(engine, written, asOf, policy, folder.Length == 0 ? null : folder, sources, nodes, ties, sections);
            }
            catch (Exception e) when (e is EndOfStreamException or ArgumentOutOfRangeException or OverflowException or Model.DataValidationException or IOException)
            {
                throw new SnapshotFileException($"'{path}' is damaged: its header cannot be read ({e.Message}). Write it again with `socialcapital snapshot`.", e);
            }
        }
    }
}
