namespace SocialCapital.TestSupport;

/// <summary>Where the repository and its committed samples are.</summary>
public static class Repo
{
    /// <summary>The folder above the test binaries that holds SocialCapital.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A folder of <c>data-samples</c>, e.g. <c>toy</c> or <c>city-10k</c> (absolute).</summary>
    public static string Sample(string name) => Path.Combine(Root, "data-samples", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SocialCapital.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds SocialCapital.sln.");
    }
}
