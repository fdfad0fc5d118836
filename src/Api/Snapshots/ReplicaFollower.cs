namespace SocialCapital.Api.Snapshots;

/// <summary>Follows the other replicas' writes when the store is a change feed: waits for the store to move past the
/// served snapshot and has <see cref="SnapshotHost.CatchUpAsync"/> apply what changed. Starts once the first snapshot is
/// loaded (a restarted replica loads the store, then follows); a store that cannot be reached is retried every second
/// while the served snapshot goes on serving.</summary>
internal sealed class ReplicaFollower(SnapshotHost host, ILogger<ReplicaFollower> log) : BackgroundService
{
    /// <summary>The longest single wait on the feed: a missed wake-up delays a follower by at most this.</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (host.Feed is not { } feed) return;
        while (!host.IsLoaded) await Task.Delay(50, stoppingToken);
        log.LogInformation("Following the store's change feed from version {Version}.", host.Version);
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var held = host.Version;
                if (await feed.WaitForChangeAsync(held, LongestWait, stoppingToken) > held) await host.CatchUpAsync(stoppingToken);
                if (failing) log.LogInformation("Following the change feed again, at version {Version}.", host.Version);
                failing = false;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                if (!failing) log.LogError(e, "Following the change feed failed at version {Version}; retrying every second.", host.Version);
                failing = true;
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }
}
