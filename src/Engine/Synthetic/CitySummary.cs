namespace SocialCapital.Synthetic;

/// <summary>What <see cref="CityGenerator.Generate"/> wrote.</summary>
/// <param name="Nodes">Rows of nodes.csv.</param>
/// <param name="Ties">Rows of ties.csv.</param>
/// <param name="People">Citizens, mentors and coaches.</param>
/// <param name="Areas">Areas.</param>
/// <param name="PersonTies">Person–person ties among <paramref name="Ties"/>.</param>
public sealed record CitySummary(int Nodes, long Ties, int People, int Areas, long PersonTies)
{
    /// <summary>Rows of proposals.csv; 0 without the lifecycle.</summary>
    public int Proposals { get; init; }

    /// <summary>Rows of status_history.csv; 0 without the lifecycle.</summary>
    public int StatusChanges { get; init; }

    /// <summary>Work Hubs; 0 without the coaching.</summary>
    public int Hubs { get; init; }

    /// <summary>Coaching ties (current and ended) among <see cref="Ties"/>.</summary>
    public int CoachingTies { get; init; }

    /// <summary>Rows of contacts.csv; 0 without the coaching.</summary>
    public long Contacts { get; init; }
}
