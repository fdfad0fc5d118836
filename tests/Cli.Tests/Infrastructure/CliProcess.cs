using System.Diagnostics;
using System.Text;

namespace SocialCapital.Cli.Tests.Infrastructure;

/// <summary>What one run of the CLI process gave back.</summary>
internal sealed record CliResult(int ExitCode, string StdOut, string StdErr)
{
    /// <summary>Everything, for assertion messages.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{StdOut}\n--- stderr ---\n{StdErr}";
}

/// <summary>Starts the real <c>socialcapital</c> CLI (<c>dotnet SocialCapital.Cli.dll ...</c>, built beside the
/// tests) as a separate process, with redirected standard streams and a timeout. No mocks.</summary>
internal static class CliProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly Encoding Utf8 = new UTF8Encoding(false);

    public static string CliDll { get; } = Path.Combine(AppContext.BaseDirectory, "SocialCapital.Cli.dll");

    /// <summary>Runs the CLI with these arguments and waits for it to end.</summary>
    public static CliResult Run(params string[] args)
    {
        Assert.True(File.Exists(CliDll), $"The CLI is not built beside the tests: {CliDll}");
        var start = new ProcessStartInfo(DotnetHost.Path)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Utf8,
            StandardErrorEncoding = Utf8,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(CliDll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the CLI");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"socialcapital {string.Join(' ', args)} did not end within {Timeout.TotalSeconds} s");
        }
        process.WaitForExit(); // lets the redirected streams drain
        return new CliResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}
