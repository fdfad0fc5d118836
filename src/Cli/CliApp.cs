using System.CommandLine;
using System.CommandLine.Help;
using SocialCapital.Cli.Commands;

namespace SocialCapital.Cli;

/// <summary>The <c>socialcapital</c> command tree. Each command parses its input, calls the engine and
/// renders the result; nothing else happens here. The root is a command named <c>socialcapital</c> (with the help and
/// version options a <see cref="RootCommand"/> has) rather than a <see cref="RootCommand"/>, whose name is the executable's
/// (<c>SocialCapital.Cli</c> under <c>dotnet</c>), so every usage line says <c>socialcapital</c>.</summary>
internal static class CliApp
{
    public const string Name = "socialcapital";

    public static Command Build() => new(Name, "socialcapital: social-capital measures and reports for analysts.\n"
        + "Rows are ordered by id in ordinal (character code) order: p10 sorts before p2, so pad ids to one width (p02, p10) "
        + "to read them in number order.\n"
        + "--out FILE writes the format its extension names (.csv, .json; a table otherwise) unless --format says.\n"
        + "Exit codes: 0 success, 1 bad command line, 2 invalid input data, 3 file not found or unreadable, 130 cancelled.")
    {
        new HelpOption(),
        new VersionOption(),
        Terminal.ProgressOption,
        MetricsCommand.Create(),
        BrokerageCommand.Create(),
        TiesCommand.Create(),
        BetweennessCommand.Create(),
        CommunitiesCommand.Create(),
        AreasCommand.Create(),
        GroupsCommand.Create(),
        GenerateCommand.Create(),
        MatchCommand.Create(),
        RecommendCommand.Create(),
        GroupsForCommand.Create(),
        DiversityCommand.Create(),
        IntroductionsCommand.Create(),
        AssignCommand.Create(),
        AssignCoachesCommand.Create(),
        RoundCommand.Create(),
        ProgrammeCommand.Create(),
        EvidenceCommand.Create(),
        CaseloadCommand.Create(),
        WhatIfCommand.Create(),
        SnapshotCommand.Create(),
        TrendsCommand.Create(),
        TokenCommand.Create(),
    };
}
