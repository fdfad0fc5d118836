namespace SocialCapital.Cli;

/// <summary>The process exit codes, documented in docs/cli.md.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Usage = 1; // System.CommandLine's own code for a bad command line
    public const int InvalidData = 2;
    public const int FileProblem = 3;
    public const int Cancelled = 130;
}
