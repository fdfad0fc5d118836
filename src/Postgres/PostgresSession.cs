using System.Diagnostics.CodeAnalysis;
using Npgsql;

namespace SocialCapital.Postgres;

/// <summary>One open connection and its transaction, with the few query shapes the store uses: parameters bound
/// positionally through a <see cref="ParameterWriter"/>, rows read through a <see cref="RowReader"/>.</summary>
internal sealed class PostgresSession(NpgsqlConnection connection, NpgsqlTransaction transaction, string where)
{
    private string[]? _lead;
    private long _leadValue;

    public NpgsqlConnection Connection => connection;

    public NpgsqlTransaction Transaction => transaction;

    /// <summary>Where the store is, for messages (never the password).</summary>
    public string Where => where;

    [SuppressMessage("Security", "CA2100", Justification = "SQL is built from this library's constants; values are parameters.")]
    public NpgsqlCommand Command(string sql) => _lead is null
        ? new(sql, connection, transaction)
        : throw new InvalidOperationException("A leading statement (the version lock) must run before any other: use the session's query methods.");

    /// <summary>Sends <paramref name="statements"/> (without parameters; the last a <c>SELECT</c> answering one number: taking the
    /// store's locks and reading the version) with the session's next statement, in the same round trip: every writer waits
    /// for those locks, so each round trip saved while holding them is one less for all of them. <see cref="LeadAsync"/>
    /// gives the number.</summary>
    public void Lead(params string[] statements) => _lead = statements;

    /// <summary>The number the last leading statement answered; they run now if no statement has followed them.</summary>
    public async Task<long> LeadAsync(CancellationToken cancellationToken)
    {
        if (_lead is not null) await (await RunAsync(null, _ => { }, cancellationToken).ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        return _leadValue;
    }

    public async Task<List<T>> QueryAsync<T>(string sql, Action<ParameterWriter> bind, Func<RowReader, T> read, CancellationToken cancellationToken)
    {
        await using var statement = await RunAsync(sql, bind, cancellationToken).ConfigureAwait(false);
        var rows = new QueryRowReader(statement.Reader);
        var found = new List<T>();
        while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false)) found.Add(read(rows));
        return found;
    }

    public async Task<int> ExecuteAsync(string sql, Action<ParameterWriter> bind, CancellationToken cancellationToken)
    {
        await using var statement = await RunAsync(sql, bind, cancellationToken).ConfigureAwait(false);
        await statement.Reader.CloseAsync().ConfigureAwait(false); // consumes the rows of a SELECT of a function
        return statement.Affected();
    }

    public Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken) => ExecuteAsync(sql, _ => { }, cancellationToken);

    public async Task<long> ScalarAsync(string sql, Action<ParameterWriter> bind, CancellationToken cancellationToken)
    {
        await using var statement = await RunAsync(sql, bind, cancellationToken).ConfigureAwait(false);
        await statement.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt64(statement.Reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs one statement (or none), after the leading ones when there are some (<see cref="Lead"/>).</summary>
    [SuppressMessage("Security", "CA2100", Justification = "SQL is built from this library's constants; values are parameters.")]
    private async Task<Statement> RunAsync(string? sql, Action<ParameterWriter> bind, CancellationToken cancellationToken)
    {
        if (_lead is null)
        {
            var command = Command(sql!);
            bind(new ParameterWriter(command.Parameters));
            var single = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return new Statement(command, single, () => single.RecordsAffected);
        }
        var batch = new NpgsqlBatch(connection, transaction);
        foreach (var lead in _lead) batch.BatchCommands.Add(new NpgsqlBatchCommand(lead));
        NpgsqlBatchCommand? next = null;
        if (sql is not null)
        {
            next = new NpgsqlBatchCommand(sql);
            bind(new ParameterWriter(next.Parameters));
            batch.BatchCommands.Add(next);
        }
        var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        // The reader skips the results of statements without rows (SET, RESET): only a SELECT's is stepped over.
        var selects = _lead.Count(l => l.StartsWith("SELECT ", StringComparison.Ordinal));
        for (var i = 0; i < selects; i++)
        {
            if (i == selects - 1 && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                _leadValue = Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        }
        _lead = null;
        return new Statement(batch, reader, () => next is null ? 0 : (int)next.RecordsAffected);
    }

    /// <summary>A statement's rows; <see cref="Affected"/> counts the rows it changed once they are read.</summary>
    private sealed class Statement(IAsyncDisposable owner, NpgsqlDataReader reader, Func<int> affected) : IAsyncDisposable
    {
        public NpgsqlDataReader Reader => reader;

        public Func<int> Affected => affected;

        public async ValueTask DisposeAsync()
        {
            await reader.DisposeAsync().ConfigureAwait(false);
            await owner.DisposeAsync().ConfigureAwait(false);
        }
    }
}
