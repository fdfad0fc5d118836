
namespace SocialCapital.Api.Contracts;

/// <summary>Suggestions for one person.</summary>
/// <param name="Person">Whom they are for.</param>
/// <param name="Items">Best first.</param>
public sealed record SuggestionList<T>(string Person, IReadOnlyList<T> Items);
