namespace SocialCapital.Metrics;

/// <summary>A person and someone at distance exactly two from them (a contact of a contact who is not a contact), with
/// the contacts they share and the Jaccard similarity of their contacts (<see cref="JaccardSimilarity"/>).</summary>
/// <param name="Person">The person's node index in the snapshot (<c>graph.Id(Person)</c> is the id; snapshot-local, so
/// never written to files or JSON: the id overload of <see cref="JaccardSimilarity.AtDistanceTwo(Graph.SocialGraph, string)"/>
/// pairs each result with the other person's id).</param>
/// <param name="Other">The other person's node index in the snapshot.</param>
/// <param name="CommonContacts">|N(person) ∩ N(other)|, the contacts they share (at least 1): the common-neighbours
/// link-prediction score.</param>
/// <param name="TotalContacts">|N(person) ∪ N(other)|, the people in contact with either (Neo4j GDS's "total
/// neighbours").</param>
public readonly record struct JaccardPair(int Person, int Other, int CommonContacts, int TotalContacts)
{
    /// <summary>The Jaccard similarity <see cref="CommonContacts"/> / <see cref="TotalContacts"/>, in (0, 1] (computed on
    /// each read; 0 for a default instance, as networkx gives for two people without contacts).</summary>
    public double Jaccard => TotalContacts == 0 ? 0 : (double)CommonContacts / TotalContacts;
}
