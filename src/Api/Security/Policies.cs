using SocialCapital.Security;

namespace SocialCapital.Api;

/// <summary>Who may call what. <c>admin</c> may do everything; analysts never see an individual.</summary>
internal static class Policies
{
    /// <summary>People, capital, matches, recommendations: coaches and admins.</summary>
    public const string Coach = "coach-work";

    /// <summary>Area and group aggregates: analysts and admins.</summary>
    public const string Analyst = "analyst-work";

    /// <summary>What-if (aggregates): coaches, analysts and admins.</summary>
    public const string Planner = "planning";

    /// <summary>Writes, import and export: admins.</summary>
    public const string Admin = "admin-work";

    /// <summary>The roles a policy admits, in words.</summary>
    public static string Describe(string? policy) => policy switch
    {
        Coach => "the coach or admin role",
        Analyst => "the analyst or admin role",
        Planner => "the coach, analyst or admin role",
        Admin => "the admin role",
        _ => "another role",
    };

    public static void Add(Microsoft.AspNetCore.Authorization.AuthorizationBuilder builder) => builder
        .AddPolicy(Coach, p => p.RequireRole(ApiTokens.Coach, ApiTokens.Admin))
        .AddPolicy(Analyst, p => p.RequireRole(ApiTokens.Analyst, ApiTokens.Admin))
        .AddPolicy(Planner, p => p.RequireRole(ApiTokens.Coach, ApiTokens.Analyst, ApiTokens.Admin))
        .AddPolicy(Admin, p => p.RequireRole(ApiTokens.Admin));
}
