using System.CommandLine;
using SocialCapital.Cli.Output;
using SocialCapital.Graph;

namespace SocialCapital.Cli.Commands;

/// <summary>The shape every analysis command shares: read DIR into a snapshot (with --policy and --as-of),
/// compute rows, print them (with --format and --out).</summary>
internal static class ReportCommand
{
    public static Command Create<T>(string name, string description, IReadOnlyList<Column<T>> columns,
        Func<SocialGraph, ParseResult, Terminal, CancellationToken, IEnumerable<T>> compute, params Option[] extraOptions) =>
        Create(name, description, _ => columns, compute, extraOptions);

    /// <summary>As above, with the columns chosen by the command line (<c>areas --by</c> adds a group column).</summary>
    public static Command Create<T>(string name, string description, Func<ParseResult, IReadOnlyList<Column<T>>> columns,
        Func<SocialGraph, ParseResult, Terminal, CancellationToken, IEnumerable<T>> compute, params Option[] extraOptions)
    {
        var common = new CommonOptions();
        var command = new Command(name, description);
        common.AddTo(command);
        foreach (var option in extraOptions) command.Add(option);
        CommandRunner.SetAction(command, (parse, console, token) =>
        {
            var graph = common.LoadGraph(parse, console);
            Printer.Print(compute(graph, parse, console, token), columns(parse), parse, common);
            return ExitCodes.Success;
        });
        return command;
    }
}
