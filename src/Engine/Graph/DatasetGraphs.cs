using SocialCapital.Interchange;
using SocialCapital.Model;
using SocialCapital.Ties;

namespace SocialCapital.Graph;

/// <summary>Turns a loaded <see cref="Dataset"/> into its analysis snapshot. An extension here, not a member of
/// <see cref="Dataset"/>, so that the interchange stage does not depend on the graph stage.</summary>
public static class DatasetGraphs
{
    /// <summary>Builds the immutable analysis snapshot of a dataset.</summary>
    /// <param name="dataset">The validated dataset.</param>
    /// <param name="options">The analysis date and tie policy; defaults to today and <see cref="TiePolicy.Default"/>.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="DataValidationException">The tie policy names an attribute the dataset does not have, or the
    /// strengths of one contact's active ties add up to more than a double holds (each such tie named).</exception>
    public static SocialGraph ToGraph(this Dataset dataset, GraphOptions? options = null) =>
        SocialGraphBuilder.BuildValidated(dataset, options ?? GraphOptions.Default);
}
