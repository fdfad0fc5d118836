using SocialCapital.Model;

namespace SocialCapital.Interchange;

/// <summary>Reads the interchange format: a folder with <c>nodes.csv</c> and <c>ties.csv</c>, and optionally
/// <c>proposals.csv</c>, <c>status_history.csv</c> and <c>contacts.csv</c> (UTF-8 with or without BOM, LF or CRLF, RFC 4180 quoting, a header
/// row, columns in any order). Every problem in every file is reported at once, with file, line and column, and nothing
/// is returned unless all is valid.</summary>
public static partial class DatasetReader
{
    /// <summary>The node file's name in a dataset folder.</summary>
    public const string NodesFileName = "nodes.csv";

    /// <summary>The tie file's name in a dataset folder.</summary>
    public const string TiesFileName = "ties.csv";

    /// <summary>The mentoring proposal file's name in a dataset folder (optional).</summary>
    public const string ProposalsFileName = "proposals.csv";

    /// <summary>The employment history file's name in a dataset folder (optional).</summary>
    public const string StatusHistoryFileName = "status_history.csv";

    /// <summary>The coach–citizen contact file's name in a dataset folder (optional).</summary>
    public const string ContactsFileName = "contacts.csv";

    /// <summary>Reads and validates a dataset folder; <c>proposals.csv</c>, <c>status_history.csv</c> and
    /// <c>contacts.csv</c> are read when they are there.</summary>
    /// <param name="directory">The folder holding <c>nodes.csv</c> and <c>ties.csv</c>.</param>
    /// <returns>The dataset.</returns>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is null or blank.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException"><c>nodes.csv</c> or <c>ties.csv</c> is missing.</exception>
    /// <exception cref="DataValidationException">The files break the format; lists every problem.</exception>
    public static Dataset Read(string directory) => Read(directory, null);

    /// <summary>Reads and validates a dataset folder, reporting how far it has gone (0 to 0.9 by the share of its files'
    /// bytes read, then 1 when the records are checked and the dataset made).</summary>
    /// <param name="directory">The folder holding <c>nodes.csv</c> and <c>ties.csv</c>.</param>
    /// <param name="progress">Told how far reading has gone; null for no reports.</param>
    /// <returns>The dataset.</returns>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is null or blank.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException"><c>nodes.csv</c> or <c>ties.csv</c> is missing.</exception>
    /// <exception cref="DataValidationException">The files break the format; lists every problem.</exception>
    public static Dataset Read(string directory, IProgress<double>? progress)
    {
        Guard.NotEmpty(directory);
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Dataset folder '{directory}' does not exist.");
        var nodesPath = Path.Combine(directory, NodesFileName);
        var tiesPath = Path.Combine(directory, TiesFileName);
        foreach (var path in new[] { nodesPath, tiesPath })
            if (!File.Exists(path))
                throw new FileNotFoundException($"Dataset folder '{directory}' has no {Path.GetFileName(path)}.", path);
        var bytes = progress is null ? null : new ReadProgress(progress,
            new[] { NodesFileName, TiesFileName, ProposalsFileName, StatusHistoryFileName, ContactsFileName }
                .Select(f => new FileInfo(Path.Combine(directory, f))).Where(f => f.Exists).Sum(f => f.Length));
        using var nodes = Open(nodesPath, bytes)!;
        using var ties = Open(tiesPath, bytes)!;
        using var proposals = Open(Path.Combine(directory, ProposalsFileName), bytes);
        using var history = Open(Path.Combine(directory, StatusHistoryFileName), bytes);
        using var contacts = Open(Path.Combine(directory, ContactsFileName), bytes);
        var dataset = Read(nodes, ties, NodesFileName, TiesFileName, proposals, history, contacts: contacts);
        progress?.Report(1);
        return dataset;
    }

    /// <summary>The file, or null when it is not there; counted by <paramref name="bytes"/> when given.</summary>
    private static Stream? Open(string path, ReadProgress? bytes)
    {
        if (!File.Exists(path)) return null;
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return bytes is null ? file : new ReadProgress.CountingStream(file, bytes);
    }

    /// <summary>Reads and validates a dataset from UTF-8 streams (for example, uploaded files): nodes and ties, and
    /// optionally proposals, employment history and contacts. Faster than the <see cref="TextReader"/> form: the parser works on
    /// the bytes. Text that is not UTF-8 is reported by line.</summary>
    /// <param name="nodes">The content of <c>nodes.csv</c>.</param>
    /// <param name="ties">The content of <c>ties.csv</c>.</param>
    /// <param name="nodesName">The name problems give the node file.</param>
    /// <param name="tiesName">The name problems give the tie file.</param>
    /// <param name="proposals">The content of <c>proposals.csv</c>; null (the default) for none.</param>
    /// <param name="statusHistory">The content of <c>status_history.csv</c>; null (the default) for none.</param>
    /// <param name="proposalsName">The name problems give the proposal file; default <c>proposals.csv</c>.</param>
    /// <param name="statusHistoryName">The name problems give the history file; default <c>status_history.csv</c>.</param>
    /// <param name="contacts">The content of <c>contacts.csv</c>; null (the default) for none.</param>
    /// <param name="contactsName">The name problems give the contact file; default <c>contacts.csv</c>.</param>
    /// <returns>The dataset.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="nodes"/> or <paramref name="ties"/> is null.</exception>
    /// <exception cref="DataValidationException">The content breaks the format; lists every problem.</exception>
#pragma warning disable RS0026 // the TextReader overload has optional names too; the two differ by their stream types
    public static Dataset Read(Stream nodes, Stream ties, string nodesName, string tiesName, Stream? proposals = null,
        Stream? statusHistory = null, string proposalsName = ProposalsFileName, string statusHistoryName = StatusHistoryFileName,
        Stream? contacts = null, string contactsName = ContactsFileName) =>
#pragma warning restore RS0026
        Read(new CsvInput(null, Guard.NotNull(nodes)), new CsvInput(null, Guard.NotNull(ties)), nodesName, tiesName,
            proposals is null ? null : new CsvInput(null, proposals), statusHistory is null ? null : new CsvInput(null, statusHistory),
            proposalsName, statusHistoryName, contacts is null ? null : new CsvInput(null, contacts), contactsName);

    /// <summary>Reads and validates a dataset from two readers (for example, uploaded files).</summary>
    /// <param name="nodes">The content of <c>nodes.csv</c>.</param>
    /// <param name="ties">The content of <c>ties.csv</c>.</param>
    /// <param name="nodesName">The name problems give the node file.</param>
    /// <param name="tiesName">The name problems give the tie file.</param>
    /// <returns>The dataset.</returns>
    /// <exception cref="ArgumentNullException">A reader is null.</exception>
    /// <exception cref="DataValidationException">The content breaks the format; lists every problem.</exception>
    // RS0027 wants the overload with optional parameters to have the most parameters; the Stream overload has as many.
#pragma warning disable RS0026, RS0027 // and the Stream overload also has optional parameters: they differ by input types
    public static Dataset Read(TextReader nodes, TextReader ties, string nodesName = NodesFileName, string tiesName = TiesFileName) =>
        Read(new CsvInput(Guard.NotNull(nodes), null), new CsvInput(Guard.NotNull(ties), null), nodesName, tiesName);
#pragma warning restore RS0026, RS0027

    private static Dataset Read(CsvInput nodes, CsvInput ties, string nodesName, string tiesName, CsvInput? proposals = null,
        CsvInput? statusHistory = null, string proposalsName = ProposalsFileName, string statusHistoryName = StatusHistoryFileName,
        CsvInput? contacts = null, string contactsName = ContactsFileName)
    {
        var problems = new ProblemCollector();
        var nodeLines = new List<int>();
        var tieLines = new List<int>();
        var unreadable = new HashSet<string>(StringComparer.Ordinal);
        List<NodeRecord> nodeList;
        IReadOnlyList<string>? columns;
        bool complete;
        using (var parser = nodes.Open(nodesName, problems))
            (nodeList, columns, complete) = ReadNodes(parser, nodesName, nodeLines, unreadable, problems);
        // Without usable nodes, tie rows are still parsed and their own problems reported, but not looked up.
        var positions = RecordValidator.Positions(columns is not null && complete ? nodeList : []);
        List<TieRecord>? tieList;
        ResolvedTies found;
        using (var parser = ties.Open(tiesName, problems))
            tieList = ReadTies(parser, tiesName, tieLines, positions, problems, out found);
        List<ProposalRecord>? proposalList = [];
        List<StatusChange>? history = [];
        var proposalLines = new List<int>();
        var statusLines = new List<int>();
        if (proposals is { } proposalInput)
            using (var parser = proposalInput.Open(proposalsName, problems))
                proposalList = ReadProposals(parser, proposalsName, proposalLines, problems);
        if (statusHistory is { } statusInput)
            using (var parser = statusInput.Open(statusHistoryName, problems))
                history = ReadStatusHistory(parser, statusHistoryName, statusLines, problems);
        List<ContactRecord>? contactList = [];
        var contactLines = new List<int>();
        if (contacts is { } contactInput)
            using (var parser = contactInput.Open(contactsName, problems))
                contactList = ReadContacts(parser, contactsName, contactLines, problems);
        if (nodeList.Count == 0 && !problems.Any && columns is not null)
            problems.Add(nodesName, null, null, null, "has no rows: a dataset needs at least one node");
        var where = new FileLocator(nodesName, nodeLines, tiesName, tieLines, proposalsName, proposalLines, statusHistoryName, statusLines,
            contactsName, contactLines);
        ResolvedTies? resolved = null;
        if (columns is not null && complete && tieList is not null)
            resolved = RecordValidator.Validate(nodeList, tieList, where, problems, unreadable, positions: positions, found: found);
        else if (columns is not null)
            RecordValidator.Validate(nodeList, [], where, problems, unreadable);
        RecordValidator.ValidateLifecycle(nodeList, proposalList ?? [], history ?? [], where, problems, positions, unreadable,
            nodesKnown: columns is not null && complete);
        RecordValidator.ValidateContacts(nodeList, contactList ?? [], where, problems, positions, unreadable,
            nodesKnown: columns is not null && complete);
        problems.ThrowIfAny();
        return new Dataset(nodeList, tieList!, columns!, resolved) { Proposals = proposalList!, StatusHistory = history!, Contacts = contactList! };
    }

    /// <summary>Reads and validates extra ties (a <c>ties.csv</c>, e.g. proposed ties for a what-if) against the
    /// nodes of a dataset: the same rules as a dataset's own ties, problems located by file and line.</summary>
    /// <param name="ties">The content, in the <c>ties.csv</c> format.</param>
    /// <param name="dataset">The dataset whose nodes the ties must join.</param>
    /// <param name="tiesName">The name problems give the file.</param>
    /// <returns>The ties.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="DataValidationException">A tie breaks a rule; lists every problem.</exception>
    public static IReadOnlyList<TieRecord> ReadTies(TextReader ties, Dataset dataset, string tiesName = TiesFileName)
    {
        Guard.NotNull(ties);
        Guard.NotNull(dataset);
        var problems = new ProblemCollector();
        var positions = RecordValidator.Positions(dataset.Nodes);
        var tieLines = new List<int>();
        List<TieRecord>? list;
        ResolvedTies found;
        using (var parser = new CsvInput(ties, null).Open(tiesName, problems))
            list = ReadTies(parser, tiesName, tieLines, positions, problems, out found);
        if (list is not null)
            RecordValidator.Validate(dataset.Nodes, list, new FileLocator(NodesFileName, [], tiesName, tieLines), problems,
                skipNodes: true, positions: positions, found: found);
        problems.ThrowIfAny();
        return list!;
    }
}
