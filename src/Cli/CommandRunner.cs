using System.CommandLine;
using SocialCapital.Interchange;
using SocialCapital.Metrics;
using SocialCapital.Model;

namespace SocialCapital.Cli;

/// <summary>Runs a command's body and turns the failures a user can cause into a clear message on standard
/// error and a documented exit code; a bug still surfaces as an unhandled exception.</summary>
internal static class CommandRunner
{
    public static void SetAction(Command command, Func<ParseResult, Terminal, CancellationToken, int> body) =>
        command.SetAction((parse, token) => Task.FromResult(Run(parse, body, token)));

    private static int Run(ParseResult parse, Func<ParseResult, Terminal, CancellationToken, int> body, CancellationToken token)
    {
        var console = Terminal.ForProcess(Terminal.ModeOf(parse));
        try
        {
            return body(parse, console, token);
        }
        catch (DataValidationException e)
        {
            console.Error.WriteLine(e.Message);
            return ExitCodes.InvalidData;
        }
        catch (InvalidOptionsException e)
        {
            console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is UnknownNodeException or WrongNodeKindException)
        {
            console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.InvalidData;
        }
        catch (EvidenceException e)
        {
            console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.InvalidData;
        }
        catch (InvalidInputException e)
        {
            console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.InvalidData;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.FileProblem;
        }
        catch (OperationCanceledException)
        {
            console.Error.WriteLine("cancelled.");
            return ExitCodes.Cancelled;
        }
    }
}
