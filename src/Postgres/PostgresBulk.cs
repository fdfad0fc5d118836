using System.Diagnostics.CodeAnalysis;
using Npgsql;
using SocialCapital.Interchange;
using SocialCapital.Model;
using static SocialCapital.Postgres.PostgresRows;

namespace SocialCapital.Postgres;

/// <summary>The whole-store operations: an import by binary COPY inside the caller's transaction (all or nothing: until
/// the commit nothing is visible, and a failure rolls everything back, the truncation included), and an export by binary
/// COPY out of one consistent snapshot.</summary>
internal static class PostgresBulk
{
    /// <summary>Every data table, for the export's lock and the import's truncation (children before parents).</summary>
    private const string DataTables = "contacts, proposals, status_history, ties, nodes, attribute_columns";

    /// <summary>Replaces the data by <paramref name="dataset"/>; <paramref name="step"/> is told after each table (a test
    /// hook for failures part way).</summary>
    public static async Task CopyInAsync(PostgresSession s, Dataset dataset, Func<string, CancellationToken, Task>? step, CancellationToken ct)
    {
        // TRUNCATE is transactional and, unlike DELETE, leaves no dead rows behind; its exclusive lock makes readers wait
        // for the commit (an export takes its locks before its snapshot, so it never sees the emptied tables).
        await s.ExecuteAsync($"TRUNCATE {DataTables} RESTART IDENTITY", ct).ConfigureAwait(false);
        // The ties' indexes and foreign keys are built once at the end: far faster than row by row for millions of ties.
        foreach (var (name, _) in PostgresSchema.TieForeignKeys)
            await s.ExecuteAsync($"ALTER TABLE ties DROP CONSTRAINT {name}", ct).ConfigureAwait(false);
        foreach (var (name, _) in PostgresSchema.TieIndexes)
            await s.ExecuteAsync($"DROP INDEX {name}", ct).ConfigureAwait(false);
        await s.ExecuteAsync("SET LOCAL maintenance_work_mem = '512MB'", ct).ConfigureAwait(false);

        await CopyAsync(s, "nodes", NodeColumnList, dataset.Nodes, WriteNode, step, ct).ConfigureAwait(false);
        await CopyAsync(s, "ties", TieColumnList, dataset.Ties, WriteTie, step, ct).ConfigureAwait(false);
        await CopyAsync(s, "proposals", ProposalColumnList, dataset.Proposals, WriteProposal, step, ct).ConfigureAwait(false);
        await CopyAsync(s, "status_history", StatusColumnList, dataset.StatusHistory, WriteStatus, step, ct).ConfigureAwait(false);
        await CopyAsync(s, "contacts", ContactColumnList, dataset.Contacts, WriteContact, step, ct).ConfigureAwait(false);
        await s.ExecuteAsync("INSERT INTO attribute_columns (position, name) SELECT position, name FROM unnest($1::text[]) WITH ORDINALITY AS a (name, position)",
            p => p.TextArray(dataset.AttributeColumns), ct).ConfigureAwait(false);

        foreach (var (_, create) in PostgresSchema.TieIndexes) await s.ExecuteAsync(create, ct).ConfigureAwait(false);
        // NOT VALID: the dataset is validated (every tie end is one of its nodes), so checking ten million rows again
        // would only cost time; the keys hold for every later write.
        foreach (var (_, add) in PostgresSchema.TieForeignKeys) await s.ExecuteAsync($"ALTER TABLE ties {add} NOT VALID", ct).ConfigureAwait(false);
        if (step is not null) await step("indexes", ct).ConfigureAwait(false);
        // Fresh statistics, so the writes that follow look ties up by index rather than by scanning the table.
        await s.ExecuteAsync($"ANALYZE {DataTables}", ct).ConfigureAwait(false);
    }

    private static async Task CopyAsync<T>(PostgresSession s, string table, string columns, IReadOnlyList<T> records, Action<RowWriter, T> write,
        Func<string, CancellationToken, Task>? step, CancellationToken ct)
    {
        if (records.Count > 0)
        {
            await using var importer = await s.Connection.BeginBinaryImportAsync($"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)", ct)
                .ConfigureAwait(false);
            importer.Timeout = TimeSpan.Zero; // as long as it takes; the token cancels it
            var row = new CopyRowWriter(importer);
            for (var i = 0; i < records.Count; i++)
            {
                if ((i & 0xFFF) == 0) ct.ThrowIfCancellationRequested();
                importer.StartRow(); // synchronous, like the writes: an await per row would cost more than the buffered I/O
                write(row, records[i]);
            }
            await importer.CompleteAsync(ct).ConfigureAwait(false);
        }
        if (step is not null) await step(table, ct).ConfigureAwait(false);
    }

    /// <summary>Reads the whole dataset inside the caller's repeatable-read transaction, which must not have read anything
    /// yet: the tables are locked (shared) first, so the snapshot is taken after any import in progress commits.</summary>
    public static async Task<(Dataset Dataset, long Version)> CopyOutAsync(PostgresSession s, CancellationToken ct)
    {
        await s.ExecuteAsync($"LOCK TABLE meta, {DataTables} IN ACCESS SHARE MODE", ct).ConfigureAwait(false);
        var version = await s.ScalarAsync($"SELECT value FROM meta WHERE key = '{PostgresSchema.VersionKey}'", _ => { }, ct).ConfigureAwait(false);
        var nodes = await ReadAsync(s, $"SELECT {NodeColumnList} FROM nodes ORDER BY seq", r => ReadNode(r, s.Where), ct).ConfigureAwait(false);
        var ids = new NodeIds(nodes.Select(n => n.Id));
        var columns = await s.QueryAsync("SELECT name FROM attribute_columns ORDER BY position", _ => { }, r => r.Text()!, ct).ConfigureAwait(false);
        var ties = await ReadAsync(s, $"SELECT {TieColumnList} FROM ties ORDER BY seq", r => ReadTie(r, ids, s.Where), ct).ConfigureAwait(false);
        var proposals = await ReadAsync(s, $"SELECT {ProposalColumnList} FROM proposals ORDER BY seq", r => ReadProposal(r, ids, s.Where), ct)
            .ConfigureAwait(false);
        var history = await ReadAsync(s, $"SELECT {StatusColumnList} FROM status_history ORDER BY seq", r => ReadStatus(r, ids, s.Where), ct)
            .ConfigureAwait(false);
        var contacts = await ReadAsync(s, $"SELECT {ContactColumnList} FROM contacts ORDER BY seq", r => ReadContact(r, ids, s.Where), ct)
            .ConfigureAwait(false);
        return (Dataset.Create(nodes, ties, columns, proposals, history, contacts), version);
    }

    [SuppressMessage("Security", "CA2100", Justification = "The queries are this file's constants.")]
    private static async Task<List<T>> ReadAsync<T>(PostgresSession s, string query, Func<RowReader, T> read, CancellationToken ct)
    {
        var records = new List<T>();
        await using var exporter = await s.Connection.BeginBinaryExportAsync($"COPY ({query}) TO STDOUT (FORMAT BINARY)", ct).ConfigureAwait(false);
        exporter.Timeout = TimeSpan.Zero;
        var row = new CopyRowReader(exporter);
        // Rows are read synchronously: the exporter buffers the stream, and an await per column would cost more than the I/O.
        while (row.Read())
        {
            if ((records.Count & 0xFFF) == 0) ct.ThrowIfCancellationRequested();
            records.Add(read(row));
        }
        return records;
    }
}
