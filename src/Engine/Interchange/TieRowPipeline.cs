using SocialCapital.Model;

namespace SocialCapital.Interchange;

/// <summary>Tie rows parsed from UTF-8 bytes (a <c>ties.csv</c>, a store's binary export) on their way to the id
/// lookups: each full <see cref="TieRowBatch"/> goes to the thread pool while parsing goes on, and <see cref="Finish"/>
/// joins the batches in input order. One parser adds the rows (not thread-safe).</summary>
internal sealed class TieRowPipeline(IdTable positions)
{
    private readonly List<(TieRowBatch Rows, Task Resolved)> _batches = [];
    private int _waited; // batches before this one are resolved
    private TieRowBatch _batch = new();

    /// <summary>Adds a parsed row; its ends' bytes are copied (a parser may reuse its buffer).</summary>
    public void Add(int line, ReadOnlySpan<byte> source, ReadOnlySpan<byte> target, TieKind kind, double strength, DateOnly? since, DateOnly? until,
        PairingOutcome? outcome, string? endReason)
    {
        _batch.Add(line, source, target, kind, strength, since, until, outcome, endReason);
        if (!_batch.IsFull) return;
        Send(_batch);
        _batch = new TieRowBatch();
    }

    /// <summary>Waits for every lookup and joins the rows in input order.</summary>
    /// <param name="lines">Receives each record's line, when given.</param>
    /// <returns>The records (each end the node's own id string where found) and their ends' positions (-1: no such node).</returns>
    public (List<TieRecord> Ties, ResolvedTies Found) Finish(List<int>? lines)
    {
        Send(_batch);
        _batch = new TieRowBatch();
        Task.WaitAll(_batches.Select(b => b.Resolved));
        var count = _batches.Sum(b => b.Rows.Count);
        var ties = new List<TieRecord>(count);
        var sources = new int[count];
        var targets = new int[count];
        if (lines is not null) lines.Capacity = lines.Count + count;
        foreach (var (rows, _) in _batches)
        {
            rows.Sources.CopyTo(sources, ties.Count);
            rows.Targets.CopyTo(targets, ties.Count);
            ties.AddRange(rows.Records);
            lines?.AddRange(rows.Lines);
        }
        _batches.Clear();
        _waited = 0;
        return (ties, new ResolvedTies(sources, targets));
    }

    private void Send(TieRowBatch rows)
    {
        _batches.Add((rows, Task.Run(() => rows.Resolve(positions))));
        // Bound the rows in flight, and so the memory they hold.
        while (_batches.Count - _waited > 4 * Environment.ProcessorCount) _batches[_waited++].Resolved.Wait();
    }
}
