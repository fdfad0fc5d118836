namespace SocialCapital.Recommendations;

/// <summary>An allowed (citizen, mentor) pair — every hard rule already applied — with its match score in [0, 1].</summary>
internal readonly record struct Candidate(int Citizen, int Mentor, double Score);

/// <summary>A cohort assignment problem: citizens <c>0..Citizens−1</c>, mentors <c>0..MentorCapacity.Length−1</c>.</summary>
/// <param name="Citizens">Number of citizens.</param>
/// <param name="MentorCapacity">Places of each mentor (≥ 0).</param>
/// <param name="Candidates">The allowed pairs, in any order; of repeated pairs the highest score counts.</param>
/// <param name="MaxPerCitizen">Most mentors one citizen may get (≥ 1).</param>
/// <param name="CitizenWeight">Need weight of each citizen (finite, ≥ 0); <see langword="null"/> for all 1.</param>
internal sealed record AssignmentProblem(
    int Citizens,
    int[] MentorCapacity,
    IReadOnlyList<Candidate> Candidates,
    int MaxPerCitizen = 1,
    double[]? CitizenWeight = null);

/// <summary>The chosen pairs, ordered by citizen then mentor, with Σ score and Σ weight·score over them.</summary>
internal sealed record AssignmentSolution(IReadOnlyList<Candidate> Pairs, double TotalScore, double TotalWeightedScore);
