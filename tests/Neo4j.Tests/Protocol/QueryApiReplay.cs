using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace SocialCapital.Neo4j.Tests.Protocol;

/// <summary>One request the store sent, as the replay saw it.</summary>
internal sealed record RecordedRequest(HttpMethod Method, string Path, IReadOnlyDictionary<string, string> Headers, string? Body)
{
    /// <summary>The request's <c>statement</c>, or <see langword="null"/> without a body.</summary>
    public string? Statement => Body is null ? null : Json.TryGetProperty("statement", out var s) ? s.GetString() : null;

    /// <summary>The request's <c>parameters</c> object (typed JSON), or an empty object.</summary>
    public JsonElement Parameters => Body is not null && Json.TryGetProperty("parameters", out var p) ? p : JsonDocument.Parse("{}").RootElement;

    public JsonElement Json => JsonDocument.Parse(Body ?? "{}").RootElement;

    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;

    public bool Is(CypherStatement statement) => Statement == statement.Text;

    /// <summary>The <c>_value</c> of a typed parameter.</summary>
    public JsonElement Parameter(string name) => Parameters.GetProperty(name).GetProperty("_value");
}

/// <summary>An in-process stand-in for a Neo4j server's HTTP Query API that answers with the JSON shapes Neo4j's
/// documentation gives (discovery, <c>data.fields</c>/<c>data.values</c> in typed JSON, <c>transaction.id</c>,
/// <c>errors[].code</c>, the <c>neo4j-cluster-affinity</c> header) and records every request: the ground for
/// protocol tests against replayed documented shapes, not a database test.</summary>
internal sealed class QueryApiReplay : HttpMessageHandler
{
    public const string TransactionId = "lyU";
    public const string Affinity = "MTAuOC41Ljc6MTc0NzQ=";

    /// <summary>The discovery response of the Query API documentation (Endpoints → Discovery API), for a 5.26 server.</summary>
    public const string Discovery = """
        {
          "bolt_routing": "neo4j://localhost:7687",
          "query": "http://localhost:7474/db/{databaseName}/query/v2",
          "transaction": "http://localhost:7474/db/{databaseName}/tx",
          "bolt_direct": "bolt://localhost:7687",
          "neo4j_version": "5.26.0",
          "neo4j_edition": "enterprise"
        }
        """;

    private readonly Func<RecordedRequest, HttpResponseMessage?> _respond;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    /// <param name="respond">Answers a request, or returns <see langword="null"/> for the default answer: discovery,
    /// an empty result, a meta node at version 7 for the lock statement, a transaction for <c>…/tx</c>.</param>
    public QueryApiReplay(Func<RecordedRequest, HttpResponseMessage?>? respond = null) => _respond = respond ?? (_ => null);

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>The statements sent, in order.</summary>
    public IReadOnlyList<string> Statements => [.. Requests.Select(r => r.Statement).OfType<string>()];

    public long MetaVersion { get; set; } = 7;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in request.Headers) headers[name.ToLowerInvariant()] = string.Join(", ", values);
        if (request.Content is not null)
            foreach (var (name, values) in request.Content.Headers) headers[name.ToLowerInvariant()] = string.Join(", ", values);
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(request.Method, request.RequestUri!.AbsolutePath, headers, body);
        _requests.Enqueue(recorded);
        return _respond(recorded) ?? Default(recorded);
    }

    private HttpResponseMessage Default(RecordedRequest request)
    {
        if (request.Method == HttpMethod.Get && request.Path == "/") return Json(HttpStatusCode.OK, Discovery);
        var inTransaction = request.Path.Contains("/tx", StringComparison.Ordinal);
        if (request.Method == HttpMethod.Delete || request.Path.EndsWith("/commit", StringComparison.Ordinal))
            return Json(HttpStatusCode.OK, """{"data": {"fields": [], "values": []}, "bookmarks": ["FB:kcwQ/wTfJf8rS1WY+GiIKXsCXgmQ"]}""");
        if (request.Is(CypherStatements.LockMeta))
            return Result(["version", "nextSeq", "attributeColumns"], [[Integer(MetaVersion), Integer(100), List(String("ethnicity"))]], inTransaction);
        if (request.Is(CypherStatements.BumpMeta))
            return Result(["version"], [[Integer(MetaVersion + 1)]], inTransaction);
        if (request.Is(CypherStatements.ReadVersion))
            return Result(["version"], [[Integer(MetaVersion)]], inTransaction);
        if (request.Statement?.StartsWith("UNWIND $rows", StringComparison.Ordinal) == true)
            return Result(["created"], [[Integer(request.Parameter("rows").GetArrayLength())]], inTransaction);
        return Result([], [], inTransaction);
    }

    // ---- Documented response shapes ----

    /// <summary>A successful query response: <c>{"data": {"fields": […], "values": [[…]]}, "bookmarks": […]}</c>, with
    /// <c>"transaction": {"id", "expires"}</c> and the affinity header inside an explicit transaction. HTTP 202, as
    /// the documentation's examples show.</summary>
    public static HttpResponseMessage Result(string[] fields, IEnumerable<string[]> rows, bool inTransaction = false)
    {
        var json = new StringBuilder();
        json.Append("""{"data": {"fields": [""").Append(string.Join(", ", fields.Select(f => JsonSerializer.Serialize(f)))).Append("], \"values\": [");
        json.Append(string.Join(", ", rows.Select(r => "[" + string.Join(", ", r) + "]")));
        json.Append("]}, \"bookmarks\": [\"FB:kcwQ/wTfJf8rS1WY+GiIKXsCXgmQ\"]");
        if (inTransaction) json.Append($$""", "transaction": {"id": "{{TransactionId}}", "expires": "2024-10-22T15:48:29Z"}""");
        json.Append('}');
        var response = Json(HttpStatusCode.Accepted, json.ToString());
        if (inTransaction) response.Headers.Add("neo4j-cluster-affinity", Affinity);
        return response;
    }

    /// <summary>An error response: <c>{"errors": [{"code", "message"}]}</c>.</summary>
    public static HttpResponseMessage Error(HttpStatusCode status, string code, string message) =>
        Json(status, JsonSerializer.Serialize(new { errors = new[] { new { code, message } } }));

    public static HttpResponseMessage Json(HttpStatusCode status, string json) => new(status)
    {
        Content = new StringContent(json, Encoding.UTF8, status == HttpStatusCode.OK && json.Contains("neo4j_version", StringComparison.Ordinal)
            ? "application/json" : "application/vnd.neo4j.query.v1.1"),
    };

    // ---- Typed JSON values (Typed JSON → Type mapping) ----

    public static string Integer(long value) => $$"""{"$type": "Integer", "_value": "{{value}}"}""";

    public static string Float(string value) => $$"""{"$type": "Float", "_value": "{{value}}"}""";

    public static string String(string value) => $$"""{"$type": "String", "_value": {{JsonSerializer.Serialize(value)}}}""";

    public static string Date(string value) => $$"""{"$type": "Date", "_value": "{{value}}"}""";

    public static string Null => """{"$type": "Null", "_value": null}""";

    public static string List(params string[] items) => $$"""{"$type": "List", "_value": [{{string.Join(", ", items)}}]}""";

    /// <summary>Store options pointing at the replay (no real address is contacted), retries without delay.</summary>
    public static Neo4jStoreOptions Options(Action<Neo4jStoreOptions>? change = null)
    {
        var options = new Neo4jStoreOptions
        {
            BaseAddress = new Uri("http://neo4j.test:7474"),
            User = "neo4j",
            Password = "s3cret-pa55",
            RetryDelay = TimeSpan.Zero,
        };
        change?.Invoke(options);
        return options;
    }

    /// <summary>A node row in the store's node columns (<see cref="CypherStatements.ExportNodes"/>).</summary>
    public static readonly string[] NodeFields =
        ["seq", "id", "kind", "area", "employment", "ageBand", "sector", "ses", "languages", "skills", "goals", "capacity", "attributes", "hub", "specialisms"];

    public static string[] NodeRow(long seq, string id, string kind = "citizen") =>
        [Integer(seq), String(id), String(kind), Null, Null, Null, Null, Null, Null, Null, Null, Null, Null, Null, Null];

    public static readonly string[] TieFields = ["seq", "source", "target", "type", "strength", "since", "until", "outcome", "endReason"];

    public static string[] TieRow(long seq, string source, string target, string type = "FRIEND") =>
        [Integer(seq), String(source), String(target), String(type), Float("1.0"), Null, Null, Null, Null];
}
