using Microsoft.Data.Sqlite;

namespace SocialCapital.Sqlite;

/// <summary>The store's schema and its migrations. The schema version lives in <c>PRAGMA user_version</c>; a file is
/// marked as ours by <c>PRAGMA application_id</c>. Migrations are applied in order, all in one transaction.</summary>
/// <remarks>
/// Storage choices (schema 1):
/// <list type="bullet">
/// <item>Enumerations are stored by their wire names (<c>peer_group</c>, <c>self_employed</c>, <c>16-24</c>) so the file
/// reads like the CSV format in any SQLite tool and does not depend on enumeration order; unknown employment or age
/// band is NULL.</item>
/// <item>Lists are joined with <c>;</c> (items never hold one), NULL when empty; extra attributes are one JSON object,
/// NULL when there are none. Dates are ISO <c>yyyy-MM-dd</c> text. Numbers are REAL: IEEE doubles, read back bit for
/// bit, but for a -0.0 ses, which comes back as the equal 0.0.</item>
/// <item><c>seq</c> (the rowid) keeps the export order: an update keeps its row, a new record gets the next one.</item>
/// <item>Ties name their ends by node id, so the tables read on their own; the foreign keys delete a node's ties
/// with it.</item>
/// </list>
/// Schema 2 adds the audit trail (<see cref="SqliteAudit"/>): <c>audit</c> and <c>audit_targets</c>, indexed by time,
/// actor and target.
/// Schema 3 adds the mentoring lifecycle: <c>proposals</c> (statuses and outcomes by wire name, dates as ISO text, the
/// export order in <c>seq</c>), <c>status_history</c> (one row per person and day) and the ties' <c>outcome</c> and
/// <c>end_reason</c> columns (NULL for every tie of an older file).
/// Schema 4 adds the coaching data: the nodes' <c>hub</c> and <c>specialisms</c> columns (NULL for every node of an older
/// file) and <c>contacts</c> (a coach's meetings with citizens, channels by wire name, dates as ISO text, the export order
/// in <c>seq</c>; an identical row is never stored twice by a write, but an import keeps repeated rows as the file has them).
/// Schema 5 adds the change feed: <c>changes</c>, one row per store version with the edit that made it as JSON
/// (<see cref="Live.GraphEditJson"/>; NULL for an import) and when it was committed (ISO 8601 UTC text), so API replicas
/// sharing the file can follow each other's writes. A file migrated from schema 4 starts with an empty feed.
/// Never edit a shipped migration: add a new step at the end.
/// </remarks>
internal static class SqliteSchema
{
    /// <summary>'SCAP': marks a SQLite file as a SocialCapital store.</summary>
    public const int ApplicationId = 0x53434150;

    /// <summary>The key of the store version in the <c>meta</c> table.</summary>
    public const string VersionKey = "version";

    /// <summary>The migration steps; step <c>i</c> takes the schema from version <c>i</c> to <c>i + 1</c>.</summary>
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE meta (
            key   TEXT PRIMARY KEY,
            value ANY NOT NULL
        ) STRICT;
        INSERT INTO meta (key, value) VALUES ('version', 0);

        CREATE TABLE nodes (
            seq        INTEGER PRIMARY KEY,
            id         TEXT NOT NULL UNIQUE,
            kind       TEXT NOT NULL,
            area       TEXT,
            employment TEXT,
            age_band   TEXT,
            sector     TEXT,
            ses        REAL,
            languages  TEXT,
            skills     TEXT,
            goals      TEXT,
            capacity   INTEGER,
            attributes TEXT
        ) STRICT;

        CREATE TABLE ties (
            seq      INTEGER PRIMARY KEY,
            source   TEXT NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,
            target   TEXT NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,
            kind     TEXT NOT NULL,
            strength REAL NOT NULL,
            since    TEXT,
            until    TEXT
        ) STRICT;
        CREATE INDEX ties_source ON ties (source);
        CREATE INDEX ties_target ON ties (target);

        CREATE TABLE attribute_columns (
            position INTEGER PRIMARY KEY,
            name     TEXT NOT NULL UNIQUE
        ) STRICT;
        """,
        // 2: the audit trail (append-only; never exported; an import leaves it). Time is UTC ticks, so ranges compare as
        // integers; targets are a table of their own so "who read X" is one index lookup.
        """
        CREATE TABLE audit (
            seq     INTEGER PRIMARY KEY,
            time    INTEGER NOT NULL,
            actor   TEXT NOT NULL,
            role    TEXT NOT NULL,
            action  TEXT NOT NULL,
            outcome TEXT NOT NULL
        ) STRICT;
        CREATE INDEX audit_time ON audit (time);
        CREATE INDEX audit_actor ON audit (actor, time);

        CREATE TABLE audit_targets (
            entry    INTEGER NOT NULL REFERENCES audit (seq) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            target   TEXT NOT NULL,
            PRIMARY KEY (entry, position)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX audit_targets_target ON audit_targets (target, entry);
        """,
        // 3: the mentoring lifecycle. Proposals and employment changes name people by node id like ties do; a node's
        // delete takes its proposals (as citizen or mentor) and changes with it, and clears proposed_by where it made one.
        """
        CREATE TABLE proposals (
            seq         INTEGER PRIMARY KEY,
            id          TEXT NOT NULL UNIQUE,
            citizen     TEXT NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,
            mentor      TEXT NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,
            proposed_by TEXT REFERENCES nodes (id) ON DELETE SET NULL,
            status      TEXT NOT NULL,
            proposed    TEXT NOT NULL,
            expires     TEXT NOT NULL,
            decided     TEXT,
            reason      TEXT
        ) STRICT;
        CREATE INDEX proposals_pair ON proposals (citizen, mentor);
        CREATE INDEX proposals_mentor ON proposals (mentor);
        CREATE INDEX proposals_proposed_by ON proposals (proposed_by);

        CREATE TABLE status_history (
            seq        INTEGER PRIMARY KEY,
            person     TEXT NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,
            date       TEXT NOT NULL,
            employment TEXT NOT NULL,
            UNIQUE (person, date)
        ) STRICT;

        ALTER TABLE ties ADD COLUMN outcome TEXT;
        ALTER TABLE ties ADD COLUMN end_reason TEXT;
        """,
        // 4: the coaching data. A node's delete takes its contacts (as coach or citizen) with it.
        """
        ALTER TABLE nodes ADD COLUMN hub TEXT;
        ALTER TABLE nodes ADD COLUMN specialisms TEXT;

        CREATE TABLE contacts (
            seq     INTEGER PRIMARY KEY,
            coach   TEXT NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,
            citizen TEXT NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,
            date    TEXT NOT NULL,
            channel TEXT NOT NULL
        ) STRICT;
        CREATE INDEX contacts_coach ON contacts (coach, citizen, date);
        CREATE INDEX contacts_citizen ON contacts (citizen);
        """,
        // 5: the change feed (SqliteChanges): one row per version, written with the change; an import's edit is NULL.
        """
        CREATE TABLE changes (
            version INTEGER PRIMARY KEY,
            edit    TEXT,
            at      TEXT NOT NULL
        ) STRICT;
        """,
    ];

    /// <summary>The schema version this code writes and reads.</summary>
    public static int CurrentVersion => Migrations.Length;

    /// <summary>Checks that the file is an empty database or a SocialCapital store this code can read, switches it to
    /// WAL and brings its schema up to date.</summary>
    /// <param name="connection">An open connection to the file.</param>
    /// <param name="file">The file, for messages.</param>
    /// <exception cref="InvalidDataException">The file is another kind of database or has a newer schema.</exception>
    public static void EnsureCurrent(SqliteConnection connection, string file)
    {
        // Read before writing anything: another program's database must be left exactly as it was. One read transaction,
        // so the header and the schema are of one commit: another process creating the store meanwhile (several replicas
        // starting on a new file) is seen either not yet begun or done, never half way (tables but no application id).
        int found;
        using (var read = connection.BeginTransaction(deferred: true)) found = Check(connection, read, file);
        var mode = Scalar(connection, null, "PRAGMA journal_mode = WAL") as string; // kept in the file; a no-op once set
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException($"'{file}' cannot be switched to WAL journal mode (it stays in '{mode}').");
        if (found == CurrentVersion) return; // the usual case, without waiting for the write lock

        using var transaction = connection.BeginTransaction(deferred: false);
        // Checked again under the write lock: another process may have migrated the file meanwhile.
        var version = Check(connection, transaction, file);
        if (version == CurrentVersion) return;
        for (var step = version; step < CurrentVersion; step++) Execute(connection, transaction, Migrations[step]);
        // PRAGMA arguments cannot be parameters; both values are integers formatted here.
        Execute(connection, transaction, $"PRAGMA application_id = {ApplicationId}; PRAGMA user_version = {CurrentVersion};");
        transaction.Commit();
    }

    private static int Check(SqliteConnection connection, SqliteTransaction? transaction, string file)
    {
        var applicationId = Convert.ToInt64(Scalar(connection, transaction, "PRAGMA application_id"), System.Globalization.CultureInfo.InvariantCulture);
        var version = Convert.ToInt64(Scalar(connection, transaction, "PRAGMA user_version"), System.Globalization.CultureInfo.InvariantCulture);
        var objects = Convert.ToInt64(Scalar(connection, transaction, "SELECT count(*) FROM sqlite_schema"), System.Globalization.CultureInfo.InvariantCulture);
        if (applicationId == 0 && version == 0 && objects == 0) return 0; // a new, empty database
        if (applicationId != ApplicationId)
            throw new InvalidDataException(
                $"'{file}' is not a SocialCapital database: it is an SQLite database of another application (application_id {applicationId}).");
        if (version > CurrentVersion)
            throw new InvalidDataException(
                $"'{file}' has schema version {version}, newer than this SocialCapital.Sqlite knows ({CurrentVersion}): "
                + "it was written by a newer release; open it with that release or newer.");
        if (version < 1)
            throw new InvalidDataException($"'{file}' is marked as a SocialCapital database but has no schema (user_version {version}).");
        return (int)version;
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
