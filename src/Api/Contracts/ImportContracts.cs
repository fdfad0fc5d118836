
namespace SocialCapital.Api.Contracts;

/// <summary>The JSON body of <c>POST /import</c>.</summary>
public sealed class ImportRequest
{
    /// <summary>The nodes, each with its id.</summary>
    public IReadOnlyList<PersonBody>? Nodes { get; set; }

    /// <summary>The ties.</summary>
    public IReadOnlyList<TieBody>? Ties { get; set; }
}

/// <summary>What an import stored.</summary>
/// <param name="Version">The new data version.</param>
/// <param name="Nodes">Nodes stored.</param>
/// <param name="Ties">Ties stored.</param>
public sealed record ImportResult(long Version, int Nodes, int Ties);
