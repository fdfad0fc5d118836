using System.Diagnostics;
using System.Text;

namespace SocialCapital.Sqlite.Tests;

/// <summary>The crash-safety test's child: <c>dotnet SocialCapital.Sqlite.ImportChild.dll DB DIR</c> (built beside
/// the tests), which imports a dataset folder into a store, saying "importing" when it begins; or, with
/// <c>--hold-write-lock</c> for DIR, takes the store's write lock, says "locked" and holds it until killed.</summary>
internal sealed class ImportChildProcess : IDisposable
{
    private static readonly string ChildDll = Path.Combine(AppContext.BaseDirectory, "SocialCapital.Sqlite.ImportChild.dll");
    private readonly Process _process;
    private readonly Task<string> _stderr;

    private ImportChildProcess(Process process)
    {
        _process = process;
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public static ImportChildProcess Start(string database, string datasetFolder)
    {
        Assert.True(File.Exists(ChildDll), $"The import child is not built beside the tests: {ChildDll}");
        var start = new ProcessStartInfo(DotnetHost.Path)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(ChildDll);
        start.ArgumentList.Add(database);
        start.ArgumentList.Add(datasetFolder);
        start.Environment["DOTNET_NOLOGO"] = "1";
        return new ImportChildProcess(Process.Start(start) ?? throw new InvalidOperationException("could not start the import child"));
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Waits for the next line the child prints (null when it ends first).</summary>
    public async Task<string?> ReadLineAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        return await _process.StandardOutput.ReadLineAsync(cancellation.Token);
    }

    /// <summary>Kills the child (and anything it started) at once, as a crash would, and waits for it to be gone.</summary>
    public void Kill()
    {
        try { _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { } // it had already exited
        _process.WaitForExit();
    }

    /// <summary>Waits for the child to end by itself and returns its exit code and standard error.</summary>
    public async Task<(int ExitCode, string StdErr)> WaitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
        return (_process.ExitCode, await _stderr);
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }
}
