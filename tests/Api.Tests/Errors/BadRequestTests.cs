using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Errors;

/// <summary>400 answers: problem details whose <c>errors</c> map names each bad field; a rejected write changes nothing
/// (same store version, same export). Runs on a toy store of its own.</summary>
public class BadRequestTests(ToyApi toy) : IClassFixture<ToyApi>
{
    private readonly TestApi _api = toy.Api;

    /// <summary>Writes the API must refuse, each with the fields its answer must name.</summary>
    public static TheoryData<string, string, string, string> BadWrites() => new()
    {
        // method, url, JSON body, the fields named (comma-separated)
        { "PUT", "/people/x", """{"kind":"banana"}""", "kind" },
        { "PUT", "/people/x", """{}""", "kind" },
        { "PUT", "/people/x", """{"kind":"citizen","ses":1.5}""", "ses" },
        { "PUT", "/people/x", """{"kind":"citizen","ses":-0.01}""", "ses" },
        { "PUT", "/people/x", """{"kind":"citizen","capacity":-1}""", "capacity" },
        { "PUT", "/people/x", """{"kind":"citizen","employment":"astronaut","ageBand":"7-9"}""", "employment,ageBand" },
        { "PUT", "/people/x", """{"id":"y","kind":"citizen"}""", "id" },
        { "PUT", "/people/a%20b", """{"kind":"citizen"}""", "id" },
        { "PUT", "/people/" + new string('x', 65), """{"kind":"citizen"}""", "id" },
        { "PUT", "/ties", """{"target":"1","kind":"friend"}""", "source" },
        { "PUT", "/ties", """{"source":"0","target":"1","kind":"hug"}""", "kind" },
        { "PUT", "/ties", """{"source":"0","target":"1","kind":"friend","strength":0}""", "strength" },
        { "PUT", "/ties", """{"source":"0","target":"1","kind":"friend","since":"2024-01-01","until":"2023-01-01"}""", "until" },
        { "PUT", "/ties", """{"source":"0","target":"nobody","kind":"friend"}""", "target" },
        { "PUT", "/ties", """{"source":"nobody","target":"0","kind":"friend"}""", "source" },
        { "PUT", "/ties", """{"source":"0","target":"0","kind":"friend"}""", "target" },
        { "PUT", "/ties", """{"source":"0","target":"1","kind":"membership"}""", "target" },
        { "DELETE", "/ties?target=1", "", "source" },
        { "DELETE", "/ties?source=0&target=1&kind=hug", "", "kind" },
        { "POST", "/import", """{"nodes":[{"kind":"citizen"}],"ties":[]}""", "nodes[0].id" },
        { "POST", "/import", """{"nodes":[{"id":"a","kind":"banana"}],"ties":[{"source":"a","kind":"friend"}]}""", "nodes[0].kind,ties[0].target" },
        { "POST", "/import", """{"nodes":[{"id":"a","kind":"citizen"},{"id":"a","kind":"citizen"}],"ties":[]}""", "id" },
        { "POST", "/import", """{"nodes":[{"id":"a","kind":"citizen"}],"ties":[{"source":"a","target":"b","kind":"friend"}]}""", "target" },
        { "POST", "/import", "null", "body" },
    };

    [Theory]
    [MemberData(nameof(BadWrites))]
    public async Task Write_InvalidField_400NamingItAndNothingChanges(string method, string url, string body, string fields)
    {
        var before = await StoreState.ReadAsync(_api.Admin);
        using var response = await _api.Admin.SendAsync(new HttpMethod(method), url, body.Length == 0 ? null : Http.Json(body));
        await response.AssertFieldErrorsAsync(fields.Split(','));
        Assert.Equal(before, await StoreState.ReadAsync(_api.Admin));
    }

    [Fact]
    public async Task Import_CsvWithBadCells_400KeyedByFileLineAndColumnAndNothingChanges()
    {
        var before = await StoreState.ReadAsync(_api.Admin);
        using var form = Exported.Form("id,kind,ses\na,citizen,1.5\nb,citizen,0.2\n", "source,target,kind\na,zz,friend\n");
        using var response = await _api.Admin.PostAsync(new Uri("/import", UriKind.Relative), form);
        var problem = await response.AssertFieldErrorsAsync("nodes.csv:2:ses", "ties.csv:2:target");
        Assert.Equal(2, problem.GetProperty("totalProblems").GetInt32());
        Assert.Equal(before, await StoreState.ReadAsync(_api.Admin));
    }

    [Fact]
    public async Task Import_CsvThatIsNotUtf8_400NamingTheRowAndNothingChanges()
    {
        var before = await StoreState.ReadAsync(_api.Admin);
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent([.. "id,kind,area\na,citizen,X\nb,citizen,Caf"u8, 0xE9, .. "\n"u8]), "nodes", "nodes.csv");
        form.Add(new ByteArrayContent("source,target,kind\na,b,friend\n"u8.ToArray()), "ties", "ties.csv");
        using var response = await _api.Admin.PostAsync(new Uri("/import", UriKind.Relative), form);
        // Only the row: the tie to the node on it is not reported again as a tie to an unknown node.
        await response.AssertFieldErrorsAsync("nodes.csv:3:row");
        Assert.Equal(before, await StoreState.ReadAsync(_api.Admin));
    }

    [Fact]
    public async Task Import_FormWithoutTheTiesFile_400NamingItAndNothingChanges()
    {
        var before = await StoreState.ReadAsync(_api.Admin);
        using var form = Exported.Form("id,kind\na,citizen\n", null);
        using var response = await _api.Admin.PostAsync(new Uri("/import", UriKind.Relative), form);
        await response.AssertFieldErrorsAsync("ties");
        Assert.Equal(before, await StoreState.ReadAsync(_api.Admin));
    }

    /// <summary>Reads with bad arguments, each with the field its answer must name.</summary>
    public static TheoryData<string, string> BadReads() => new()
    {
        { "/people?page=0", "page" },
        { "/people?pageSize=0", "pageSize" },
        { "/people?pageSize=1001", "pageSize" },
        { "/people?page=-1&pageSize=5000", "page,pageSize" },
        { "/people?kind=banana", "kind" },
        // top: the engine's one rule (MatchOptions.Validate and the suggestion methods): 0 = all, otherwise ≥ 1, no maximum.
        { "/people/0/recommendations?top=-1", "top" },
        { "/citizens/0/mentor-matches?top=-1", "top" },
        { "/citizens/0/peer-groups?top=-3", "top" },
        { "/areas?page=0", "page" },
        { "/groups?pageSize=0", "pageSize" },
    };

    [Theory]
    [MemberData(nameof(BadReads))]
    public async Task Read_BadArgument_400NamingIt(string url, string fields)
    {
        using var response = await _api.Admin.GetAsync(url);
        await response.AssertFieldErrorsAsync(fields.Split(','));
    }

    /// <summary>Requests the framework cannot even bind: malformed JSON, an unknown field, a value of the wrong type,
    /// a query value that is not a number or a boolean.</summary>
    public static TheoryData<string, string, string> Unbindable() => new()
    {
        { "PUT", "/people/x", """{"kind":""" },
        { "PUT", "/people/x", """{"kind":"citizen",}""" },
        { "PUT", "/people/x", """{"kind":"citizen","bogus":1}""" },
        { "PUT", "/people/x", """{"kind":"citizen","ses":"high"}""" },
        { "PUT", "/people/x", """[]""" },
        { "PUT", "/people/x", "" },
        { "PUT", "/ties", """{"source":"0","target":"1","kind":"friend","since":"2020-13-01"}""" },
        { "PUT", "/ties", """{"source":"0","target":"1","kind":"friend","weight":2}""" },
        { "POST", "/import", """{"nodes":[{"id":"a","kind":"citizen","colour":"red"}]}""" },
        { "POST", "/import", """{"nodes":""" },
        { "POST", "/what-if", """{"ties":[],"extra":true}""" },
        { "POST", "/what-if", """{"ties":""" },
        { "POST", "/cohorts/assignments", """{"maxPerCitizen":"two"}""" },
        { "GET", "/people?page=abc", "" },
        { "GET", "/people/0/recommendations?top=abc", "" },
        { "GET", "/citizens/0/mentor-matches?anyArea=maybe", "" },
        { "GET", "/areas?pageSize=99999999999", "" },
    };

    [Theory]
    [MemberData(nameof(Unbindable))]
    public async Task Request_Unbindable_400ProblemAndNothingChanges(string method, string url, string body)
    {
        var before = await StoreState.ReadAsync(_api.Admin);
        using var response = await _api.Admin.SendAsync(new HttpMethod(method), url, method == "GET" ? null : Http.Json(body));
        var problem = await response.AssertProblemAsync(400);
        Assert.False(string.IsNullOrWhiteSpace(problem.Str("detail")), problem.ToString());
        Assert.Equal(before, await StoreState.ReadAsync(_api.Admin));
    }

    /// <summary>Binding failures whose culprit is one field: the <c>errors</c> map must name it, as for every other
    /// invalid input.</summary>
    public static TheoryData<string, string, string, string> UnbindableField() => new()
    {
        { "PUT", "/people/x", """{"kind":"citizen","bogus":1}""", "bogus" },
        { "PUT", "/people/x", """{"kind":"citizen","ses":"high"}""", "ses" },
        { "PUT", "/ties", """{"source":"0","target":"1","kind":"friend","since":"2020-13-01"}""", "since" },
        { "POST", "/what-if", """{"ties":[],"extra":true}""", "extra" },
        { "GET", "/people/0/recommendations?top=abc", "", "top" },
        { "GET", "/people?page=abc", "", "page" },
        { "GET", "/citizens/0/mentor-matches?anyArea=maybe", "", "anyArea" },
    };

    [Theory]
    [MemberData(nameof(UnbindableField))]
    public async Task Request_UnbindableField_400NamingTheFieldInErrors(string method, string url, string body, string field)
    {
        using var response = await _api.Admin.SendAsync(new HttpMethod(method), url, method == "GET" ? null : Http.Json(body));
        var problem = await response.AssertProblemAsync(400);
        Assert.True(problem.ErrorFields().Any(f => f.Contains(field, StringComparison.OrdinalIgnoreCase)),
            $"the 400 for a bad '{field}' has no errors entry naming it: {problem}");
    }

    [Theory]
    [InlineData("multipart/form-data; boundary=zz", "garbage without any boundary")]
    [InlineData("multipart/form-data; boundary=zz", "--zz\r\nContent-Disposition: form-data; name=\"nodes\"; filename=\"n.csv\"\r\n\r\nid,kind\r\n")]
    [InlineData("multipart/form-data", "no boundary parameter")]
    public async Task Import_MalformedMultipart_400NotA500AndNothingChanges(string contentType, string body)
    {
        var before = await StoreState.ReadAsync(_api.Admin);
        using var content = new StringContent(body);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        using var response = await _api.Admin.PostAsync(new Uri("/import", UriKind.Relative), content);
        await response.AssertProblemAsync(400);
        Assert.Equal(before, await StoreState.ReadAsync(_api.Admin));
    }

    [Theory]
    [InlineData("POST", "/what-if", """{"ties":[null]}""")]
    [InlineData("POST", "/what-if", """{"assignment":[null]}""")]
    [InlineData("POST", "/import", """{"nodes":[null],"ties":[]}""")]
    [InlineData("POST", "/import", """{"nodes":[{"id":"a","kind":"citizen"}],"ties":[null]}""")]
    [InlineData("POST", "/cohorts/assignments", """{"citizens":[null]}""")]
    [InlineData("PUT", "/people/x", """{"kind":"citizen","languages":[null]}""")]
    public async Task Body_NullListElement_400NotA500AndNothingChanges(string method, string url, string body)
    {
        var before = await StoreState.ReadAsync(_api.Admin);
        using var response = await _api.Admin.SendAsync(new HttpMethod(method), url, Http.Json(body));
        await response.AssertProblemAsync(400);
        Assert.Equal(before, await StoreState.ReadAsync(_api.Admin));
    }
}
