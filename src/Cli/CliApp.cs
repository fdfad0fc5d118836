using System.CommandLine;
using SocialCapital.Cli.Commands;

namespace SocialCapital.Cli;

/// <summary>The <c>socialcapital</c> command tree. Each command parses its input, calls the engine and
/// renders the result; nothing else happens here.</summary>
internal static class CliApp
{
    public static RootCommand Build() => new("socialcapital: social-capital measures and reports for analysts.\n"
        + "Exit codes: 0 success, 1 bad command line, 2 invalid input data, 3 file not found or unreadable, 130 cancelled.")
    {
        MetricsCommand.Create(),
        TiesCommand.Create(),
        AreasCommand.Create(),
        GroupsCommand.Create(),
        GenerateCommand.Create(),
        MatchCommand.Create(),
        RecommendCommand.Create(),
        GroupsForCommand.Create(),
        DiversityCommand.Create(),
        IntroductionsCommand.Create(),
        AssignCommand.Create(),
        WhatIfCommand.Create(),
        TokenCommand.Create(),
    };
}
