using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SocialCapital.Benchmarks;

namespace SocialCapital.Load;

/// <summary>A tie to write: <c>PUT /ties</c>'s body.</summary>
internal sealed record TieWrite(string Source, string Target, string Kind, double Strength)
{
    /// <summary>A friend or acquaintance tie between two different random citizens, strength in [0.1, 3).</summary>
    public static TieWrite Random(Random rng, string[] ids)
    {
        var a = rng.Next(ids.Length);
        var b = rng.Next(ids.Length - 1);
        if (b >= a) b++;
        return new TieWrite(ids[a], ids[b], rng.Next(2) == 0 ? "friend" : "acquaintance", Math.Round(0.1 + (rng.NextDouble() * 2.9), 3));
    }
}

/// <summary>The answer to one request: whether it was 2xx, the data version it carries (the write's
/// <c>write.version</c>, or a read's <c>X-Snapshot-Version</c> header; -1 when absent) and, when asked for, the
/// body.</summary>
internal readonly record struct Answer(bool Ok, long Version, byte[]? Body);

/// <summary>The latencies and failures of one kind of request in one phase. Thread-safe.</summary>
internal sealed class Recorder
{
    /// <summary>How many failure messages are kept.</summary>
    public const int Samples = 5;

    private readonly List<double> ms = [];
    private readonly List<string> samples = [];
    private int errors;

    public void Ok(double milliseconds)
    {
        lock (ms) ms.Add(milliseconds);
    }

    public void Error(string message)
    {
        lock (ms)
        {
            errors++;
            if (samples.Count < Samples) samples.Add(message);
        }
    }

    public int Count
    {
        get { lock (ms) return ms.Count; }
    }

    /// <summary>Count, errors, rate over <paramref name="seconds"/>, mean, p50, p90, p99, max (ms) and the first
    /// failures.</summary>
    public JsonObject Summary(double seconds)
    {
        double[] sorted;
        lock (ms) sorted = [.. ms];
        Array.Sort(sorted);
        var summary = new JsonObject
        {
            ["count"] = sorted.Length,
            ["errors"] = errors,
            ["per_s"] = Round(seconds > 0 ? sorted.Length / seconds : double.NaN),
            ["mean_ms"] = Round(sorted.Length == 0 ? double.NaN : sorted.Average()),
            ["p50_ms"] = Round(Percentiles.Nearest(sorted, 0.50)),
            ["p90_ms"] = Round(Percentiles.Nearest(sorted, 0.90)),
            ["p99_ms"] = Round(Percentiles.Nearest(sorted, 0.99)),
            ["max_ms"] = Round(sorted.Length == 0 ? double.NaN : sorted[^1]),
        };
        if (samples.Count > 0) summary["error_samples"] = new JsonArray([.. samples.Select(s => (JsonNode)s)]);
        return summary;
    }

    /// <summary>Three decimals; NaN as null (JSON has no NaN).</summary>
    public static JsonNode? Round(double value) => double.IsFinite(value) ? JsonValue.Create(Math.Round(value, 3)) : null;
}

/// <summary>The API as a client sees it: <c>PUT /ties</c> with the admin token and <c>GET
/// /people/{id}/capital</c> with the coach token, each timed from sending to the last byte of the answer. Every
/// non-2xx answer and every failed request is recorded with its body or message, never dropped. Thread-safe.</summary>
internal sealed class ApiClient : IDisposable
{
    private const string VersionHeader = "X-Snapshot-Version";
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient http;
    private readonly AuthenticationHeaderValue coach;
    private readonly AuthenticationHeaderValue admin;

    public ApiClient(Uri baseAddress, string coachToken, string adminToken, TimeSpan timeout)
    {
        http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
        })
        { BaseAddress = baseAddress, Timeout = timeout };
        coach = new AuthenticationHeaderValue("Bearer", coachToken);
        admin = new AuthenticationHeaderValue("Bearer", adminToken);
    }

    public async Task<Answer> PutTieAsync(TieWrite tie, Recorder recorder)
    {
        var body = string.Create(CultureInfo.InvariantCulture,
            $"{{\"source\":{JsonSerializer.Serialize(tie.Source)},\"target\":{JsonSerializer.Serialize(tie.Target)},\"kind\":\"{tie.Kind}\",\"strength\":{tie.Strength:R}}}");
        using var request = new HttpRequestMessage(HttpMethod.Put, "ties") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = Json;
        request.Headers.Authorization = admin;
        var answer = await SendAsync(request, recorder, keepBody: true);
        if (!answer.Ok || answer.Body is null) return answer;
        // The write's version: every later read sees at least this version.
        using var doc = JsonDocument.Parse(answer.Body);
        var version = doc.RootElement.TryGetProperty("write", out var write) && write.TryGetProperty("version", out var v) ? v.GetInt64() : -1;
        return answer with { Version = version };
    }

    public Task<Answer> GetCapitalAsync(string id, Recorder recorder, bool keepBody)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"people/{Uri.EscapeDataString(id)}/capital");
        request.Headers.Authorization = coach;
        return SendDisposingAsync(request, recorder, keepBody);
    }

    private async Task<Answer> SendDisposingAsync(HttpRequestMessage request, Recorder recorder, bool keepBody)
    {
        using (request) return await SendAsync(request, recorder, keepBody);
    }

    private async Task<Answer> SendAsync(HttpRequestMessage request, Recorder recorder, bool keepBody)
    {
        var what = $"{request.Method} /{request.RequestUri}";
        var start = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            var body = await response.Content.ReadAsByteArrayAsync();
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
            {
                var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 400));
                recorder.Error($"{what}: {(int)response.StatusCode} {response.ReasonPhrase} after {elapsed:F0} ms: {text}");
                return new Answer(false, -1, null);
            }
            recorder.Ok(elapsed);
            var version = response.Headers.TryGetValues(VersionHeader, out var values)
                && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : -1;
            return new Answer(true, version, keepBody ? body : null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            recorder.Error($"{what}: {e.GetType().Name} after {Stopwatch.GetElapsedTime(start).TotalMilliseconds:F0} ms: {e.Message}");
            return new Answer(false, -1, null);
        }
    }

    /// <summary>Whether a <c>/capital</c> answer of the tie's source shows the tie: its target among the contacts,
    /// with the tie's kind, and a summed strength at least the tie's.</summary>
    public static bool Shows(byte[] capital, TieWrite tie)
    {
        using var doc = JsonDocument.Parse(capital);
        if (!doc.RootElement.TryGetProperty("contacts", out var contacts)) return false;
        foreach (var contact in contacts.EnumerateArray())
        {
            if (contact.GetProperty("id").GetString() != tie.Target) continue;
            var kind = contact.GetProperty("kinds").EnumerateArray().Any(k => k.GetString() == tie.Kind);
            return kind && contact.GetProperty("strength").GetDouble() >= tie.Strength - 1e-9;
        }
        return false;
    }

    public void Dispose() => http.Dispose();
}
