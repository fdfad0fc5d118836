using System.Diagnostics.CodeAnalysis;
using Npgsql;

namespace SocialCapital.Postgres;

/// <summary>One open connection and its transaction, with the few query shapes the store uses: parameters bound
/// positionally through a <see cref="ParameterWriter"/>, rows read through a <see cref="RowReader"/>.</summary>
internal sealed class PostgresSession(NpgsqlConnection connection, NpgsqlTransaction transaction, string where)
{
    public NpgsqlConnection Connection => connection;

    public NpgsqlTransaction Transaction => transaction;

    /// <summary>Where the store is, for messages (never the password).</summary>
    public string Where => where;

    [SuppressMessage("Security", "CA2100", Justification = "SQL is built from this library's constants; values are parameters.")]
    public NpgsqlCommand Command(string sql) => new(sql, connection, transaction);

    public async Task<List<T>> QueryAsync<T>(string sql, Action<ParameterWriter> bind, Func<RowReader, T> read, CancellationToken cancellationToken)
    {
        await using var command = Command(sql);
        bind(new ParameterWriter(command));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new QueryRowReader(reader);
        var found = new List<T>();
        while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false)) found.Add(read(rows));
        return found;
    }

    public async Task<int> ExecuteAsync(string sql, Action<ParameterWriter> bind, CancellationToken cancellationToken)
    {
        await using var command = Command(sql);
        bind(new ParameterWriter(command));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken) => ExecuteAsync(sql, _ => { }, cancellationToken);

    public async Task<long> ScalarAsync(string sql, Action<ParameterWriter> bind, CancellationToken cancellationToken)
    {
        await using var command = Command(sql);
        bind(new ParameterWriter(command));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }
}
