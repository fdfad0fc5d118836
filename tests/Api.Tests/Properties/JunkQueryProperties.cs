using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Properties;

/// <summary>Junk ids and query values (escaped as a client would) on every GET endpoint: never a 5xx, every error is
/// problem details (toy, read only).</summary>
[Collection(ToyReadersCollection.Name)]
public class JunkQueryProperties(ToyApi toy)
{
    private static readonly string[] Templates =
    [
        "/people/{0}", "/people/{0}/capital", "/people/{0}/recommendations?top={1}", "/citizens/{0}/mentor-matches?top={1}&anyArea={2}",
        "/citizens/{0}/peer-groups?top={1}", "/areas/{0}", "/areas?page={1}&pageSize={2}", "/groups?page={1}&pageSize={2}",
        "/people?area={0}&kind={1}&page={2}&pageSize={3}", "/people?kind={0}", "/export?{0}={1}", "/health/ready?{0}={1}",
    ];

    [Property(MaxTest = 150)]
    public Property Get_JunkIdsAndQueryValues_NeverA5xxAndErrorsAreProblems() =>
        Prop.ForAll(Gen.Choose(0, Templates.Length - 1).ToArbitrary(), Junk.Escaped.ArrayOf(4).ToArbitrary(), (template, values) =>
            Task.Run(async () =>
            {
                var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, Templates[template], [.. values]);
                using var response = await toy.Api.Admin.GetAsync(url);
                var status = (int)response.StatusCode;
                var what = $"GET {url} → {status}\n{Http.Cut(await response.Content.ReadAsStringAsync())}";
                if (status >= 500) throw new Xunit.Sdk.XunitException("A server error for junk: " + what);
                if (status >= 400 && response.Content.Headers.ContentType?.MediaType != Problems.MediaType)
                    throw new Xunit.Sdk.XunitException("An error that is not problem details: " + what);
                return true;
            }).GetAwaiter().GetResult());
}
