namespace SocialCapital.Storage.Contract;

/// <summary>Cancels on time even when the thread pool is busy: a timer-based <c>CancelAfter</c> runs its callback on
/// the pool, which tests that block pool threads (in parallel test classes) can delay by a second or more.</summary>
public static class Cancellation
{
    /// <summary>Cancels <paramref name="source"/> after <paramref name="delay"/>, from a dedicated thread.</summary>
    /// <param name="source">The source to cancel.</param>
    /// <param name="delay">How long to wait.</param>
    public static void CancelAfter(CancellationTokenSource source, TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(source);
        new Thread(() =>
        {
            Thread.Sleep(delay);
            try { source.Cancel(); }
            catch (ObjectDisposedException) { } // the test has already finished
        }) { IsBackground = true, Name = "test cancellation" }.Start();
    }
}
