using System.Globalization;

namespace SocialCapital.Load;

/// <summary>The command line of the driver (plain arguments; see <see cref="Usage"/>).</summary>
internal sealed class LoadOptions
{
    public const string Usage = """
        usage: SocialCapital.Load SCENARIO... --url URL --coach-token T --admin-token T --ids FILE [options]
               SocialCapital.Load self-check

        scenarios (run in the order given; 'all' = write-latency mixed memory):
          write-latency   one client: --latency-writes sequential PUT /ties, each followed at once by
                          GET /people/{source}/capital; ack and read-after-write latency, read-your-writes violations
          mixed           --readers readers alone for --seconds, then --writers writers + --readers readers for
                          --seconds: writes/s, write and read p50/p99, read p99 against the readers-alone p99
          memory          --writes PUT /ties by --writers writers; the API's VmRSS (/proc/PID/status, --pid) before,
                          after and after --settle seconds
          self-check      runs every scenario briefly against a fake API inside this process (no server needed)

        options:
          --url URL               the API, e.g. http://127.0.0.1:5098
          --coach-token T         a coach (or admin) token for the reads; @FILE reads it from a file
          --admin-token T         an admin token for the writes (PUT /ties needs admin); @FILE reads it from a file
          --ids FILE              citizen ids, one a line: reads and the ends of written ties are drawn from them
          --seconds S             each timed phase of 'mixed' (default 20)
          --warmup S              reads before each scenario, after one timed first read (default 3)
          --writers N             writers in 'mixed' and 'memory' (default 8)
          --readers N             readers in 'mixed' (default 8)
          --latency-writes N      writes of 'write-latency' (default 1000)
          --writes N              writes of 'memory' (default 100000)
          --max-seconds S         stop 'write-latency' and 'memory' after S seconds even if not all writes are done
                                  (the report says how many were); default: no limit
          --pid PID               the API's process id, for 'memory' (and the resident memory at the start)
          --settle S              wait after the writes of 'memory' before the last reading (default 10)
          --timeout S             HTTP timeout per request (default 600)
          --seed N                random seed (default 20260101)
          --out PATH              results: PATH.json and PATH.md (default benchmarks/load/results/load)
          --append                merge into PATH.json (same scenario replaced) instead of starting afresh
          --fact NAME=VALUE       a figure measured outside the driver, recorded with the results; known names:
                                  people, nodes, ties, import_s (first start, import to ready), cold_start_s (start from the
                                  store to ready), rss_import_ready_kib, rss_ready_kib (the API's VmRSS at
                                  ready after the import, after the cold start: the memory target's "fresh start")
        """;

    public List<string> Scenarios { get; } = [];
    public Uri? Url { get; set; }
    public string CoachToken { get; set; } = "";
    public string AdminToken { get; set; } = "";
    public string? IdsFile { get; set; }
    public double Seconds { get; set; } = 20;
    public double Warmup { get; set; } = 3;
    public int Writers { get; set; } = 8;
    public int Readers { get; set; } = 8;
    public int LatencyWrites { get; set; } = 1000;
    public int Writes { get; set; } = 100_000;
    public double? MaxSeconds { get; set; }
    public int? Pid { get; set; }
    public double Settle { get; set; } = 10;
    public double Timeout { get; set; } = 600;
    public int Seed { get; set; } = 20260101;
    public string Out { get; set; } = Path.Combine("benchmarks", "load", "results", "load");
    public bool Append { get; set; }
    public Dictionary<string, string> Facts { get; } = new(StringComparer.Ordinal);

    public static readonly string[] Known = ["write-latency", "mixed", "memory"];

    /// <summary>Parses the arguments.</summary>
    /// <exception cref="FormatException">An unknown or incomplete argument, or a value out of range.</exception>
    public static LoadOptions Parse(string[] args)
    {
        var o = new LoadOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{a} needs a value");
            double Number() => double.TryParse(Next(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= 0
                ? d : throw new FormatException($"{a} needs a number >= 0");
            int Count() => int.TryParse(Next(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0
                ? n : throw new FormatException($"{a} needs a whole number >= 0");
            switch (a)
            {
                case "all": o.Scenarios.AddRange(Known); break;
                case "write-latency" or "mixed" or "memory": o.Scenarios.Add(a); break;
                case "--url":
                    o.Url = Uri.TryCreate(Next(), UriKind.Absolute, out var url) ? url : throw new FormatException("--url needs an absolute URL");
                    break;
                case "--coach-token": o.CoachToken = Token(Next()); break;
                case "--admin-token": o.AdminToken = Token(Next()); break;
                case "--ids": o.IdsFile = Next(); break;
                case "--seconds": o.Seconds = Number(); break;
                case "--warmup": o.Warmup = Number(); break;
                case "--writers": o.Writers = Count(); break;
                case "--readers": o.Readers = Count(); break;
                case "--latency-writes": o.LatencyWrites = Count(); break;
                case "--writes": o.Writes = Count(); break;
                case "--max-seconds": o.MaxSeconds = Number(); break;
                case "--pid": o.Pid = Count(); break;
                case "--settle": o.Settle = Number(); break;
                case "--timeout": o.Timeout = Number(); break;
                case "--seed": o.Seed = Count(); break;
                case "--out": o.Out = Next(); break;
                case "--append": o.Append = true; break;
                case "--fact":
                    var fact = Next();
                    var eq = fact.IndexOf('=', StringComparison.Ordinal);
                    if (eq < 1) throw new FormatException("--fact needs NAME=VALUE");
                    o.Facts[fact[..eq]] = fact[(eq + 1)..];
                    break;
                default: throw new FormatException($"unexpected argument '{a}'");
            }
        }
        if (o.Scenarios.Count == 0) throw new FormatException("no scenario given");
        if (o.Url is null) throw new FormatException("--url is required");
        if (o.CoachToken.Length == 0 || o.AdminToken.Length == 0) throw new FormatException("--coach-token and --admin-token are required");
        if (o.IdsFile is null) throw new FormatException("--ids is required");
        if (o.Writers < 1 || o.Readers < 1) throw new FormatException("--writers and --readers must be at least 1");
        if (o.Timeout <= 0) throw new FormatException("--timeout must be > 0");
        if (o.Scenarios.Contains("memory") && o.Pid is null) throw new FormatException("'memory' needs --pid");
        return o;
    }

    /// <summary>Reads the citizen ids, one a line (blank lines skipped).</summary>
    /// <exception cref="FormatException">Fewer than two ids.</exception>
    public string[] ReadIds()
    {
        var ids = File.ReadLines(IdsFile!).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        return ids.Length >= 2 ? ids : throw new FormatException($"{IdsFile} holds fewer than two ids");
    }

    private static string Token(string value) => value.StartsWith('@') ? File.ReadAllText(value[1..]).Trim() : value.Trim();
}
