namespace SocialCapital.Api.Contracts;

/// <summary>Who is signed in, as the API understands it.</summary>
/// <param name="Subject">The subject (the token's or session's <c>sub</c>; for a coach, their id in the data).</param>
/// <param name="Name">A display name (the provider's <c>name</c>, else the subject).</param>
/// <param name="Roles">The roles this API knows that the caller has.</param>
/// <param name="Areas">The areas whose individuals the caller may see; <c>["*"]</c> for every area.</param>
public sealed record SignedInUser(string Subject, string Name, IReadOnlyList<string> Roles, IReadOnlyList<string> Areas);

/// <summary>A development sign-in: who to be.</summary>
/// <param name="Role">coach, analyst or admin.</param>
/// <param name="Areas">Area codes, or <c>["*"]</c> for every area.</param>
/// <param name="Subject">Who you are in the data (e.g. a coach's id); default <c>dev-ROLE</c>.</param>
public sealed record DevSignInBody(string? Role, IReadOnlyList<string>? Areas, string? Subject);

/// <summary>The web session has ended.</summary>
/// <param name="Next">Where the browser goes next: the identity provider's end-session page (which signs out there too,
/// then comes back), or the app's signed-out page.</param>
public sealed record SignedOut(string Next);
