namespace SocialCapital.TestSupport;

/// <summary>The dotnet host that runs child processes (the CLI, the API, the import child), so they run on the same
/// runtime as the tests.</summary>
public static class DotnetHost
{
    /// <summary>The host running these tests, else <c>dotnet</c> on the PATH.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        if (Environment.ProcessPath is { } path
            && System.IO.Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase)) return path;
        return "dotnet";
    }
}
