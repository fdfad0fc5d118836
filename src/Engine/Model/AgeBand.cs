namespace SocialCapital.Model;

/// <summary>A person's age band, as written in <c>nodes.csv</c>.</summary>
public enum AgeBand : byte
{
    /// <summary>Not known (empty cell).</summary>
    Unknown,
    /// <summary>16 to 24 (<c>16-24</c>).</summary>
    Age16To24,
    /// <summary>25 to 34 (<c>25-34</c>).</summary>
    Age25To34,
    /// <summary>35 to 49 (<c>35-49</c>).</summary>
    Age35To49,
    /// <summary>50 to 64 (<c>50-64</c>).</summary>
    Age50To64,
    /// <summary>65 and over (<c>65+</c>).</summary>
    Age65Plus,
}
