using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Properties;

/// <summary>Whatever person a write accepts, the export round-trips: importing it back and exporting again gives
/// identical files. Runs on a toy store of its own.</summary>
public class RoundTripProperties(ToyApi toy) : IClassFixture<ToyApi>
{
    private static readonly string[] Kinds = ["citizen", "mentor", "coach", "employer", "peer_group"];

    private readonly TestApi _api = toy.Api;

    /// <summary>A person body (JSON) with every field present, junk text in the free ones.</summary>
    private static Gen<string> Person =>
        from kind in Gen.Elements(Kinds)
        from area in Junk.Text
        from sector in Junk.Text
        from ses in Gen.Choose(0, 1000).Select(i => i / 1000.0)
        from languages in Junk.Text.ArrayOf(2)
        from skills in Junk.Text.ArrayOf(1)
        from attribute in Junk.Text
        from capacity in Gen.Choose(0, 5)
        select System.Text.Json.JsonSerializer.Serialize(new
        {
            kind, area, sector, ses, languages, skills, goals = Array.Empty<string>(), capacity,
            attributes = new Dictionary<string, string> { ["note"] = attribute },
        }, Http.Web);

    [Property(MaxTest = 60)]
    public Property Export_AfterAnyAcceptedPut_ImportedBackExportsIdenticalFiles() =>
        Prop.ForAll(Person.ToArbitrary(), person => Task.Run(async () =>
        {
            using var put = await _api.Admin.PutAsync(new Uri("/people/round-trip", UriKind.Relative), Http.Json(person));
            if (!put.IsSuccessStatusCode) return true; // refused: nothing to round-trip
            var first = await Exported.ReadAsync(_api.Admin);
            using (var import = await _api.Admin.PostAsync(new Uri("/import", UriKind.Relative), first.ToForm()))
                if (!import.IsSuccessStatusCode)
                    throw new Xunit.Sdk.XunitException($"The export of an accepted write was refused on import: {await import.Content.ReadAsStringAsync()}");
            var second = await Exported.ReadAsync(_api.Admin);
            if (first.Nodes != second.Nodes || first.Ties != second.Ties)
                throw new Xunit.Sdk.XunitException($"The export changed on the round trip.\n--- first ---\n{Tail(first.Nodes)}\n--- second ---\n{Tail(second.Nodes)}");
            return true;
        }).GetAwaiter().GetResult());

    private static string Tail(string csv) => string.Join('\n', csv.Split('\n').Where(l => l.Contains("round-trip", StringComparison.Ordinal)).Prepend(csv.Split('\n')[0]));
}
