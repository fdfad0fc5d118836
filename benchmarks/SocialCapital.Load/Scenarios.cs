using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace SocialCapital.Load;

/// <summary>The three scenarios. Each starts with one timed read (the first read of the scenario: after a start, or
/// after the previous scenario's writes) and <see cref="LoadOptions.Warmup"/> seconds of reads, then measures, and
/// returns its figures as JSON (times in ms).</summary>
internal sealed class Scenarios(LoadOptions options, ApiClient api, string[] ids)
{
    private int seed = options.Seed;

    public async Task<JsonObject> RunAsync(string name) => name switch
    {
        "write-latency" => await WriteLatencyAsync(),
        "mixed" => await MixedAsync(),
        "memory" => await MemoryAsync(),
        _ => throw new ArgumentException($"unknown scenario '{name}'", nameof(name)),
    };

    /// <summary>One client: a write, then at once a read of the write's source, which must show it.</summary>
    private async Task<JsonObject> WriteLatencyAsync()
    {
        var result = await WarmupAsync();
        var writes = new Recorder();
        var reads = new Recorder();
        var violations = 0;
        var samples = new JsonArray();
        var rng = NextRandom();
        var clock = Stopwatch.StartNew();
        var attempted = 0;
        for (; attempted < options.LatencyWrites && !Overdue(clock); attempted++)
        {
            var tie = TieWrite.Random(rng, ids);
            var put = await api.PutTieAsync(tie, writes);
            if (!put.Ok) continue;
            var get = await api.GetCapitalAsync(tie.Source, reads, keepBody: true);
            if (!get.Ok) continue;
            var shows = ApiClient.Shows(get.Body!, tie);
            if (shows && get.Version >= put.Version) continue;
            violations++;
            if (samples.Count < Recorder.Samples)
                samples.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{tie.Source}-{tie.Target} {tie.Kind} {tie.Strength}: written at version {put.Version}, read at version {get.Version}, {(shows ? "shown" : "not shown")}"));
        }
        var seconds = clock.Elapsed.TotalSeconds;
        result["writes_planned"] = options.LatencyWrites;
        result["writes_attempted"] = attempted;
        result["seconds"] = Recorder.Round(seconds);
        result["write"] = writes.Summary(seconds);
        result["read_after_write"] = reads.Summary(seconds);
        result["read_your_writes_violations"] = violations;
        if (samples.Count > 0) result["violation_samples"] = samples;
        Progress($"write-latency: {writes.Count} writes in {seconds:F1} s, {violations} read-your-writes violations");
        return result;
    }

    /// <summary>Readers alone, then writers and readers together, each for <see cref="LoadOptions.Seconds"/>.</summary>
    private async Task<JsonObject> MixedAsync()
    {
        var result = await WarmupAsync();
        var alone = new Recorder();
        var aloneSeconds = await PhaseAsync(options.Seconds, [.. Readers(alone)]);
        var aloneSummary = alone.Summary(aloneSeconds);
        Progress($"mixed: readers alone {alone.Count} reads in {aloneSeconds:F1} s");
        var writes = new Recorder();
        var reads = new Recorder();
        var bothSeconds = await PhaseAsync(options.Seconds, [.. Writers(writes, null), .. Readers(reads)]);
        var readSummary = reads.Summary(bothSeconds);
        Progress($"mixed: with writers {writes.Count} writes and {reads.Count} reads in {bothSeconds:F1} s");
        result["seconds_per_phase"] = options.Seconds;
        result["readers"] = options.Readers;
        result["writers"] = options.Writers;
        result["readers_alone"] = new JsonObject { ["seconds"] = Recorder.Round(aloneSeconds), ["read"] = aloneSummary };
        result["with_writers"] = new JsonObject
        {
            ["seconds"] = Recorder.Round(bothSeconds),
            ["write"] = writes.Summary(bothSeconds),
            ["read"] = readSummary,
        };
        result["read_p99_ratio"] = Recorder.Round(Number(readSummary["p99_ms"]) / Number(aloneSummary["p99_ms"]));
        return result;
    }

    /// <summary><see cref="LoadOptions.Writes"/> writes by the writers; the API's resident memory around them.</summary>
    private async Task<JsonObject> MemoryAsync()
    {
        var result = await WarmupAsync();
        var pid = options.Pid!.Value;
        var before = ProcMemory.Read(pid);
        var writes = new Recorder();
        var remaining = options.Writes;
        var clock = Stopwatch.StartNew();
        var seconds = await PhaseAsync(double.PositiveInfinity, [.. Writers(writes, () => Interlocked.Decrement(ref remaining) >= 0 && !Overdue(clock))]);
        var after = ProcMemory.Read(pid);
        Progress($"memory: {writes.Count} writes in {seconds:F1} s; settling {options.Settle} s");
        await Task.Delay(TimeSpan.FromSeconds(options.Settle));
        var settled = ProcMemory.Read(pid);
        result["writes_planned"] = options.Writes;
        result["writes_done"] = writes.Count;
        result["writers"] = options.Writers;
        result["write"] = writes.Summary(seconds);
        result["seconds"] = Recorder.Round(seconds);
        result["settle_s"] = options.Settle;
        result["rss_before_kib"] = before.RssKib;
        result["rss_after_kib"] = after.RssKib;
        result["rss_settled_kib"] = settled.RssKib;
        result["rss_peak_kib"] = settled.PeakKib;
        result["settled_over_before"] = Recorder.Round((double)settled.RssKib / before.RssKib);
        return result;
    }

    /// <summary>One timed read, then <see cref="LoadOptions.Readers"/> readers for <see cref="LoadOptions.Warmup"/>
    /// seconds (not recorded but for failures).</summary>
    private async Task<JsonObject> WarmupAsync()
    {
        var first = new Recorder();
        await api.GetCapitalAsync(ids[0], first, keepBody: false);
        var warm = new Recorder();
        if (options.Warmup > 0) await PhaseAsync(options.Warmup, [.. Readers(warm)]);
        var result = new JsonObject { ["first_read"] = first.Summary(0)["max_ms"]?.DeepClone() };
        if (first.Count == 0 || warm.Summary(0)["errors"]!.GetValue<int>() > 0)
            result["warmup_errors"] = new JsonArray([first.Summary(0), warm.Summary(options.Warmup)]);
        return result;
    }

    /// <summary>Runs the loops until each has stopped (a loop stops at the first check after
    /// <paramref name="seconds"/>, so requests in flight then complete and count); returns the seconds from the start to
    /// the last completion.</summary>
    private static async Task<double> PhaseAsync(double seconds, Func<Func<bool>, Task>[] loops)
    {
        var clock = Stopwatch.StartNew();
        bool Open() => clock.Elapsed.TotalSeconds < seconds;
        await Task.WhenAll(loops.Select(loop => Task.Run(() => loop(Open))));
        return clock.Elapsed.TotalSeconds;
    }

    private IEnumerable<Func<Func<bool>, Task>> Readers(Recorder recorder)
    {
        for (var i = 0; i < options.Readers; i++)
        {
            var rng = NextRandom();
            yield return async open =>
            {
                while (open()) await api.GetCapitalAsync(ids[rng.Next(ids.Length)], recorder, keepBody: false);
            };
        }
    }

    /// <summary>Writers, each writing as soon as it has its answer while the phase is open and <paramref name="more"/>
    /// (when given) says so.</summary>
    private IEnumerable<Func<Func<bool>, Task>> Writers(Recorder recorder, Func<bool>? more)
    {
        for (var i = 0; i < options.Writers; i++)
        {
            var rng = NextRandom();
            yield return async open =>
            {
                while (open() && (more is null || more())) await api.PutTieAsync(TieWrite.Random(rng, ids), recorder);
            };
        }
    }

    private Random NextRandom() => new(seed++);

    private bool Overdue(Stopwatch clock) => options.MaxSeconds is { } max && clock.Elapsed.TotalSeconds >= max;

    private static double Number(JsonNode? node) => node is null ? double.NaN : node.GetValue<double>();

    public static void Progress(string line) =>
        Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {line}");
}

/// <summary>A process's resident memory from <c>/proc/PID/status</c> (Linux).</summary>
internal readonly record struct ProcMemory(long RssKib, long PeakKib)
{
    /// <exception cref="IOException">The file cannot be read (no such process, not Linux).</exception>
    public static ProcMemory Read(int pid)
    {
        long rss = -1, peak = -1;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kib(line);
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peak = Kib(line);
        }
        return new ProcMemory(rss, peak);
    }

    private static long Kib(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
