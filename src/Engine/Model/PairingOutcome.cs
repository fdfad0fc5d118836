namespace SocialCapital.Model;

/// <summary>How a mentoring pairing ended, as written in the <c>outcome</c> column of <c>ties.csv</c>.</summary>
public enum PairingOutcome : byte
{
    /// <summary>The pairing ran its course (<c>completed</c>).</summary>
    Completed,
    /// <summary>The pairing stopped before its planned end (<c>ended_early</c>); the reason says why.</summary>
    EndedEarly,
}
