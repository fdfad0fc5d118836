namespace SocialCapital.Model;

/// <summary>How a coach and a citizen met, as written in the <c>channel</c> column of <c>contacts.csv</c>.</summary>
public enum ContactChannel : byte
{
    /// <summary>Face to face (<c>in_person</c>).</summary>
    InPerson,
    /// <summary>A phone call (<c>phone</c>).</summary>
    Phone,
    /// <summary>A video call (<c>video</c>).</summary>
    Video,
    /// <summary>A written message (<c>message</c>).</summary>
    Message,
}
