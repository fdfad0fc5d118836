namespace SocialCapital.Model;

/// <summary>A person's employment status, as written in <c>nodes.csv</c>.</summary>
public enum Employment : byte
{
    /// <summary>Not known (empty cell).</summary>
    Unknown,
    /// <summary>In paid employment (<c>employed</c>).</summary>
    Employed,
    /// <summary>Self-employed (<c>self_employed</c>).</summary>
    SelfEmployed,
    /// <summary>Out of work and looking (<c>unemployed</c>).</summary>
    Unemployed,
    /// <summary>Out of work and not looking (<c>inactive</c>).</summary>
    Inactive,
    /// <summary>In education (<c>student</c>).</summary>
    Student,
    /// <summary>Retired (<c>retired</c>).</summary>
    Retired,
}
