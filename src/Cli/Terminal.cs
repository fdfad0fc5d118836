using System.Diagnostics;

namespace SocialCapital.Cli;

/// <summary>Where a command talks to the person running it. Status and progress go to standard error, and
/// only when it is a terminal, so redirected output and logs stay clean.</summary>
internal sealed class Terminal(TextWriter error, bool interactive)
{
    private readonly Stopwatch _since = Stopwatch.StartNew();

    public static Terminal ForProcess() => new(System.Console.Error, !System.Console.IsErrorRedirected);

    public TextWriter Error { get; } = error;

    public void Status(string message)
    {
        if (interactive) Error.WriteLine($"[{_since.Elapsed:mm\\:ss}] {message}…");
    }

    /// <summary>A progress sink that redraws one line at most ten times a second; null when not interactive.</summary>
    public IProgress<double>? Progress(string label) => interactive ? new LineProgress(Error, label) : null;

    private sealed class LineProgress(TextWriter writer, string label) : IProgress<double>
    {
        private readonly Lock _gate = new();
        private long _lastTicks;

        public void Report(double value)
        {
            lock (_gate)
            {
                var now = Stopwatch.GetTimestamp();
                if (value < 1 && Stopwatch.GetElapsedTime(_lastTicks, now).TotalMilliseconds < 100) return;
                _lastTicks = now;
                writer.Write($"\r{label} {value:P0}   ");
                if (value >= 1) writer.WriteLine();
            }
        }
    }
}
