using Npgsql;
using SocialCapital.Interchange;
using SocialCapital.Model;
using static SocialCapital.Postgres.PostgresRows;

namespace SocialCapital.Postgres;

/// <summary>The whole-store operations: an import by binary COPY inside the caller's transaction (all or nothing: until
/// the commit nothing is visible, and a failure rolls everything back, the truncation included), and an export of one
/// consistent snapshot.</summary>
internal static class PostgresBulk
{
    /// <summary>Every data table, for the export's lock and the import's truncation.</summary>
    private const string DataTables = "contacts, proposals, status_history, ties, nodes, attribute_columns";

    /// <summary>The tables whose keys and indexes an import builds again at the end.</summary>
    private const string KeyedTables =
        "('nodes'::regclass, 'ties'::regclass, 'proposals'::regclass, 'status_history'::regclass, 'contacts'::regclass)";

    /// <summary>Replaces the data by <paramref name="dataset"/>; <paramref name="step"/> is told after each table (a test
    /// hook for failures part way).</summary>
    public static async Task CopyInAsync(PostgresSession s, Dataset dataset, Func<string, CancellationToken, Task>? step, CancellationToken ct)
    {
        // TRUNCATE is transactional and, unlike DELETE, leaves no dead rows behind; its exclusive lock makes readers wait
        // for the commit (an export takes its locks before its snapshot, so it never sees the emptied tables).
        await s.ExecuteAsync($"TRUNCATE {DataTables} RESTART IDENTITY", ct).ConfigureAwait(false);
        // Every key and index of the data tables is built once at the end, from the catalog's own definitions (so always
        // what the migrations made): far faster than row by row for millions of rows, the foreign key checks above all.
        var keys = await KeysAndIndexesAsync(s, ct).ConfigureAwait(false);
        foreach (var (table, name, _, _) in keys.Where(k => k.Kind == 'f'))
            await s.ExecuteAsync($"ALTER TABLE {table} DROP CONSTRAINT {name}", ct).ConfigureAwait(false);
        foreach (var (table, name, _, _) in keys.Where(k => k.Kind is 'p' or 'u'))
            await s.ExecuteAsync($"ALTER TABLE {table} DROP CONSTRAINT {name}", ct).ConfigureAwait(false);
        foreach (var (_, name, _, _) in keys.Where(k => k.Kind == 'i'))
            await s.ExecuteAsync($"DROP INDEX {name}", ct).ConfigureAwait(false);
        await s.ExecuteAsync("SET LOCAL maintenance_work_mem = '512MB'", ct).ConfigureAwait(false);

        await CopyAsync(s, "nodes", NodeColumnList, dataset.Nodes, WriteNode, step, ct).ConfigureAwait(false);
        await CopyAsync(s, "ties", TieColumnList, dataset.Ties, WriteTie, step, ct).ConfigureAwait(false);
        await CopyAsync(s, "proposals", ProposalColumnList, dataset.Proposals, WriteProposal, step, ct).ConfigureAwait(false);
        await CopyAsync(s, "status_history", StatusColumnList, dataset.StatusHistory, WriteStatus, step, ct).ConfigureAwait(false);
        await CopyAsync(s, "contacts", ContactColumnList, dataset.Contacts, WriteContact, step, ct).ConfigureAwait(false);
        await s.ExecuteAsync("INSERT INTO attribute_columns (position, name) SELECT position, name FROM unnest($1::text[]) WITH ORDINALITY AS a (name, position)",
            p => p.TextArray(dataset.AttributeColumns), ct).ConfigureAwait(false);

        foreach (var (table, name, definition, _) in keys.Where(k => k.Kind is 'p' or 'u'))
            await s.ExecuteAsync($"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}", ct).ConfigureAwait(false);
        foreach (var (_, _, definition, _) in keys.Where(k => k.Kind == 'i')) await s.ExecuteAsync(definition, ct).ConfigureAwait(false);
        // Foreign keys NOT VALID: the dataset is validated (every record names nodes it has), so checking millions of rows
        // again would only cost time; the keys hold for every later write.
        foreach (var (table, name, definition, _) in keys.Where(k => k.Kind == 'f'))
            await s.ExecuteAsync($"ALTER TABLE {table} ADD CONSTRAINT {name} {definition.Replace(" NOT VALID", "", StringComparison.Ordinal)} NOT VALID", ct)
                .ConfigureAwait(false);
        if (step is not null) await step("indexes", ct).ConfigureAwait(false);
        // Fresh statistics, so the writes that follow look records up by index rather than by scanning a table.
        await s.ExecuteAsync($"ANALYZE {DataTables}", ct).ConfigureAwait(false);
    }

    /// <summary>The primary keys (<c>p</c>), unique constraints (<c>u</c>), foreign keys (<c>f</c>) and other indexes
    /// (<c>i</c>) of the data tables, with their definitions.</summary>
    private static Task<List<(string Table, string Name, string Definition, char Kind)>> KeysAndIndexesAsync(PostgresSession s, CancellationToken ct) =>
        s.QueryAsync(
            $"""
            SELECT c.conrelid::regclass::text, c.conname::text, pg_get_constraintdef(c.oid), c.contype::text
            FROM pg_constraint c
            WHERE c.conrelid IN {KeyedTables} AND c.contype IN ('p', 'u', 'f')
            UNION ALL
            SELECT i.indrelid::regclass::text, i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid), 'i'
            FROM pg_index i
            WHERE i.indrelid IN {KeyedTables} AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            ORDER BY 1, 2
            """, _ => { }, r => (r.Text()!, r.Text()!, r.Text()!, r.Text()![0]), ct);

    /// <summary>Copies the records into an emptied table, numbering them in order (the export order) rather than drawing
    /// each number from the identity, which then goes on after the last.</summary>
    private static async Task CopyAsync<T>(PostgresSession s, string table, string columns, IReadOnlyList<T> records, Action<RowWriter, T> write,
        Func<string, CancellationToken, Task>? step, CancellationToken ct)
    {
        if (records.Count > 0)
        {
            await using (var importer = await s.Connection.BeginBinaryImportAsync($"COPY {table} (seq, {columns}) FROM STDIN (FORMAT BINARY)", ct)
                .ConfigureAwait(false))
            {
                importer.Timeout = TimeSpan.Zero; // as long as it takes; the token cancels it
                var row = new CopyRowWriter(importer);
                for (var i = 0; i < records.Count; i++)
                {
                    if ((i & 0xFFF) == 0) ct.ThrowIfCancellationRequested();
                    importer.StartRow(); // synchronous, like the writes: an await per row would cost more than the buffered I/O
                    row.Long(i + 1L);
                    write(row, records[i]);
                }
                await importer.CompleteAsync(ct).ConfigureAwait(false);
            }
            await s.ExecuteAsync($"ALTER TABLE {table} ALTER COLUMN seq RESTART WITH {records.Count + 1}", ct).ConfigureAwait(false);
        }
        if (step is not null) await step(table, ct).ConfigureAwait(false);
    }

    /// <summary>Reads the whole dataset inside the caller's repeatable-read transaction, which must not have read anything
    /// yet: the tables are locked (shared) first, so the snapshot is taken after any import in progress commits;
    /// <paramref name="locked"/> is told then (a test hook).</summary>
    public static async Task<(Dataset Dataset, long Version)> CopyOutAsync(PostgresSession s, NpgsqlDataSource source,
        Func<CancellationToken, Task>? locked, CancellationToken ct)
    {
        await s.ExecuteAsync($"LOCK TABLE meta, {DataTables} IN ACCESS SHARE MODE", ct).ConfigureAwait(false);
        if (locked is not null) await locked(ct).ConfigureAwait(false);
        var version = await s.ScalarAsync($"SELECT value FROM meta WHERE key = '{PostgresSchema.VersionKey}'", _ => { }, ct).ConfigureAwait(false);
        var nodes = await ReadAsync(s, $"SELECT {NodeColumnList} FROM nodes ORDER BY seq", r => ReadNode(r, s.Where), ct).ConfigureAwait(false);
        var ids = new NodeIds(nodes.Select(n => n.Id));
        var columns = await s.QueryAsync("SELECT name FROM attribute_columns ORDER BY position", _ => { }, r => r.Text()!, ct).ConfigureAwait(false);
        var ties = await ReadTiesAsync(s, source, ids, ct).ConfigureAwait(false);
        var proposals = await ReadAsync(s, $"SELECT {ProposalColumnList} FROM proposals ORDER BY seq", r => ReadProposal(r, ids, s.Where), ct)
            .ConfigureAwait(false);
        var history = await ReadAsync(s, $"SELECT {StatusColumnList} FROM status_history ORDER BY seq", r => ReadStatus(r, ids, s.Where), ct)
            .ConfigureAwait(false);
        var contacts = await ReadAsync(s, $"SELECT {ContactColumnList} FROM contacts ORDER BY seq", r => ReadContact(r, ids, s.Where), ct)
            .ConfigureAwait(false);
        return (Dataset.Create(nodes, ties, columns, proposals, history, contacts), version);
    }

    /// <summary>Many ties are read in two halves at once, the second on a connection of its own that shares the
    /// transaction's snapshot (<c>pg_export_snapshot</c>): decoding the rows is the export's cost, and this spreads it
    /// over two cores.</summary>
    private static async Task<List<TieRecord>> ReadTiesAsync(PostgresSession s, NpgsqlDataSource source, NodeIds ids, CancellationToken ct)
    {
        var last = await s.ScalarAsync("SELECT coalesce(max(seq), 0) FROM ties", _ => { }, ct).ConfigureAwait(false);
        var query = $"SELECT {TieColumnList} FROM ties WHERE seq > $1 AND seq <= $2 ORDER BY seq";
        if (last < ParallelTies)
            return await ReadAsync(s, query, p => { p.Long(0); p.Long(last); }, r => ReadTie(r, ids, s.Where), ct).ConfigureAwait(false);
        var middle = last / 2;
        var snapshot = await s.QueryAsync("SELECT pg_export_snapshot()", _ => { }, r => r.Text()!, ct).ConfigureAwait(false);
        var second = Task.Run<List<TieRecord>?>(async () =>
        {
            await using var connection = await source.OpenConnectionAsync(ct).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct).ConfigureAwait(false);
            var other = new PostgresSession(connection, transaction, s.Where);
            await other.ExecuteAsync($"SET TRANSACTION SNAPSHOT '{snapshot[0]}'", ct).ConfigureAwait(false); // the server's own identifier
            // An import waiting for the tables queues this lock behind its own, and the import waits for this export: a
            // deadlock the server cannot see (the export waits for its second connection in the client). So the lock is
            // tried briefly, and failing it the first connection, which holds the tables already, reads this half too.
            await other.ExecuteAsync("SET LOCAL lock_timeout = '200ms'", ct).ConfigureAwait(false);
            try
            {
                await other.ExecuteAsync("LOCK TABLE ties IN ACCESS SHARE MODE", ct).ConfigureAwait(false);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
            {
                return null;
            }
            var half = await ReadAsync(other, query, p => { p.Long(middle); p.Long(last); }, r => ReadTie(r, ids, s.Where), ct).ConfigureAwait(false);
            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            return half;
        }, ct);
        List<TieRecord> first;
        try
        {
            first = await ReadAsync(s, query, p => { p.Long(0); p.Long(middle); }, r => ReadTie(r, ids, s.Where), ct).ConfigureAwait(false);
        }
        finally
        {
            // Never leave the other half running on its own, whatever happened to this one.
            await ((Task)second).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        var rest = await second.ConfigureAwait(false)
            ?? await ReadAsync(s, query, p => { p.Long(middle); p.Long(last); }, r => ReadTie(r, ids, s.Where), ct).ConfigureAwait(false);
        first.AddRange(rest);
        return first;
    }

    /// <summary>From how many ties an export reads them in two halves at once (lowered by tests, so small stores take
    /// that path too).</summary>
    internal static long ParallelTies { get; set; } = 200_000;

    private static Task<List<T>> ReadAsync<T>(PostgresSession s, string query, Func<RowReader, T> read, CancellationToken ct) =>
        ReadAsync(s, query, _ => { }, read, ct);

    private static async Task<List<T>> ReadAsync<T>(PostgresSession s, string query, Action<ParameterWriter> bind, Func<RowReader, T> read,
        CancellationToken ct)
    {
        // A plain query in the binary protocol: Npgsql's data reader decodes columns faster than its COPY exporter
        // (measured 5.5 s against 11 s for 1M ties), and the server sends the rows as fast either way.
        var records = new List<T>();
        await using var command = s.Command(query);
        bind(new ParameterWriter(command.Parameters));
        command.CommandTimeout = 0; // as long as it takes; the token cancels it
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct).ConfigureAwait(false);
        var row = new QueryRowReader(reader);
        // Synchronous reads: the reader buffers the stream, and an await per row would cost more than the I/O.
        while (row.Read())
        {
            if ((records.Count & 0xFFF) == 0) ct.ThrowIfCancellationRequested();
            records.Add(read(row));
        }
        return records;
    }
}
