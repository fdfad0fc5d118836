using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SocialCapital.Neo4j.Tests.Cypher;

/// <summary>One statement to lint: what <c>tools/cypher-lint/lint.mjs</c> reads.</summary>
internal sealed record LintInput(string Name, string Text, IReadOnlyList<string> Parameters);

/// <summary>One error or warning, at a 1-based line and column of the statement's text.</summary>
internal sealed record LintFinding(string Message, int Line, int Column)
{
    public override string ToString() => $"{Message} (line {Line}, column {Column})";
}

/// <summary>What the linter found in one statement.</summary>
internal sealed record LintResult(string Name, IReadOnlyList<LintFinding> Errors, IReadOnlyList<LintFinding> Warnings);

/// <summary>Runs Neo4j's own Cypher parser and semantic analysis (<c>tools/cypher-lint</c>, a Node.js script over
/// the npm package <c>@neo4j-cypher/language-support</c>) on a batch of statements in one <c>node</c> process, and
/// installs its pinned npm packages first when they are missing or stale. Needs Node.js 20+ with npm on the PATH; without
/// them every call fails with a message saying so (it never skips).</summary>
internal static class CypherLinter
{
    private const string Package = "@neo4j-cypher/language-support";
    private const int MinimumNodeMajor = 20;
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan LintTimeout = TimeSpan.FromMinutes(2);
    private static readonly Encoding Utf8 = new UTF8Encoding(false);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // One install per test process; across processes, a lock file (see Install).
    private static readonly Lazy<Exception?> Installed = new(TryEnsureInstalled, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary><c>tools/cypher-lint</c> (absolute).</summary>
    public static string ToolFolder { get; } = Path.Combine(Repo.Root, "tools", "cypher-lint");

    private static string Script => Path.Combine(ToolFolder, "lint.mjs");
    private static string InstalledPackageJson => Path.Combine(ToolFolder, "node_modules", "@neo4j-cypher", "language-support", "package.json");
    // npm writes this last, so a half-finished install lacks it.
    private static string InstallMarker => Path.Combine(ToolFolder, "node_modules", ".package-lock.json");

    /// <summary>Lints the statements in one node process; the results come back in input order.</summary>
    public static IReadOnlyList<LintResult> Lint(IReadOnlyList<LintInput> inputs)
    {
        EnsureInstalled();
        var run = Run(NodeExecutable, [Script], JsonSerializer.Serialize(inputs, Json), LintTimeout);
        if (run.ExitCode != 0)
            throw new InvalidOperationException($"The Cypher linter could not run ({Describe(NodeExecutable, [Script])}).\n{run}");
        List<LintResult>? results;
        try
        {
            results = JsonSerializer.Deserialize<List<LintResult>>(run.StdOut, Json);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"The Cypher linter printed something other than its JSON results: {e.Message}\n{run}", e);
        }
        if (results is null || results.Count != inputs.Count
            || results.Where((r, i) => r.Name != inputs[i].Name || r.Errors is null || r.Warnings is null).Any())
            throw new InvalidOperationException($"The Cypher linter's results do not match its {inputs.Count} inputs.\n{run}");
        return results;
    }

    /// <summary>Makes sure <c>node_modules</c> holds the pinned version of the linter's package, running <c>npm ci</c>
    /// once if not; throws with a clear message when Node.js or npm is missing or the install fails.</summary>
    public static void EnsureInstalled()
    {
        if (Installed.Value is { } error)
            throw new InvalidOperationException(error.Message, error);
    }

    private static Exception? TryEnsureInstalled()
    {
        try
        {
            CheckNodeVersion();
            if (!IsInstalled()) Install();
            return null;
        }
#pragma warning disable CA1031 // any failure is kept and rethrown, with its message, by every test that needs the linter
        catch (Exception e)
#pragma warning restore CA1031
        {
            return e;
        }
    }

    private static void CheckNodeVersion()
    {
        var run = Run(NodeExecutable, ["--version"], null, TimeSpan.FromSeconds(30));
        var version = run.StdOut.Trim().TrimStart('v');
        var major = version.Split('.')[0];
        if (run.ExitCode != 0 || !int.TryParse(major, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            throw new InvalidOperationException($"`node --version` failed.\n{run}\n{InstallNodeHint}");
        if (number < MinimumNodeMajor)
            throw new InvalidOperationException($"Node.js {version} is too old for the Cypher linter. {InstallNodeHint}");
    }

    private static bool IsInstalled()
    {
        if (!File.Exists(InstallMarker) || !File.Exists(InstalledPackageJson)) return false;
        using var installed = JsonDocument.Parse(File.ReadAllText(InstalledPackageJson));
        return installed.RootElement.TryGetProperty("version", out var version) && version.GetString() == PinnedVersion();
    }

    private static string PinnedVersion()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(ToolFolder, "package.json")));
        return manifest.RootElement.GetProperty("dependencies").GetProperty(Package).GetString()
               ?? throw new InvalidOperationException($"tools/cypher-lint/package.json pins no version of {Package}.");
    }

    private static void Install()
    {
        // Another test process (or a developer's shell) may be installing too: npm ci first deletes node_modules, so
        // installs must not overlap. The lock file lives in the temp folder, one per repository clone.
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(ToolFolder)))[..16];
        var lockPath = Path.Combine(Path.GetTempPath(), $"socialcapital-cypher-lint-{key}.lock");
        using var gate = AcquireLock(lockPath, InstallTimeout);
        if (IsInstalled()) return; // installed by whoever held the lock before us

        string[] args = ["ci", "--prefix", ToolFolder, "--no-audit", "--no-fund"];
        var run = Run(NpmExecutable, args, null, InstallTimeout);
        if (run.ExitCode != 0 || !IsInstalled())
            throw new InvalidOperationException(
                $"Installing the Cypher linter failed ({Describe(NpmExecutable, args)}); it needs the npm registry.\n{run}");
    }

    private static FileStream AcquireLock(string path, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (clock.Elapsed < timeout)
            {
                Thread.Sleep(250);
            }
        }
    }

    private static string NodeExecutable => OperatingSystem.IsWindows() ? "node.exe" : "node";
    private static string NpmExecutable => OperatingSystem.IsWindows() ? "npm.cmd" : "npm";

    private const string InstallNodeHint =
        "The Cypher lint tests need Node.js 20 or later with npm on the PATH: install them (e.g. `apt-get install nodejs npm`, "
        + "or from nodejs.org) and run the tests again. See tools/cypher-lint/README.md.";

    private static string Describe(string file, IEnumerable<string> args) => string.Join(' ', args.Prepend(file));

    private static ProcessRun Run(string file, IReadOnlyList<string> args, string? stdin, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = Utf8,
            StandardOutputEncoding = Utf8,
            StandardErrorEncoding = Utf8,
            WorkingDirectory = ToolFolder,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);

        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"Could not start `{file}`: {e.Message}. {InstallNodeHint}", e);
        }
        using var started = process ?? throw new InvalidOperationException($"Could not start `{file}`. {InstallNodeHint}");
        var stdout = started.StandardOutput.ReadToEndAsync();
        var stderr = started.StandardError.ReadToEndAsync();
        try
        {
            if (stdin is not null) started.StandardInput.Write(stdin);
            started.StandardInput.Close();
        }
        catch (IOException)
        {
            // it ended without reading its input: its exit code and stderr say why
        }
        if (!started.WaitForExit(timeout))
        {
            started.Kill(entireProcessTree: true);
            started.WaitForExit();
            throw new TimeoutException($"`{Describe(file, args)}` did not end within {timeout.TotalSeconds} s");
        }
        started.WaitForExit(); // lets the redirected streams drain
        return new ProcessRun(started.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    private sealed record ProcessRun(int ExitCode, string StdOut, string StdErr)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{StdOut}\n--- stderr ---\n{StdErr}";
    }
}
