using SocialCapital.Model;
using System.Text;
using CsvHelper;
using SocialCapital.Interchange;

namespace SocialCapital.Synthetic;

/// <summary>Generates a realistic synthetic city in the interchange format: citizens, mentors, coaches,
/// employers and peer groups in areas of varying deprivation, with every tie kind, and (by default) its mentoring
/// programme's proposals and pairing outcomes and its people's employment history, optionally with a planted effect of
/// in-work contacts on moving into work (<see cref="CityOptions.Effect"/>), and (by default) its coaching service: Work
/// Hubs, coaches' specialisms and capacities, citizens' needs, coaching episodes with coach changes and their meetings
/// (<see cref="CityOptions.Coaching"/>). People are drawn from
/// UK-like age and employment distributions; contacts follow a degree-corrected model (Chung–Lu propensities)
/// with homophily by area, work status, SES band and age band controlled by one parameter. The model and the
/// statistics its defaults follow are in docs/generator.md. Deterministic for a seed: <see cref="Generate"/> (rows
/// streamed to disk, so memory stays at a few arrays per person) and <see cref="Create"/> (records in memory) make
/// the same city. Thread-safe: each call has its own state.</summary>
public static partial class CityGenerator
{
    /// <summary>Writes <c>nodes.csv</c>, <c>ties.csv</c> and the areas' synthetic boundaries <c>areas.geojson</c> of a
    /// generated city into a folder (replacing them), with
    /// <see cref="CityOptions.Lifecycle"/> its <c>proposals.csv</c> and <c>status_history.csv</c>, and with
    /// <see cref="CityOptions.Coaching"/> its <c>contacts.csv</c> (without them, removes those files when the folder has
    /// them: they would belong to another city).</summary>
    /// <param name="directory">The folder; created when missing.</param>
    /// <param name="options">The city's parameters; defaults to a 10,000-people city.</param>
    /// <param name="progress">Receives the fraction done, from 0 to 1.</param>
    /// <param name="cancellationToken">Stops the generation; nothing is left in the folder.</param>
    /// <returns>What was written.</returns>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is null or blank.</exception>
    /// <exception cref="InvalidOptionsException">An option is out of range (<see cref="CityOptions.Validate"/>).</exception>
    /// <exception cref="IOException">The files cannot be written.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static CitySummary Generate(string directory, CityOptions? options = null, IProgress<double>? progress = null,
        CancellationToken cancellationToken = default)
    {
        Guard.NotEmpty(directory);
        options ??= new CityOptions();
        options.ThrowIfInvalid();
        Directory.CreateDirectory(directory);
        List<string> paths = [Path.Combine(directory, DatasetReader.NodesFileName), Path.Combine(directory, DatasetReader.TiesFileName)];
        string[] lifecycle = [Path.Combine(directory, DatasetReader.ProposalsFileName), Path.Combine(directory, DatasetReader.StatusHistoryFileName)];
        var contacts = Path.Combine(directory, DatasetReader.ContactsFileName);
        if (options.Lifecycle) paths.AddRange(lifecycle);
        if (options.Coaching) paths.Add(contacts);
        paths.Add(Path.Combine(directory, AreaBoundaries.FileName));
        CitySummary? summary = null;
        AtomicFiles.Write(paths, temporaries =>
        {
            using var nodeFile = Writer(temporaries[0]);
            using var tieFile = Writer(temporaries[1]);
            using var proposalFile = options.Lifecycle ? Writer(temporaries[2]) : null;
            using var historyFile = options.Lifecycle ? Writer(temporaries[3]) : null;
            using var contactFile = options.Coaching ? Writer(temporaries[^2]) : null;
            summary = Make(options, new CityWriter.Csv(nodeFile, tieFile, proposalFile, historyFile, contactFile), progress, cancellationToken);
            using var boundaryFile = new FileStream(temporaries[^1], FileMode.Create, FileAccess.Write);
            Boundaries(options.AreaCount).Write(boundaryFile);
        });
        if (!options.Lifecycle)
            foreach (var stale in lifecycle) File.Delete(stale);
        if (!options.Coaching) File.Delete(contacts);
        progress?.Report(1);
        return summary!;
    }

    /// <summary>Makes a generated city in memory: the records <see cref="Generate"/> would write for the same options,
    /// in the same order, equal to what reading those files gives (not validated again: they are valid by
    /// construction). Attribute values and list values are shared between records, and the ties are kept as columns (about
    /// 34 bytes a tie), each made into a record when read: at 10M people and the default 20 contacts, about 3.5 GB.</summary>
    /// <param name="options">The city's parameters; defaults to a 10,000-people city.</param>
    /// <param name="progress">Receives the fraction done, from 0 to 1.</param>
    /// <param name="cancellationToken">Stops the generation.</param>
    /// <returns>The nodes, the ties, the proposals and status changes (empty without the lifecycle), the contacts (empty
    /// without the coaching) and a summary.</returns>
    /// <exception cref="InvalidOptionsException">An option is out of range (<see cref="CityOptions.Validate"/>).</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static GeneratedCity Create(CityOptions? options = null, IProgress<double>? progress = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new CityOptions();
        options.ThrowIfInvalid();
        // Person ties average People × MeanContacts / 2; the institutional ones add about 0.35 per person.
        var expected = (int)Math.Min(Array.MaxLength, (long)(options.People * (options.MeanContacts / 2 + 0.5)));
        var writer = new CityWriter.Records(expected);
        var summary = Make(options, writer, progress, cancellationToken);
        progress?.Report(1);
        return new GeneratedCity(writer.Nodes, writer.Ties, summary)
        {
            Proposals = writer.Proposals, StatusHistory = writer.StatusHistory, Contacts = writer.Contacts,
        };
    }

    /// <summary>Draws the city into a writer: the people, their ties (with the coaching, its spells and meetings), then the
    /// lifecycle, then (with both) the coaching of the citizens who moved into work. With a planted effect or the coaching the node rows are written last, from a second draw of the people
    /// (the same stream, so the same rows) with each person's employment after the effect's six months and what the
    /// coaching planned once the coaching ties were drawn (hubs, specialisms, capacities, needs).</summary>
    private static CitySummary Make(CityOptions options, CityWriter writer, IProgress<double>? progress, CancellationToken token)
    {
        var city = new City(options);
        var later = options.Effect is not null || options.Coaching;
        var nodes = city.WriteNodes(later ? null : writer);
        var ties = city.WriteTies(writer, progress, token);
        var (proposals, changes, final) = city.WriteLifecycle(writer);
        ties += city.WriteCoachingIntoWork(writer);
        var coaching = city.Coaching;
        var summary = new CitySummary(nodes, ties, options.People, options.AreaCount, city.PersonTies)
        {
            Proposals = proposals, StatusChanges = changes, Hubs = coaching?.HubNames.Count ?? 0, CoachingTies = city.CoachingTies,
            Contacts = coaching?.Contacts ?? 0,
        };
        if (later) new City(options).WriteNodes(writer, final, coaching); // the first city is no longer used: its arrays may go
        return summary;
    }

    private static CsvWriter Writer(string path) => CsvWriter.Create(
        new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20), new CsvWriterOptions { NewLine = "\n", Injection = CsvInjection.None }, leaveOpen: false);
}
