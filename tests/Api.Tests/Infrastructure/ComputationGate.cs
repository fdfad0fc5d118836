using Microsoft.Extensions.Logging;

namespace SocialCapital.Api.Tests.Infrastructure;

/// <summary>Holds or fails the API's background computations of one measure from outside, through the logging the
/// service does anyway: a computation logs "Computing {measure} …" on its own thread as it starts, and this provider
/// makes that call wait until <see cref="Open"/> lets it on, or throw. Nothing of the service is replaced; the
/// computation that runs is the real one. Register it with <c>services: s => s.AddSingleton&lt;ILoggerProvider&gt;(gate)</c>.</summary>
internal sealed class ComputationGate(string measure) : ILoggerProvider
{
    private static readonly TimeSpan MostHeld = TimeSpan.FromMinutes(1); // never hangs a test run

    private readonly SemaphoreSlim _pass = new(0);
    private readonly string _starting = $"Computing {measure} ";
    private int _started, _failing;

    /// <summary>How many computations of the measure have started.</summary>
    public int Started => Volatile.Read(ref _started);

    /// <summary>Lets <paramref name="count"/> held computations (or ones still to start) go on.</summary>
    public void Open(int count = 1) => _pass.Release(count);

    /// <summary>Makes the next <paramref name="count"/> computations fail, without holding them.</summary>
    public void FailNext(int count = 1) => Interlocked.Add(ref _failing, count);

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    /// <summary>Lets every held computation go, so none outlives the test.</summary>
    public void Dispose() => _pass.Release(1000);

    private void Starting()
    {
        Interlocked.Increment(ref _started);
        if (Interlocked.Decrement(ref _failing) >= 0) throw new InvalidOperationException($"{measure}: a failure planted by the test");
        Interlocked.Increment(ref _failing);
        _pass.Wait(MostHeld);
    }

    private sealed class Logger(ComputationGate gate) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel == LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Information && formatter(state, exception).StartsWith(gate._starting, StringComparison.Ordinal))
                gate.Starting();
        }
    }
}
