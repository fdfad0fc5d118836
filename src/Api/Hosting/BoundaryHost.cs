using SocialCapital.Interchange;
using SocialCapital.Model;

namespace SocialCapital.Api.Hosting;

/// <summary>The areas' boundaries (<c>areas.geojson</c>, docs/format.md), loaded once at start-up from
/// <c>Analysis:Boundaries</c> or from beside the seed dataset; none when neither has a file. Thread-safe: set once before
/// the server takes requests.</summary>
internal sealed class BoundaryHost
{
    /// <summary>The boundaries, or null when the deployment has none.</summary>
    public AreaBoundaries? Current { get; private set; }

    /// <summary>Reads the file: <paramref name="configured"/> (must exist) when given, else <paramref name="besideSeed"/> when it
    /// exists. A file that breaks the format stops start-up with every problem named; codes the data has no area for are
    /// logged (a live store's areas change, so they are no reason to refuse the file).</summary>
    /// <exception cref="StartupException">The configured file is missing, or a file breaks the format.</exception>
    public void Load(string? configured, string? besideSeed, IReadOnlyCollection<string> knownAreas, ILogger log)
    {
        var path = configured ?? besideSeed;
        if (path is null || (configured is null && !File.Exists(path)))
        {
            log.LogInformation("No area boundaries: set Analysis:Boundaries or put {File} beside the seed dataset for maps.", AreaBoundaries.FileName);
            return;
        }
        if (!File.Exists(path)) throw new StartupException($"Analysis:Boundaries names '{path}', which does not exist.");
        try
        {
            Current = AreaBoundaries.Load(path);
        }
        catch (DataValidationException e)
        {
            throw new StartupException($"The area boundaries {path} break the format (docs/format.md#areasgeojson-optional): {e.Message}", e);
        }
        var unknown = Current.UnknownAreas(knownAreas);
        if (unknown.Count > 0)
            log.LogWarning("The area boundaries {Path} name areas the data does not have: {Unknown}.", path, string.Join(", ", unknown));
        log.LogInformation("Area boundaries: {Count} areas from {Path}.", Current.Features.Count, path);
    }
}
