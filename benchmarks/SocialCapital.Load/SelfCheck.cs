using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SocialCapital.Load;

/// <summary><c>self-check</c>: every scenario, briefly, against a fake API in this process (an
/// <see cref="HttpListener"/> that stores ties and answers <c>/capital</c> with them), checking the counts, that a
/// failed write is counted and its body kept, and that a write the fake acknowledges but drops is caught as a
/// read-your-writes violation. For CI: seconds, no server, no data.</summary>
internal static class SelfCheck
{
    private const int FailedPut = 7;
    private const int DroppedPut = 5;

    public static async Task<int> RunAsync()
    {
        var folder = Directory.CreateTempSubdirectory("sc-load-self-check-");
        try
        {
            var port = FreePort();
            using var fake = new FakeApi(port);
            var ids = Path.Combine(folder.FullName, "ids.txt");
            await File.WriteAllLinesAsync(ids, Enumerable.Range(1, 50).Select(i => $"c{i:D3}"));
            var options = LoadOptions.Parse([
                "all", "--url", $"http://127.0.0.1:{port}/", "--coach-token", "coach", "--admin-token", "admin", "--ids", ids,
                "--seconds", "0.5", "--warmup", "0.1", "--latency-writes", "20", "--writes", "50", "--settle", "0",
                "--pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), "--out", Path.Combine(folder.FullName, "self-check"),
                "--fact", "people=50", "--fact", "cold_start_s=1.5",
            ]);
            var exit = await Driver.RunAsync(options, options.ReadIds());
            var root = JsonNode.Parse(await File.ReadAllTextAsync(options.Out + ".json"))!;
            var markdown = await File.ReadAllTextAsync(options.Out + ".md");
            var s = root["scenarios"]!;
            var problems = new List<string>();
            void Expect(bool ok, string what)
            {
                if (!ok) problems.Add(what);
            }
            Expect(exit == 1, $"exit code {exit}, expected 1 (one failed write, one violation)");
            Expect(Int(s["write-latency"]!["write"]!["count"]) == 19 && Int(s["write-latency"]!["write"]!["errors"]) == 1,
                "write-latency: expected 19 acknowledged writes and 1 error");
            Expect(Int(s["write-latency"]!["read_after_write"]!["count"]) == 19, "write-latency: expected 19 reads after writes");
            Expect(Int(s["write-latency"]!["read_your_writes_violations"]) == 1, "write-latency: expected 1 read-your-writes violation");
            Expect(markdown.Contains("fake failure", StringComparison.Ordinal), "the failed write's body is not in the Markdown");
            Expect(Int(s["mixed"]!["readers_alone"]!["read"]!["count"]) > 0, "mixed: no read alone");
            Expect(Int(s["mixed"]!["with_writers"]!["write"]!["count"]) > 0, "mixed: no write");
            Expect(Int(s["memory"]!["write"]!["count"]) + Int(s["memory"]!["write"]!["errors"]) == 50, "memory: expected 50 writes");
            Expect(Int(s["memory"]!["rss_settled_kib"]) > 0, "memory: no resident memory read");
            Expect(root["targets"]!.AsArray().Count == 7, "expected 7 targets");
            Expect(root["targets"]![0]!["met"]!.GetValue<bool>() == false, "a write target is met despite a read-your-writes violation");
            foreach (var p in problems) Console.Error.WriteLine($"self-check: {p}");
            Console.WriteLine(problems.Count == 0 ? "self-check passed" : "self-check FAILED");
            return problems.Count == 0 ? 0 : 1;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static int Int(JsonNode? node) => node!.GetValue<int>();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The two endpoints the driver uses: <c>PUT /ties</c> (admin token) stores a tie and answers its
    /// version, but fails the <see cref="FailedPut"/>th write with a 503 and drops the <see cref="DroppedPut"/>th;
    /// <c>GET /people/{id}/capital</c> (coach token) lists the person's contacts.</summary>
    private sealed class FakeApi : IDisposable
    {
        private readonly HttpListener listener = new();
        private readonly Dictionary<string, Dictionary<string, (HashSet<string> Kinds, double Strength)>> contacts = new(StringComparer.Ordinal);
        private readonly Task loop;
        private long version;
        private int puts;

        public FakeApi(int port)
        {
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            listener.Start();
            loop = Task.Run(AcceptAsync);
        }

        private async Task AcceptAsync()
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }
                _ = Task.Run(() => Answer(context));
            }
        }

        private void Answer(HttpListenerContext context)
        {
            var request = context.Request;
            var path = request.Url!.AbsolutePath;
            var token = request.Headers["Authorization"];
            var (status, body) = (request.HttpMethod, path) switch
            {
                ("PUT", "/ties") when token == "Bearer admin" => Put(request),
                ("GET", _) when path.StartsWith("/people/", StringComparison.Ordinal) && path.EndsWith("/capital", StringComparison.Ordinal)
                    && token == "Bearer coach" => Capital(Uri.UnescapeDataString(path["/people/".Length..^"/capital".Length]), context.Response),
                _ => (404, "{\"title\":\"not found\"}"),
            };
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            context.Response.OutputStream.Write(bytes);
            context.Response.Close();
        }

        private (int, string) Put(HttpListenerRequest request)
        {
            using var doc = JsonDocument.Parse(request.InputStream);
            var tie = doc.RootElement;
            var (source, target) = (tie.GetProperty("source").GetString()!, tie.GetProperty("target").GetString()!);
            var (kind, strength) = (tie.GetProperty("kind").GetString()!, tie.GetProperty("strength").GetDouble());
            lock (contacts)
            {
                var n = ++puts;
                if (n == FailedPut) return (503, "{\"title\":\"fake failure\"}");
                var v = ++version;
                if (n != DroppedPut)
                {
                    Add(source, target, kind, strength);
                    Add(target, source, kind, strength);
                }
                return (201, string.Create(CultureInfo.InvariantCulture,
                    $"{{\"write\":{{\"effect\":\"created\",\"version\":{v},\"tiesRemoved\":0}},\"tie\":{tie.GetRawText()}}}"));
            }
        }

        private void Add(string a, string b, string kind, double strength)
        {
            if (!contacts.TryGetValue(a, out var mine)) contacts[a] = mine = new(StringComparer.Ordinal);
            var (kinds, sum) = mine.TryGetValue(b, out var c) ? c : ([], 0);
            kinds.Add(kind);
            mine[b] = (kinds, sum + strength);
        }

        private (int, string) Capital(string id, HttpListenerResponse response)
        {
            lock (contacts)
            {
                response.Headers["X-Snapshot-Version"] = version.ToString(CultureInfo.InvariantCulture);
                var list = contacts.TryGetValue(id, out var mine)
                    ? mine.Select(c => new { id = c.Key, kinds = c.Value.Kinds.ToArray(), strength = c.Value.Strength }).ToArray()
                    : [];
                return (200, JsonSerializer.Serialize(new { measures = new { }, contacts = list, places = Array.Empty<object>() }));
            }
        }

        public void Dispose()
        {
            listener.Stop();
            listener.Close();
            loop.Wait(TimeSpan.FromSeconds(5));
        }
    }
}
