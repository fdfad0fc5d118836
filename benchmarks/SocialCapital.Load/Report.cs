using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SocialCapital.Load;

/// <summary>The results file (JSON) and its Markdown rendering, with issue 14's targets checked against the
/// figures.</summary>
internal static class Report
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The results so far: PATH.json when appending and it exists, otherwise a fresh document.</summary>
    public static JsonObject Start(LoadOptions options)
    {
        var path = options.Out + ".json";
        var root = options.Append && File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path))!.AsObject() : [];
        root["run"] = new JsonObject
        {
            ["date_utc"] = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            ["cores"] = Environment.ProcessorCount,
            ["url"] = options.Url!.ToString(),
            ["ids"] = options.IdsFile,
            ["seed"] = options.Seed,
            ["load_average_at_start"] = LoadAverage(),
        };
        var facts = root["facts"] as JsonObject ?? [];
        // Plain decimals only are numbers: a commit such as 87e1301 would otherwise parse as 87×10^1301 (infinity).
        foreach (var (name, value) in options.Facts)
            facts[name] = IsPlainDecimal(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                ? JsonValue.Create(d) : JsonValue.Create(value);
        root["facts"] = facts;
        if (root["scenarios"] is not JsonObject) root["scenarios"] = new JsonObject();
        return root;
    }

    /// <summary>The 1, 5 and 15 minute load averages (<c>/proc/loadavg</c>), or null off Linux.</summary>
    public static string? LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : null;

    /// <summary>Writes PATH.json and PATH.md (the targets recomputed from every figure present) and returns the
    /// Markdown.</summary>
    public static string Write(JsonObject root, string outPath)
    {
        root["targets"] = Targets(root);
        root["run"]!["load_average_at_end"] = LoadAverage();
        var directory = Path.GetDirectoryName(Path.GetFullPath(outPath));
        if (directory is not null) Directory.CreateDirectory(directory);
        File.WriteAllText(outPath + ".json", root.ToJsonString(Indented) + "\n");
        var markdown = Markdown(root, Path.GetFileName(outPath));
        File.WriteAllText(outPath + ".md", markdown);
        return markdown;
    }

    private static JsonArray Targets(JsonObject root)
    {
        var s = root["scenarios"]!;
        var f = root["facts"]!;
        var targets = new JsonArray();
        void Add(string target, string goal, double value, string unit, Func<double, bool> met, string? note = null)
        {
            targets.Add(new JsonObject
            {
                ["target"] = target,
                ["goal"] = goal,
                ["measured"] = Recorder.Round(value),
                ["unit"] = unit,
                ["met"] = double.IsFinite(value) ? met(value) : null,
                ["note"] = note,
            });
        }
        var wl = s["write-latency"];
        if (wl is not null)
        {
            // Acknowledged *with read-your-writes*: a violation or a failed request fails these targets whatever the times.
            var violations = Get(wl, "read_your_writes_violations");
            var failures = Get(wl, "write", "errors") + Get(wl, "read_after_write", "errors");
            var clean = violations == 0 && failures == 0;
            var note = $"{Get(wl, "write", "count")} writes acknowledged, {failures} failed requests, {violations} read-your-writes violations";
            Add("single write acknowledged, p50", "≤ 5 ms", Get(wl, "write", "p50_ms"), "ms", v => clean && v <= 5, note);
            Add("single write acknowledged, p99", "≤ 20 ms", Get(wl, "write", "p99_ms"), "ms", v => clean && v <= 20, note);
            Add("/capital right after a write, p99", "≤ 10 ms", Get(wl, "read_after_write", "p99_ms"), "ms", v => clean && v <= 10, note);
        }
        var mixed = s["mixed"];
        if (mixed is not null)
        {
            Add($"sustained writes/s with {Get(mixed, "writers")} writers", "≥ 500 /s", Get(mixed, "with_writers", "write", "per_s"), "/s", v => v >= 500);
            Add($"{Get(mixed, "readers")} readers' p99 during writes / alone", "≤ 2×", Get(mixed, "read_p99_ratio"), "×", v => v <= 2,
                string.Create(CultureInfo.InvariantCulture,
                    $"{Get(mixed, "with_writers", "read", "p99_ms"):F1} ms against {Get(mixed, "readers_alone", "read", "p99_ms"):F1} ms"));
        }
        if (f["cold_start_s"] is not null) Add("cold start from the SQLite store to ready", "≤ 20 s", Get(f, "cold_start_s"), "s", v => v <= 20);
        var memory = s["memory"];
        if (memory is not null)
        {
            // Against a fresh start: the resident memory at ready of the process measured (given by the script), else
            // the memory just before the writes.
            var fresh = f["rss_ready_kib"] is not null ? Get(f, "rss_ready_kib") : Get(memory, "rss_before_kib");
            Add($"memory after {Get(memory, "writes_done")} writes / fresh start", "≤ 1.2×", Get(memory, "rss_settled_kib") / fresh, "×", v => v <= 1.2,
                string.Create(CultureInfo.InvariantCulture,
                    $"{Get(memory, "rss_settled_kib") / 1024:F0} MiB after the writes and {memory["settle_s"]} s, against {fresh / 1024:F0} MiB {(f["rss_ready_kib"] is not null ? "at ready" : "before the writes")}"));
        }
        return targets;
    }

    private static string Markdown(JsonObject root, string name)
    {
        var md = new StringBuilder();
        var run = root["run"]!;
        var f = root["facts"]!.AsObject();
        md.Append(CultureInfo.InvariantCulture,
            $"# Live graph load test: {name}\n\n{run["date_utc"]} UTC, {run["cores"]} cores (the API and the driver share them), API at {run["url"]}, load average {run["load_average_at_start"]} at the start and {run["load_average_at_end"]} at the end, times in ms. Produced by benchmarks/SocialCapital.Load (benchmarks/README.md).\n\n");
        if (f.Count > 0)
        {
            md.Append("| figure | value |\n|---|---|\n");
            foreach (var (key, value) in f) md.Append(CultureInfo.InvariantCulture, $"| {FactName(key)} | {value} |\n");
            md.Append('\n');
        }

        var s = root["scenarios"]!.AsObject();
        md.Append("| scenario | requests | ok | errors | per s | p50 | p90 | p99 | max |\n|---|---|---|---|---|---|---|---|---|\n");
        void Row(string label, JsonNode? stats)
        {
            if (stats is null) return;
            md.Append(CultureInfo.InvariantCulture,
                $"| {label} | {Get(stats, "count") + Get(stats, "errors"):N0} | {Get(stats, "count"):N0} | {stats["errors"]} | {Fmt(stats, "per_s")} | {Fmt(stats, "p50_ms")} | {Fmt(stats, "p90_ms")} | {Fmt(stats, "p99_ms")} | {Fmt(stats, "max_ms")} |\n");
        }
        if (s["write-latency"] is { } wl)
        {
            Row("write-latency: PUT /ties (one client)", wl["write"]);
            Row("write-latency: /capital right after", wl["read_after_write"]);
        }
        if (s["mixed"] is { } mixed)
        {
            Row($"mixed: {mixed["readers"]} readers alone", mixed["readers_alone"]?["read"]);
            Row($"mixed: {mixed["writers"]} writers, PUT /ties", mixed["with_writers"]?["write"]);
            Row($"mixed: {mixed["readers"]} readers during writes", mixed["with_writers"]?["read"]);
        }
        if (s["memory"] is { } memory) Row($"memory: {memory["writers"]} writers, PUT /ties", memory["write"]);
        md.Append('\n');

        var notes = new List<string>();
        foreach (var (scenario, result) in s)
            if (result?["first_read"] is { } first) notes.Add($"{scenario}: first `/capital` read of the scenario {Fmt(result, "first_read")} ms");
        if (s["write-latency"] is { } w)
        {
            notes.Add($"write-latency: {w["writes_attempted"]} of {w["writes_planned"]} writes attempted in {w["seconds"]} s; "
                + $"read-your-writes violations: {w["read_your_writes_violations"]}");
        }
        if (s["memory"] is { } m)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"memory: {m["writes_done"]} of {m["writes_planned"]} writes in {m["seconds"]} s; API resident memory {Mib(m, "rss_before_kib")} before, "
                + $"{Mib(m, "rss_after_kib")} after, {Mib(m, "rss_settled_kib")} after {m["settle_s"]} s more (peak {Mib(m, "rss_peak_kib")}): "
                + $"{Fmt(m, "settled_over_before")}× the memory before the writes"));
        }
        foreach (var note in notes) md.Append("- ").Append(note).Append('\n');
        md.Append('\n');

        md.Append("| target (issue 14) | goal | measured | met | note |\n|---|---|---|---|---|\n");
        foreach (var t in root["targets"]!.AsArray())
        {
            var met = t!["met"] is null ? "n/a" : t["met"]!.GetValue<bool>() ? "yes" : "**no**";
            md.Append(CultureInfo.InvariantCulture, $"| {t["target"]} | {t["goal"]} | {Fmt(t, "measured")} {t["unit"]} | {met} | {t["note"]} |\n");
        }

        var failures = new StringBuilder();
        foreach (var (scenario, result) in s) Failures(failures, scenario, result);
        if (failures.Length > 0) md.Append("\nFailed requests (first bodies):\n\n").Append(failures);
        return md.ToString();
    }

    /// <summary>Every <c>error_samples</c> and <c>violation_samples</c> under <paramref name="node"/>.</summary>
    private static void Failures(StringBuilder md, string path, JsonNode? node)
    {
        if (node is not JsonObject o) return;
        foreach (var (key, value) in o)
        {
            if (key is "error_samples" or "violation_samples" && value is JsonArray samples)
                foreach (var sample in samples) md.Append(CultureInfo.InvariantCulture, $"- {path}: `{sample}`\n");
            else if (value is JsonArray array)
                for (var i = 0; i < array.Count; i++) Failures(md, $"{path}.{key}[{i}]", array[i]);
            else Failures(md, $"{path}.{key}", value);
        }
    }

    private static string FactName(string key) => key switch
    {
        "people" => "people",
        "commit" => "commit measured",
        "nodes" => "nodes (people and places)",
        "ties" => "ties",
        "import_s" => "first start: import into a fresh SQLite file and ready (s)",
        "rss_import_ready_kib" => "API resident memory at ready after the import (KiB)",
        "cold_start_s" => "cold start from the SQLite store to ready (s)",
        "rss_ready_kib" => "API resident memory at ready after the cold start (KiB)",
        _ => key,
    };

    /// <summary>A figure for people: 0 decimals from 100 up, 1 from 10, else 2 (the JSON keeps 3).</summary>
    private static string Fmt(JsonNode? node, string key)
    {
        var v = Get(node, key);
        if (!double.IsFinite(v)) return "–";
        var digits = Math.Abs(v) >= 100 ? 0 : Math.Abs(v) >= 10 ? 1 : 2;
        return v.ToString("N" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private static string Mib(JsonNode node, string key) =>
        string.Create(CultureInfo.InvariantCulture, $"{Get(node, key) / 1024:F0} MiB");

    private static double Get(JsonNode? node, params string[] path)
    {
        foreach (var key in path) node = node?[key];
        return node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            ? double.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture) : double.NaN;
    }

    private static bool IsPlainDecimal(string text) =>
        text.Length > 0 && text.TrimStart('-').Length > 0 && text.TrimStart('-').All(c => char.IsAsciiDigit(c) || c == '.');
}
