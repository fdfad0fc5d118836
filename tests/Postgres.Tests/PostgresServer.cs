using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace SocialCapital.Postgres.Tests;

/// <summary>The PostgreSQL server the tests use: the one named by <c>SC_POSTGRES</c> (a connection string; .ci/run starts
/// one and sets it), else a private server this process starts (<c>initdb</c> into a temporary folder, run as the
/// <c>postgres</c> user when the process is root, on a free loopback port) and stops at exit. Each store gets a schema
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
        var bin = FindBinaries();
        if (bin is null) return (null, "PostgreSQL's initdb and pg_ctl were not found (pg_config --bindir, /usr/lib/postgresql/*/bin).");
        var root = Environment.UserName == "root";
        if (root && !UserExists("postgres")) return (null, "the process is root and there is no 'postgres' user to run the server as.");
        var folder = Path.Combine(Path.GetTempPath(), $"sc-postgres-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var data = Path.Combine(folder, "data");
        var sockets = Path.Combine(folder, "sockets");
        Directory.CreateDirectory(sockets);
        try
        {
            if (root) Run("chown", ["-R", "postgres:postgres", folder], asPostgres: false);
            Run(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale"], root);
            // The password role's logins are checked by password; every other loopback login is trusted.
            File.WriteAllText(Path.Combine(data, "pg_hba.conf"),
                $"host all {PasswordRole} 127.0.0.1/32 scram-sha-256\nhost all all 127.0.0.1/32 trust\nlocal all all trust\n");
            if (root) Run("chown", ["postgres:postgres", Path.Combine(data, "pg_hba.conf")], asPostgres: false);
            var port = FreePort();
            // fsync off: a test server's data need not survive a power cut, and the machine is shared.
            Run(Path.Combine(bin, "pg_ctl"), ["start", "-D", data, "-w", "-t", "60", "-l", Path.Combine(folder, "server.log"),
                "-o", $"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"], root);
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try
                {
                    Run(Path.Combine(bin, "pg_ctl"), ["stop", "-D", data, "-m", "fast", "-w"], root);
                }
                finally
                {
                    Directory.Delete(folder, recursive: true);
                }
            };
            var connectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true";
            using (var connection = new NpgsqlConnection(connectionString))
            {
                connection.Open();
                using var command = new NpgsqlCommand($"CREATE ROLE {PasswordRole} LOGIN PASSWORD '{RightPassword}'", connection);
                command.ExecuteNonQuery();
            }
            return (connectionString, null);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.ComponentModel.Win32Exception or NpgsqlException)
        {
            var log = Path.Combine(folder, "server.log");
            var tail = File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(10)) : "";
            return (null, $"the private server did not start: {e.Message} {tail}");
        }
    }

    private static string? FindBinaries()
    {
        try
        {
            var bin = Run("pg_config", ["--bindir"], asPostgres: false).Trim();
            if (File.Exists(Path.Combine(bin, "initdb"))) return bin;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // pg_config is in libpq-dev, which the server package does not need: look in Debian's folders instead.
        }
        return Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb"))).OrderByDescending(b => b, StringComparer.Ordinal).FirstOrDefault()
            : null;
    }

    private static bool UserExists(string name) => File.ReadLines("/etc/passwd").Any(l => l.StartsWith(name + ":", StringComparison.Ordinal));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs a program (as the postgres user when asked: PostgreSQL refuses to run as root) and returns its output.</summary>
    private static string Run(string program, string[] arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asPostgres) foreach (var a in new[] { "-u", "postgres", "--", program }) start.ArgumentList.Add(a);
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
