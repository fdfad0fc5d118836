using Npgsql;
using NpgsqlTypes;

namespace SocialCapital.Postgres;

/// <summary>Where a record's column values go, in column order: a binary COPY row or a command's positional parameters,
/// so each record maps to its columns in one place (<see cref="PostgresRows"/>).</summary>
internal abstract class RowWriter
{
    public abstract void Text(string? value);

    public abstract void Double(double? value);

    public abstract void Int(int? value);

    public abstract void Date(DateOnly? value);

    public abstract void Json(string? value);

    /// <summary>A list as <c>text[]</c>; an empty list is stored as NULL.</summary>
    public abstract void Texts(IReadOnlyList<string> values);

    public abstract void Long(long value);
}

/// <summary>Writes a row of a binary COPY.</summary>
internal sealed class CopyRowWriter(NpgsqlBinaryImporter importer) : RowWriter
{
    public override void Text(string? value)
    {
        if (value is null) importer.WriteNull();
        else importer.Write(value, NpgsqlDbType.Text);
    }

    public override void Double(double? value)
    {
        if (value is { } v) importer.Write(v, NpgsqlDbType.Double);
        else importer.WriteNull();
    }

    public override void Int(int? value)
    {
        if (value is { } v) importer.Write(v, NpgsqlDbType.Integer);
        else importer.WriteNull();
    }

    public override void Date(DateOnly? value)
    {
        if (value is { } v) importer.Write(v, NpgsqlDbType.Date);
        else importer.WriteNull();
    }

    public override void Json(string? value)
    {
        if (value is null) importer.WriteNull();
        else importer.Write(value, NpgsqlDbType.Jsonb);
    }

    public override void Long(long value) => importer.Write(value, NpgsqlDbType.Bigint);

    public override void Texts(IReadOnlyList<string> values)
    {
        if (values.Count == 0) importer.WriteNull();
        else importer.Write(values as string[] ?? [.. values], NpgsqlDbType.Array | NpgsqlDbType.Text);
    }
}

/// <summary>Appends a command's positional parameters (<c>$1</c>, <c>$2</c>, … in the order written).</summary>
internal sealed class ParameterWriter(NpgsqlParameterCollection parameters) : RowWriter
{
    public ParameterWriter Add<T>(T? value, NpgsqlDbType type)
    {
        parameters.Add(new NpgsqlParameter { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = type });
        return this;
    }

    public override void Text(string? value) => Add(value, NpgsqlDbType.Text);

    public override void Double(double? value) => Add(value, NpgsqlDbType.Double);

    public override void Int(int? value) => Add(value, NpgsqlDbType.Integer);

    public override void Date(DateOnly? value) => Add(value, NpgsqlDbType.Date);

    public override void Json(string? value) => Add(value, NpgsqlDbType.Jsonb);

    public override void Texts(IReadOnlyList<string> values) =>
        Add(values.Count == 0 ? null : values as string[] ?? [.. values], NpgsqlDbType.Array | NpgsqlDbType.Text);

    public override void Long(long value) => Add(value, NpgsqlDbType.Bigint);

    public ParameterWriter TextArray(IEnumerable<string> values) => Add(values.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
}

/// <summary>Reads a row's columns in order.</summary>
internal abstract class RowReader
{
    public abstract string? Text();

    public abstract double? Double();

    public abstract int? Int();

    public abstract long Long();

    public abstract DateOnly? Date();

    public abstract string? Json();

    public abstract string[]? Texts();

    /// <summary>A <c>timestamptz</c>, in UTC.</summary>
    public abstract DateTimeOffset At();
}

/// <summary>Reads the rows of a query, column by column.</summary>
internal sealed class QueryRowReader(NpgsqlDataReader reader) : RowReader
{
    private int _column;

    /// <summary>Moves to the next row.</summary>
    public async Task<bool> ReadAsync(CancellationToken cancellationToken)
    {
        _column = 0;
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Moves to the next row synchronously (bulk reads: an await per row costs more than the buffered I/O).</summary>
    public bool Read()
    {
        _column = 0;
        return reader.Read();
    }

    private T? Get<T>() where T : class
    {
        var column = _column++;
        return reader.IsDBNull(column) ? null : reader.GetFieldValue<T>(column);
    }

    private T? GetValue<T>() where T : struct
    {
        var column = _column++;
        return reader.IsDBNull(column) ? null : reader.GetFieldValue<T>(column);
    }

    public override string? Text() => Get<string>();

    public override double? Double() => GetValue<double>();

    public override int? Int() => GetValue<int>();

    public override long Long() => reader.GetInt64(_column++);

    public override DateOnly? Date() => GetValue<DateOnly>();

    public override string? Json() => Get<string>();

    public override string[]? Texts() => Get<string[]>();

    public override DateTimeOffset At() => new(DateTime.SpecifyKind(reader.GetFieldValue<DateTime>(_column++), DateTimeKind.Utc));
}
