using System.Threading.Channels;
using Microsoft.Extensions.Options;
using SocialCapital.Storage;

namespace SocialCapital.Api.Audit;

/// <summary>The API's audit writer for reads (writes append their entry in their own store transaction): entries are
/// queued in memory (<see cref="Record"/>) and appended to the store in one transaction per batch, at most
/// <see cref="FlushDelay"/> after the first of them was queued, and on graceful shutdown. Also applies the retention
/// (<see cref="AuditSettings.RetentionDays"/>) at startup and daily. Thread-safe.</summary>
/// <remarks>What a crash (kill -9, power cut) may lose: the read entries queued but not yet appended — the reads of
/// about the last <see cref="FlushDelay"/> (well under a second, plus the append itself). Entries of writes are never
/// lost: they commit with the write. Should the store refuse a batch, it is kept and tried again with the next.</remarks>
internal sealed class AuditTrail(IGraphStore store, Snapshots.SnapshotHost host, IOptions<AuditSettings> settings, TimeProvider time,
    ILogger<AuditTrail> log)
    : BackgroundService
{
    /// <summary>How long the writer waits after an entry arrives before appending what has gathered.</summary>
    public static readonly TimeSpan FlushDelay = TimeSpan.FromMilliseconds(200);

    private static readonly TimeSpan PurgeEvery = TimeSpan.FromDays(1);

    private readonly Channel<AuditEntry> _queue = Channel.CreateUnbounded<AuditEntry>();
    // Never disposed: it has no wait handle to release, and a host may call StopAsync after disposing its services.
    private readonly SemaphoreSlim _flushGate = new(1, 1);
    private readonly Lock _stopping = new();
    private Task? _lastFlush; // the flush on stopping, which every StopAsync awaits
    private readonly List<AuditEntry> _failed = [];

    /// <summary>Queues an entry; it is durable within <see cref="FlushDelay"/> (plus the append).</summary>
    public void Record(AuditEntry entry) => _queue.Writer.TryWrite(entry);

    /// <summary>Appends everything queued so far (e.g. before an erasure, so that the reads it pseudonymises are all in
    /// the store).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _flushGate.WaitAsync(cancellationToken);
        try
        {
            var batch = new List<AuditEntry>(_failed);
            while (_queue.Reader.TryRead(out var entry)) batch.Add(entry);
            if (batch.Count == 0) return;
            try
            {
                // Between the data writes, not against them: both need the store's one write lock, and a writer that finds it
                // taken backs off in the store's busy handler (measured: 8 writers fell from ~500 to 6 writes/s).
                await host.BesideWritesAsync(() => store.AppendAuditAsync(batch, CancellationToken.None));
                _failed.Clear();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _failed.Clear();
                _failed.AddRange(batch);
                log.LogError(e, "Could not append {Count} audit entries; they will be tried again with the next batch.", batch.Count);
                throw;
            }
        }
        finally
        {
            _flushGate.Release();
        }
    }

    /// <summary>Deletes the entries older than the retention, unless it is 0 (keep forever).</summary>
    public async Task PurgeAsync(CancellationToken cancellationToken)
    {
        var days = settings.Value.RetentionDays;
        if (days <= 0) return;
        var cutOff = time.GetUtcNow().AddDays(-days);
        var purged = await store.PurgeAuditAsync(cutOff, cancellationToken);
        if (purged > 0) log.LogInformation("Purged {Count} audit entries older than {CutOff:O} ({Days} days).", purged, cutOff, days);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var purging = PurgeDailyAsync(stoppingToken);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await Task.Delay(FlushDelay, stoppingToken);
                try
                {
                    await FlushAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken); // logged by FlushAsync; the entries are kept
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await purging;
    }

    /// <summary>Stops the writer, then appends what is still queued (a graceful shutdown loses nothing).</summary>
    /// <remarks>A host may stop twice at once (a test host stops it while its own RunAsync does): both calls await the
    /// one last flush, so neither returns — and lets the host dispose the store — before that flush is done.</remarks>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        Task last;
        lock (_stopping) last = _lastFlush ??= FlushAsync(CancellationToken.None);
        await last;
    }

    private async Task PurgeDailyAsync(CancellationToken stoppingToken)
    {
        try
        {
            do
            {
                try
                {
                    await PurgeAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
                {
                    log.LogError(e, "Purging the audit trail failed; it is tried again in a day.");
                }
            }
            while (await Wait(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static async Task<bool> Wait(CancellationToken stoppingToken)
    {
        await Task.Delay(PurgeEvery, stoppingToken);
        return true;
    }
}
