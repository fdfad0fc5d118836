using System.Text;
using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Errors;

/// <summary>413 answers for bodies over <c>Limits:MaxBodyBytes</c> (imports: <c>Limits:MaxImportBytes</c>), and nothing
/// changes.</summary>
public class PayloadTooLargeTests(ToyApiWithSmallBodies toy) : IClassFixture<ToyApiWithSmallBodies>
{
    private readonly TestApi _api = toy.Api;

    [Theory]
    [InlineData("PUT", "/people/big", "admin")]
    [InlineData("PUT", "/ties", "admin")]
    [InlineData("POST", "/what-if", "coach")]
    [InlineData("POST", "/cohorts/assignments", "coach")]
    public async Task Write_BodyOverMaxBodyBytes_413AndNothingChanges(string method, string url, string role)
    {
        var before = await StoreState.ReadAsync(_api.Admin);
        var body = Padded("""{"kind":"citizen","sector":"PAD"}""", ToyApiWithSmallBodies.MaxBodyBytes + 1);
        using var response = await _api.As(role).SendAsync(new HttpMethod(method), url, Http.Json(body));
        var problem = await response.AssertProblemAsync(413);
        Assert.Contains("4,096", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(before, await StoreState.ReadAsync(_api.Admin));
    }

    [Fact]
    public async Task Put_BodyJustUnderTheLimit_Accepted()
    {
        var body = Padded("""{"kind":"citizen","sector":"PAD"}""", ToyApiWithSmallBodies.MaxBodyBytes);
        using var response = await _api.Admin.PutAsync(new Uri("/people/just-fits", UriKind.Relative), Http.Json(body));
        await response.AssertStatusAsync(201);
    }

    [Fact]
    public async Task Import_BodyOverMaxBodyBytesButUnderMaxImportBytes_Accepted()
    {
        var nodes = "id,kind,note\n" + string.Concat(Enumerable.Range(0, 300).Select(i => $"n{i},citizen,{new string('x', 40)}\n"));
        Assert.InRange(Encoding.UTF8.GetByteCount(nodes), ToyApiWithSmallBodies.MaxBodyBytes, ToyApiWithSmallBodies.MaxImportBytes / 2);
        try
        {
            using var form = Exported.Form(nodes, "source,target,kind\n");
            using var response = await _api.Admin.PostAsync(new Uri("/import", UriKind.Relative), form);
            Assert.Equal(300, (await response.JsonAsync(200)).GetProperty("nodes").GetInt32());
        }
        finally
        {
            using var restore = await _api.Admin.PostAsync(new Uri("/import", UriKind.Relative), Http.Json(Exported.JsonBody(Samples.Toy)));
            await restore.AssertStatusAsync(200);
        }
    }

    [Fact]
    public async Task Import_BodyOverMaxImportBytes_413AndNothingChanges()
    {
        var before = await StoreState.ReadAsync(_api.Admin);
        var nodes = "id,kind\n" + string.Concat(Enumerable.Range(0, 8000).Select(i => $"n{i:D6},citizen\n"));
        using var form = Exported.Form(nodes, "source,target,kind\n");
        using var response = await _api.Admin.PostAsync(new Uri("/import", UriKind.Relative), form);
        await response.AssertProblemAsync(413);
        Assert.Equal(before, await StoreState.ReadAsync(_api.Admin));
    }

    /// <summary>The JSON text with <c>PAD</c> replaced by enough x's to make it <paramref name="bytes"/> long.</summary>
    private static string Padded(string json, int bytes) =>
        json.Replace("PAD", new string('x', bytes - Encoding.UTF8.GetByteCount(json) + 3), StringComparison.Ordinal);
}
