using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using SocialCapital.Interchange;
using SocialCapital.Synthetic;

namespace SocialCapital.Cli.Commands;

/// <summary><c>socialcapital generate OUTDIR --people N</c>: writes a synthetic city in the interchange format.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var defaults = new CityOptions();
        var outDir = new Argument<DirectoryInfo>("OUTDIR")
        {
            Description = "Folder to write nodes.csv, ties.csv, proposals.csv, status_history.csv, contacts.csv and areas.geojson into (created when missing).",
        };
        var people = new Option<int>("--people") { Description = "Number of people (citizens, mentors, coaches), at least 10.", Required = true };
        var areas = new Option<int?>("--areas") { Description = "Number of areas (default: one per 2,000 people, at least 3)." };
        var seed = new Option<int>("--seed") { Description = "Seed: the same options give identical files.", DefaultValueFactory = _ => defaults.Seed };
        var homophily = new Option<double>("--homophily")
        {
            Description = "0 to 1: how strongly people connect within their area and with people alike in work status, SES and age.",
            DefaultValueFactory = _ => defaults.Homophily,
        };
        var contacts = new Option<double>("--mean-contacts") { Description = "Mean person-person contacts per person.", DefaultValueFactory = _ => defaults.MeanContacts };
        var effect = new Option<double?>("--effect")
        {
            Description = "0 to 1: plant an effect of in-work contacts on moving into work: for a citizen out of work six months ago, "
                + "each in-work contact then multiplies the odds of moving into work within six months by 1 + EFFECT (a logistic model "
                + "with age band, SES band, area and time out of work; the model `evidence` fits); nodes.csv has the status after "
                + "(docs/generator.md). 0 plants a placebo. Default: none planted.",
        };
        var noLifecycle = new Option<bool>("--no-lifecycle")
        {
            Description = "Write only nodes.csv and ties.csv (six columns), without proposals, pairing outcomes and employment history.",
        };
        var noCoaching = new Option<bool>("--no-coaching")
        {
            Description = "Leave out the coaching service: no Work Hubs, coach specialisms and capacities, citizens' needs, "
                + "coach changes or contacts.csv; coaching ties as drawn without it (docs/generator.md).",
        };
        var force = new Option<bool>("--force") { Description = "Replace the files if OUTDIR already has them." };

        var command = new Command("generate",
            "Generate a synthetic city: citizens, mentors, coaches, employers and peer groups with every tie kind, "
            + "UK-like employment and homophily by area, work status, SES and age (model: docs/generator.md). "
            + "Deterministic for a seed; streams to disk.")
        {
            outDir, people, areas, seed, homophily, contacts, effect, noLifecycle, noCoaching, force,
        };
        CityOptions Options(Func<Option<int>, int> integer, Func<Option<int?>, int?> optional, Func<Option<double>, double> real,
            Func<Option<double?>, double?> optionalReal, Func<Option<bool>, bool> flag) => new()
        {
            People = integer(people),
            Areas = optional(areas),
            Seed = integer(seed),
            Homophily = real(homophily),
            MeanContacts = real(contacts),
            Effect = optionalReal(effect),
            Lifecycle = !flag(noLifecycle),
            Coaching = !flag(noCoaching),
        };
        // The engine's rule (CityOptions.Validate), reported under each flag's name at parse time.
        var flags = new Dictionary<string, string>
        {
            [nameof(CityOptions.People)] = people.Name, [nameof(CityOptions.Areas)] = areas.Name,
            [nameof(CityOptions.Homophily)] = homophily.Name, [nameof(CityOptions.MeanContacts)] = contacts.Name,
            [nameof(CityOptions.Effect)] = effect.Name,
        };
        command.Validators.Add(r =>
        {
            foreach (var problem in Options(o => Given(r, o), o => Given(r, o), o => Given(r, o), o => Given(r, o), o => Given(r, o)).Validate())
                r.AddError($"{flags[problem.Option]} {problem.Reason}.");
        });
        CommandRunner.SetAction(command, (parse, console, token) =>
        {
            var folder = parse.GetRequiredValue(outDir).FullName;
            var existing = new[] { DatasetReader.NodesFileName, DatasetReader.TiesFileName, DatasetReader.ProposalsFileName, DatasetReader.StatusHistoryFileName, DatasetReader.ContactsFileName, AreaBoundaries.FileName }.Where(f => File.Exists(Path.Combine(folder, f))).ToArray();
            if (existing.Length > 0 && !parse.GetValue(force))
            {
                console.Error.WriteLine($"error: {folder} already has {string.Join(", ", existing)}; pass --force to replace them.");
                return ExitCodes.FileProblem;
            }
            var options = Options(o => parse.GetValue(o), o => parse.GetValue(o), o => parse.GetValue(o), o => parse.GetValue(o), o => parse.GetValue(o));
            console.Status($"generating {options.People:N0} people into {folder}");
            var summary = CityGenerator.Generate(folder, options, console.Progress("generating"), token);
            var lifecycle = options.Lifecycle
                ? string.Create(CultureInfo.InvariantCulture, $", {summary.Proposals:N0} proposals and {summary.StatusChanges:N0} status changes")
                : "";
            var coaching = options.Coaching
                ? string.Create(CultureInfo.InvariantCulture, $", {summary.Hubs:N0} hubs, {summary.CoachingTies:N0} coaching ties and {summary.Contacts:N0} contacts")
                : "";
            console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {summary.Nodes:N0} nodes ({summary.People:N0} people in {summary.Areas:N0} areas), {summary.Ties:N0} ties ({summary.PersonTies:N0} between people){lifecycle}{coaching} to {folder}"));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>An option's value while the command is validated: what was given, else its default (a command's
    /// validator sees no value for an option that was left out).</summary>
    private static T Given<T>(CommandResult result, Option<T> option) =>
        result.GetResult(option) is { Implicit: false } given ? given.GetValueOrDefault<T>()
        : option.HasDefaultValue ? (T)option.GetDefaultValue()! : default!;
}
