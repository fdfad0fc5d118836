using SocialCapital.Metrics;

namespace SocialCapital.Api.Contracts;

/// <summary>A person's brokerage roles under a grouping (<c>GET /people/{id}/brokerage</c>).</summary>
/// <param name="Grouping">The grouping the roles are counted under (the <c>group</c> parameter).</param>
/// <param name="Roles">The person's counts; null counts when the person's group is unknown.</param>
public sealed record PersonBrokerageView(string Grouping, PersonBrokerage Roles);

/// <summary>Brokerage per area for analysts (<c>GET /areas/brokerage</c>): aggregates only, small areas suppressed.</summary>
/// <param name="Grouping">The grouping the roles are counted under (the <c>group</c> parameter).</param>
/// <param name="Areas">One row per area of the caller's, ordered by code.</param>
public sealed record AreaBrokerageList(string Grouping, IReadOnlyList<AreaBrokerage> Areas);
