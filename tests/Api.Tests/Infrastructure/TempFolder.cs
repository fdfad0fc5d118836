namespace SocialCapital.Api.Tests.Infrastructure;

/// <summary>A unique folder under the system temp folder, deleted with everything in it on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateDirectory(
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), "socialcapital-api-tests", Guid.NewGuid().ToString("N"))).FullName;

    /// <summary>A path inside the folder (nothing is created).</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a temp folder left behind must not fail a test
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
