using System.Diagnostics;
using Npgsql;
using Xunit;

namespace SocialCapital.TestSupport;

/// <summary>The PostgreSQL server the tests use: the one named by <c>SC_POSTGRES</c> (a connection string; .ci/run starts
/// one and sets it), else a private server this process starts (<c>initdb</c> into a temporary folder, run as the
/// <c>postgres</c> user when the process is root, on a free loopback port: scripts/postgres-server, as CI) and stops at exit. Each store gets a schema
/// of its own. Without a server the tests skip, saying why — except in CI (<c>CI</c> or <c>SC_REQUIRE_POSTGRES=1</c>),
/// where they fail.</summary>
public static class PostgresServer
{
    /// <summary>The role whose password the private server checks (every other loopback login is trusted), for the tests
    /// of a wrong password.</summary>
    public const string PasswordRole = "sc_password_check";

    /// <summary>That role's right password.</summary>
    public const string RightPassword = "right-horse-battery";

    private static readonly Lazy<(string? ConnectionString, string? Problem)> Server = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Whether the tests must have a server (CI): then a missing one fails them instead of skipping.</summary>
    public static bool Required =>
        Environment.GetEnvironmentVariable("SC_REQUIRE_POSTGRES") == "1"
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    /// <summary>The superuser connection string of the server; skips (or, in CI, fails) the test without one.</summary>
    public static string ConnectionString
    {
        get
        {
            var (connectionString, problem) = Server.Value;
            if (connectionString is not null) return connectionString;
            if (Required) throw new InvalidOperationException($"No PostgreSQL server for the tests (CI requires one): {problem}");
            throw new SkipException($"No PostgreSQL server: {problem} Set SC_POSTGRES to a connection string, or install PostgreSQL (apt-get install postgresql).");
        }
    }

    /// <summary>A connection string for a new, empty schema of its own.</summary>
    /// <returns>The string, with the schema as its search path.</returns>
    public static string NewSchema()
    {
        var schema = $"t_{Guid.NewGuid():N}";
        using (var connection = new NpgsqlConnection(ConnectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            command.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema }.ToString();
    }

    private static (string?, string?) Start()
    {
        if (Environment.GetEnvironmentVariable("SC_POSTGRES") is { Length: > 0 } given) return (given, null);
        // The same server CI starts, by the same script (initdb, the postgres user when root, a free port, trust on
        // loopback but for the password role). fsync off: a test server's data need not survive a power cut.
        var script = Path.Combine(Repo.Root, "scripts", "postgres-server");
        var folder = Path.Combine(Path.GetTempPath(), $"sc-postgres-{Guid.NewGuid():N}");
        try
        {
            var connectionString = Run("bash", [script, "start", folder, "-c", "fsync=off"]).Trim();
            // Stopped by a process of its own session: the test host may be ended before a stop it waited for finished
            // (which left the folder half deleted), and the stop must not die with it.
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                var stop = new ProcessStartInfo("setsid") { UseShellExecute = false };
                foreach (var a in new[] { "bash", script, "stop", folder }) stop.ArgumentList.Add(a);
                using var process = Process.Start(stop);
                process?.WaitForExit(TimeSpan.FromSeconds(2)); // usually done by then; if not, it finishes on its own
            };
            return (connectionString, null);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            try
            {
                Run("bash", [script, "stop", folder]);
            }
            catch (InvalidOperationException)
            {
                // Nothing was started.
            }
            return (null, $"the private server did not start ({e.Message.Trim()}).");
        }
    }

    /// <summary>Runs a program and returns its output.</summary>
    private static string Run(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {error.Result}");
        return output;
    }
}
