using System.CommandLine;
using System.Globalization;
using SocialCapital.Cli.Output;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Model;
using SocialCapital.Recommendations;
using SocialCapital.Storage;

namespace SocialCapital.Cli.Commands;

/// <summary><c>socialcapital round DIR</c>: a matching round — proposals for waiting citizens, written into
/// DIR/proposals.csv.</summary>
internal static class RoundCommand
{
    /// <summary>A new proposal as printed (the columns of <see cref="ProposalRecord"/> a round sets).</summary>
    internal readonly record struct NewProposal(string Id, string Citizen, string Mentor, DateOnly Proposed, DateOnly Expires);

    public static readonly IReadOnlyList<Column<NewProposal>> Columns =
    [
        Column.Of<NewProposal>(p => p.Id),
        Column.Of<NewProposal>(p => p.Citizen),
        Column.Of<NewProposal>(p => p.Mentor),
        Column.Of<NewProposal, DateOnly>(p => p.Proposed, d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        Column.Of<NewProposal, DateOnly>(p => p.Expires, d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
    ];

    public static Command Create()
    {
        var common = new CommonOptions();
        var citizens = new Option<FileInfo?>("--citizens")
        {
            Description = "The round's citizens: one citizen id per line (a first line 'id' or 'citizen' is a header, so a one-column "
                + "CSV with header 'citizen' reads too). Listed citizens with a mentor or a pending proposal are reported, not proposed. "
                + "Default: every waiting citizen (no current mentor, no pending proposal).",
        };
        var anyArea = new Option<bool>("--any-area") { Description = "Allow mentors from other areas (default: same area only)." };
        var expires = new Option<int>("--expires-in-days")
        {
            Description = "Days until a proposal expires if undecided (its place is then free again).",
            DefaultValueFactory = _ => RoundOptions.Default.ExpiresInDays,
        };
        var waitingWeight = new Option<double>("--waiting-weight")
        {
            Description = "Priority for waiting: a citizen's weight is 1 + this x days waited / 30 (0 ignores waiting).",
            DefaultValueFactory = _ => RoundOptions.Default.WaitingWeight,
        };
        var proposedBy = new Option<string?>("--proposed-by") { Description = "The coach id recorded as making the proposals." };
        EngineRules.Check(expires, nameof(RoundOptions.ExpiresInDays), v => new RoundOptions { ExpiresInDays = v }.Validate());
        EngineRules.Check(waitingWeight, nameof(RoundOptions.WaitingWeight), v => new RoundOptions { WaitingWeight = v }.Validate());
        EngineRules.Check(proposedBy, nameof(RoundOptions.ProposedBy), v => new RoundOptions { ProposedBy = v }.Validate());

        var command = new Command("round",
            "Run a matching round: one mentor proposal each for waiting citizens, at most every mentor's free places "
            + "(capacity - current mentees - pending proposals), exactly optimally: first as many proposals as possible, then "
            + "the highest total of match score x waiting weight, so those who have waited longest win contested places; a pair "
            + "declined before is never proposed. Proposals past their expiry day on the round's date (--as-of) are first "
            + "marked expired. Writes the dataset back with the new proposals in DIR/proposals.csv; prints the new proposals "
            + "(id,citizen,mentor,proposed,expires) and, on standard error, proposals per mentor and who is left waiting.");
        common.AddTo(command);
        command.Add(citizens);
        command.Add(anyArea);
        command.Add(expires);
        command.Add(waitingWeight);
        command.Add(proposedBy);
        CommandRunner.SetAction(command, (parse, console, token) =>
        {
            var folder = parse.GetRequiredValue(common.Dataset).FullName;
            // A round writes its proposals back into the folder; a snapshot file is a read-only copy of one.
            if (File.Exists(folder))
                throw new InvalidInputException($"'{folder}' is a file: a round writes its proposals back into the dataset folder, so give the folder, not a snapshot file.");
            var input = common.Open(parse, console);
            var dataset = input.Dataset(console);
            var graphOptions = common.GraphOptions(parse, input);
            var day = graphOptions.AsOf ?? DateOnly.FromDateTime(DateTime.UtcNow);
            graphOptions = graphOptions with { AsOf = day };

            // Expiry on the round's date first: the places are free either way; the file then says so.
            var expired = MatchingRound.Expire(dataset.Proposals, day);
            if (expired.Count > 0) dataset = DatasetEdits.UpsertProposals(dataset, expired).Dataset;
            var graph = dataset.ToGraph(graphOptions);
            var result = MatchingRound.Propose(graph, dataset.Proposals, new RoundOptions
            {
                Citizens = parse.GetValue(citizens) is { } file ? AssignCommand.ReadCohort(file, graph) : null,
                ExpiresInDays = parse.GetValue(expires),
                WaitingWeight = parse.GetValue(waitingWeight),
                ProposedBy = parse.GetValue(proposedBy),
                Match = new MatchOptions { AnyArea = parse.GetValue(anyArea) },
                CancellationToken = token,
            });
            token.ThrowIfCancellationRequested();
            if (result.Proposals.Count > 0 || expired.Count > 0)
            {
                console.Status($"writing {Path.Combine(folder, "proposals.csv")}");
                // The interchange writer writes proposals.csv (and nodes.csv, ties.csv) each through a temporary file.
                DatasetEdits.UpsertProposals(dataset, result.Proposals).Dataset.Save(folder);
            }
            Summarise(console, result, expired.Count);
            Printer.Print(result.Proposals.Select(p => new NewProposal(p.Id, p.Citizen, p.Mentor, p.Proposed, p.Expires)), Columns, parse, common);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Summarise(Terminal console, RoundResult result, int expired)
    {
        var error = console.Error;
        var waiting = result.Proposals.Count + result.Waiting.Count;
        error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"proposed {result.Proposals.Count:N0} of {waiting:N0} waiting citizens, {result.Waiting.Count:N0} left waiting, "
            + $"{result.NotWaiting.Count:N0} listed but not waiting, {expired:N0} earlier proposals expired"));
        foreach (var mentor in result.Proposals.GroupBy(p => p.Mentor, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  mentor {mentor.Key}: {mentor.Count()} proposal{(mentor.Count() == 1 ? "" : "s")}"));
        foreach (var u in result.Unproposed.Take(10)) error.WriteLine($"  waiting {u.Citizen} ({result.WaitedDays[u.Citizen]} days): {u.Reason}");
        if (result.Unproposed.Count > 10) error.WriteLine($"  … {result.Unproposed.Count - 10:N0} more waiting");
        foreach (var u in result.NotWaiting.Take(10)) error.WriteLine($"  not waiting {u.Citizen}: {u.Reason}");
        if (result.NotWaiting.Count > 10) error.WriteLine($"  … {result.NotWaiting.Count - 10:N0} more not waiting");
    }
}
