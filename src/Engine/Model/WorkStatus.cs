namespace SocialCapital.Model;

/// <summary>The work-status groups used by the <c>work_status</c> tie dimension, the E-I index and
/// work connectedness: employment statuses folded into in work, out of work, student, retired.</summary>
public enum WorkStatus : byte
{
    /// <summary>Employment not known.</summary>
    Unknown,
    /// <summary>Employed or self-employed.</summary>
    InWork,
    /// <summary>Unemployed or inactive.</summary>
    OutOfWork,
    /// <summary>A student.</summary>
    Student,
    /// <summary>Retired.</summary>
    Retired,
}
