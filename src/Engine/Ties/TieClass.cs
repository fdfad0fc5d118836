namespace SocialCapital.Ties;

/// <summary>The social-capital class of a tie (Putnam 2000; Szreter &amp; Woolcock 2004). See docs/measures.md.</summary>
public enum TieClass : byte
{
    /// <summary>Between people alike on the policy's dimensions (bridging score below the threshold).</summary>
    Bonding,
    /// <summary>Across a social cleavage (bridging score at or above the threshold).</summary>
    Bridging,
    /// <summary>Across an institutional gradient of power: a linking tie kind or a linking node kind (a coach).</summary>
    Linking,
}

/// <summary>The wire names of tie classes, as CSV cells and JSON values write them.</summary>
public static class TieClassNames
{
    private static readonly string[] Names = ["bonding", "bridging", "linking"];

    /// <summary>The class's name: <c>bonding</c>, <c>bridging</c> or <c>linking</c>.</summary>
    /// <param name="tieClass">The class.</param>
    /// <returns>The name.</returns>
    public static string Name(this TieClass tieClass) => Names[(int)tieClass];
}
