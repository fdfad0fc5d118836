using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace SocialCapital.Api.Tests.Infrastructure;

/// <summary>The API started as a real process (<c>dotnet SocialCapital.Api.dll --urls …</c>, built beside the tests
/// because of the project reference) on a free local port, with its standard streams captured. Disposing kills the
/// whole process tree and waits for it to end.</summary>
internal sealed partial class ApiProcess : IDisposable
{
    private static readonly Encoding Utf8 = new UTF8Encoding(false);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();

    private ApiProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public static string ApiDll { get; } = Path.Combine(AppContext.BaseDirectory, "SocialCapital.Api.dll");

    public Uri Address { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string StdOut => string.Join('\n', _stdout);

    public string StdErr => string.Join('\n', _stderr);

    /// <summary>Starts the API with these environment variables (others that could steer it are removed).</summary>
    public static ApiProcess Start(IReadOnlyDictionary<string, string> environment)
    {
        Assert.True(File.Exists(ApiDll), $"The API is not built beside the tests: {ApiDll}");
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo(DotnetHost.Path)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Utf8,
            StandardErrorEncoding = Utf8,
            WorkingDirectory = AppContext.BaseDirectory, // the content root: appsettings.json is copied here
        };
        start.ArgumentList.Add(ApiDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address.ToString().TrimEnd('/'));
        foreach (var name in start.Environment.Keys.ToArray())
            if (name.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase) || name.StartsWith("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)
                || name.Contains("__", StringComparison.Ordinal))
                start.Environment.Remove(name);
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (name, value) in environment) start.Environment[name] = value;

        var process = new Process { StartInfo = start };
        var api = new ApiProcess(process, address);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) api._stdout.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) api._stderr.Enqueue(e.Data); };
        if (!process.Start()) throw new InvalidOperationException("could not start the API process");
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return api;
    }

    /// <summary>Polls <c>/health/ready</c> until it answers 200; fails with the output if the process ends first or
    /// <paramref name="timeout"/> passes.</summary>
    public async Task WaitUntilReadyAsync(HttpClient client, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited) throw new Xunit.Sdk.XunitException($"The API ended before it was ready.\n{this}");
            try
            {
                using var response = await client.GetAsync(new Uri(Address, "/health/ready"));
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        throw new Xunit.Sdk.XunitException($"The API was not ready within {timeout.TotalSeconds:0} s.\n{this}");
    }

    /// <summary>The development tokens printed at start-up, by role; waits for all three lines.</summary>
    public async Task<IReadOnlyDictionary<string, string>> DevelopmentTokensAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var tokens = _stdout.Select(l => TokenLine().Match(l)).Where(m => m.Success)
                .ToDictionary(m => m.Groups["role"].Value, m => m.Groups["token"].Value, StringComparer.Ordinal);
            if (tokens.Count == 3) return tokens;
            if (clock.Elapsed > timeout || _process.HasExited)
                throw new Xunit.Sdk.XunitException($"The API did not print three development tokens.\n{this}");
            await Task.Delay(100);
        }
    }

    /// <summary>Waits for the process to end by itself.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout)) return false;
        _process.WaitForExit(); // lets the redirected streams drain
        return true;
    }

    /// <summary>Kills the process tree and waits for it to end.</summary>
    public void Stop()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
            throw new Xunit.Sdk.XunitException($"The API process {_process.Id} did not end after it was killed.");
        _process.WaitForExit();
    }

    public void Dispose()
    {
        try
        {
            Stop();
        }
        finally
        {
            _process.Dispose();
        }
    }

    public override string ToString() =>
        $"--- stdout ---\n{Http.Cut(StdOut)}\n--- stderr ---\n{Http.Cut(StdErr)}";

    [GeneratedRegex(@"^\s{2}(?<role>coach|analyst|admin)\s+(?<token>eyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+)\s*$")]
    private static partial Regex TokenLine();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
