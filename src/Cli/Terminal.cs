using System.CommandLine;
using System.Diagnostics;
using System.Globalization;

namespace SocialCapital.Cli;

/// <summary>How a command shows its progress on standard error (<c>--progress</c>).</summary>
internal enum ProgressMode
{
    /// <summary>A redrawn bar when standard error is a terminal; nothing otherwise.</summary>
    Auto,

    /// <summary>One line redrawn in place: percentage, time taken, time left.</summary>
    Bar,

    /// <summary>Plain lines (every 10% or 5 s, and the end), for logs and CI.</summary>
    Plain,

    /// <summary>Nothing but errors.</summary>
    None,
}

/// <summary>Where a command talks to the person running it. Status and progress go to standard error, so standard
/// output stays the result alone: by default only when standard error is a terminal, or as plain lines with
/// <c>--progress plain</c>.</summary>
internal sealed class Terminal
{
    /// <summary>The <c>--progress</c> option every command takes.</summary>
    public static readonly Option<string> ProgressOption = CreateProgressOption();

    private static Option<string> CreateProgressOption()
    {
        var option = new Option<string>("--progress")
        {
            Description = "How to show progress on standard error: auto (a bar on a terminal, nothing otherwise), bar, "
                + "plain (lines with percentage and time left, for logs and CI) or none.",
            Recursive = true,
            DefaultValueFactory = _ => "auto",
        };
        option.AcceptOnlyFromAmong([.. Enum.GetNames<ProgressMode>().Select(n => n.ToLowerInvariant())]);
        return option;
    }

    /// <summary>The mode <c>--progress</c> names.</summary>
    public static ProgressMode ModeOf(ParseResult parse) => Enum.Parse<ProgressMode>(parse.GetValue(ProgressOption) ?? "auto", ignoreCase: true);

    private readonly Stopwatch _since = Stopwatch.StartNew();
    private readonly ProgressMode _mode;

    public Terminal(TextWriter error, ProgressMode mode, bool errorIsTerminal)
    {
        Error = error;
        _mode = mode == ProgressMode.Auto ? errorIsTerminal ? ProgressMode.Bar : ProgressMode.None : mode;
    }

    public static Terminal ForProcess(ProgressMode mode) => new(System.Console.Error, mode, !System.Console.IsErrorRedirected);

    public TextWriter Error { get; }

    /// <summary>What the command is doing now, as a line with the time since it started.</summary>
    public void Status(string message)
    {
        if (_mode != ProgressMode.None) Error.WriteLine($"[{Clock(_since.Elapsed)}] {message}…");
    }

    /// <summary>A progress sink for one stage (values from 0 to 1), or null when progress is not shown.</summary>
    public IProgress<double>? Progress(string label) => _mode switch
    {
        ProgressMode.Bar => new StageProgress(Error, label, _since, plain: false),
        ProgressMode.Plain => new StageProgress(Error, label, _since, plain: true),
        _ => null,
    };

    private static string Clock(TimeSpan t) => t.TotalHours >= 1
        ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
        : t.ToString(@"mm\:ss", CultureInfo.InvariantCulture);

    /// <summary>One stage's progress: the bar redraws at most ten times a second; plain mode writes a line each 10% or
    /// 5 s and at the end. Time left is the time so far scaled by what is left, once there is enough to go on.</summary>
    private sealed class StageProgress(TextWriter writer, string label, Stopwatch command, bool plain) : IProgress<double>
    {
        private readonly Lock _gate = new();
        private readonly Stopwatch _stage = Stopwatch.StartNew();
        private TimeSpan _lastWrite = TimeSpan.MinValue;
        private int _lastStep = -1;
        private int _lastPercent = -1;
        private double _highest;
        private bool _done;

        public void Report(double value)
        {
            lock (_gate)
            {
                if (_done || double.IsNaN(value)) return;
                value = Math.Clamp(value, 0, 1);
                if (value < _highest) return; // reports from several threads may arrive out of order
                _highest = value;
                var now = _stage.Elapsed;
                var step = (int)(value * 10);
                var percent = (int)(value * 100);
                var due = value >= 1 || (plain
                    ? step > _lastStep || (now - _lastWrite >= TimeSpan.FromSeconds(5) && percent != _lastPercent)
                    : now - _lastWrite >= TimeSpan.FromMilliseconds(100));
                if (!due) return;
                (_lastWrite, _lastStep, _lastPercent, _done) = (now, step, percent, value >= 1);
                var left = value >= 0.01 && now >= TimeSpan.FromSeconds(1) && value < 1
                    ? $", about {Clock(now * ((1 - value) / value))} left"
                    : "";
                var line = value >= 1
                    ? $"{label} 100% in {Clock(now)}"
                    : $"{label} {percent.ToString(CultureInfo.InvariantCulture)}%{left}";
                if (plain) writer.WriteLine($"[{Clock(command.Elapsed)}] {line}");
                else
                {
                    writer.Write($"\r{line}".PadRight(60));
                    if (value >= 1) writer.WriteLine();
                }
            }
        }
    }
}
