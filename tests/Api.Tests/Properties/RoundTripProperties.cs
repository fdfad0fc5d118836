using FsCheck;
using FsCheck.Fluent;
using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Properties;

/// <summary>Whatever person a write accepts, the export round-trips: importing it back and exporting again gives
/// identical files. Runs on a toy store of its own, and counts the writes accepted so that a run where nearly every
/// generated write is refused fails instead of passing vacuously.</summary>
public class RoundTripProperties(ToyApi toy) : IClassFixture<ToyApi>
{
    private static readonly string[] Kinds = ["citizen", "mentor", "coach", "employer", "peer_group"];

    private readonly TestApi _api = toy.Api;

    /// <summary>Text a write accepts, tricky still (quotes, commas, non-ASCII, line-feed-free): junk text without control
    /// characters or ';' (the list separator).</summary>
    private static Gen<string> Writable => Junk.Text.Where(t => !t.Any(char.IsControl) && !t.Contains(';', StringComparison.Ordinal));

    /// <summary>A person body (JSON) with every field present: in four bodies of five every free field holds writable text;
    /// in the fifth, raw junk (mostly refused).</summary>
    private static Gen<string> Person =>
        from junk in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        let text = junk ? Junk.Text : Writable
        let item = junk ? Junk.Text : Writable.Where(t => t.Trim().Length > 0)
        from kind in Gen.Elements(Kinds)
        from area in text
        from sector in text
        from ses in Gen.Choose(0, 1000).Select(i => i / 1000.0)
        from languages in item.ArrayOf(2)
        from skills in item.ArrayOf(1)
        from attribute in text
        from capacity in Gen.Choose(0, 5)
        select System.Text.Json.JsonSerializer.Serialize(new
        {
            kind, area, sector, ses, languages, skills, goals = Array.Empty<string>(), capacity,
            attributes = new Dictionary<string, string> { ["note"] = attribute },
        }, Http.Web);

    private const int Cases = 60;

    /// <summary>At least this many of the <see cref="Cases"/> generated writes must be accepted: a property that holds
    /// because every request is refused tests nothing.</summary>
    private const int MinAccepted = Cases / 2;

    [Fact]
    public void Export_AfterAnyAcceptedPut_ImportedBackExportsIdenticalFiles()
    {
        var tried = 0;
        var accepted = 0;
        var refusals = new List<string>();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases), Prop.ForAll(Person.ToArbitrary(), person => Task.Run(async () =>
        {
            Interlocked.Increment(ref tried);
            using var put = await _api.Admin.PutAsync(new Uri("/people/round-trip", UriKind.Relative), Http.Json(person));
            if (!put.IsSuccessStatusCode) // refused: nothing to round-trip (counted below)
            {
                var why = await put.Content.ReadAsStringAsync();
                lock (refusals) refusals.Add($"{(int)put.StatusCode} {why}");
                return true;
            }
            Interlocked.Increment(ref accepted);
            var first = await Exported.ReadAsync(_api.Admin);
            using (var import = await _api.Admin.PostAsync(new Uri("/import", UriKind.Relative), first.ToForm()))
                if (!import.IsSuccessStatusCode)
                    throw new Xunit.Sdk.XunitException($"The export of an accepted write was refused on import: {await import.Content.ReadAsStringAsync()}");
            var second = await Exported.ReadAsync(_api.Admin);
            if (first.Nodes != second.Nodes || first.Ties != second.Ties)
                throw new Xunit.Sdk.XunitException($"The export changed on the round trip.\n--- first ---\n{Tail(first.Nodes)}\n--- second ---\n{Tail(second.Nodes)}");
            return true;
        }).GetAwaiter().GetResult()));
        Assert.True(accepted >= MinAccepted, $"only {accepted} of {tried} generated writes were accepted (at least {MinAccepted} must be), "
            + "so the round trip was hardly tested; refusals:\n" + string.Join("\n", refusals.Take(10)));
    }

    private static string Tail(string csv) => string.Join('\n', csv.Split('\n').Where(l => l.Contains("round-trip", StringComparison.Ordinal)).Prepend(csv.Split('\n')[0]));
}
