using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace SocialCapital.Neo4j;

/// <summary>The HTTP side of the store: Neo4j's Query API (<c>POST /db/{database}/query/v2</c> and the explicit
/// transaction endpoints under <c>…/query/v2/tx</c>), typed JSON both ways, authentication, and the translation of
/// failures into <see cref="Neo4jStoreException"/>s that never show credentials.</summary>
internal sealed class QueryApiClient : IDisposable
{
    public const string AffinityHeader = "neo4j-cluster-affinity";

    private readonly HttpClient _http;
    private readonly AuthenticationHeaderValue? _authorization;
    private readonly string[] _secrets;
    private readonly string _queryPath;

    public QueryApiClient(Neo4jStoreOptions options, HttpMessageHandler? handler)
    {
        Options = options;
        var address = options.BaseAddress!.AbsoluteUri;
        if (!address.EndsWith('/')) address += "/";
        _http = handler is null
            ? new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, disposeHandler: true)
            : new HttpClient(handler, disposeHandler: false);
        _http.BaseAddress = new Uri(address);
        _http.Timeout = options.RequestTimeout;
        if (options.BearerToken is { } token) _authorization = new AuthenticationHeaderValue("Bearer", token);
        else if (options.User is { } user)
            _authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{options.Password}")));
        _secrets = [.. new[] { options.Password, options.BearerToken, _authorization?.Parameter }.Where(s => !string.IsNullOrEmpty(s))!];
        _queryPath = $"db/{Uri.EscapeDataString(options.Database)}/query/v2";
    }

    public Neo4jStoreOptions Options { get; }

    /// <summary>What the store talks to, for messages: database and address, never credentials.</summary>
    public string Target => $"database '{Options.Database}' at {_http.BaseAddress}";

    /// <summary>Checks, with the unauthenticated discovery request <c>GET /</c>, that the server is a Neo4j with the
    /// Query API; returns its version (or <see langword="null"/> when it does not say).</summary>
    public async Task<string?> DiscoverAsync(CancellationToken cancellationToken)
    {
        const string Doing = "discovering the server (GET /)";
        using var request = new HttpRequestMessage(HttpMethod.Get, "");
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await SendAsync(request, Doing, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw await FailureAsync(response, Doing, cancellationToken).ConfigureAwait(false);
        JsonDocument document;
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            document = await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new Neo4jStoreException(
                $"{_http.BaseAddress} is not a Neo4j server: its discovery response (GET /) is not JSON. Check Store:Neo4j:Uri (the HTTP address, e.g. http://localhost:7474).",
                null, response.StatusCode, false, e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("query", out var query) || query.ValueKind != JsonValueKind.String)
            {
                var version = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("neo4j_version", out var v) ? v.GetString() : null;
                throw new Neo4jStoreException(version is null
                    ? $"{_http.BaseAddress} is not a Neo4j server with the Query API: its discovery response (GET /) has no 'query' endpoint. Check Store:Neo4j:Uri."
                    : $"The Neo4j server at {_http.BaseAddress} (version {version}) has no Query API: the store needs Neo4j 5.25 or later, or Aura.",
                    null, response.StatusCode, false);
            }
            return root.TryGetProperty("neo4j_version", out var found) ? found.GetString() : null;
        }
    }

    /// <summary>Runs one statement in its own (implicit, autocommit) transaction.</summary>
    public Task<QueryResult> RunAsync(CypherStatement statement, IReadOnlyDictionary<string, object?>? parameters, string doing,
        CancellationToken cancellationToken) =>
        PostAsync(_queryPath, null, statement, parameters, doing, cancellationToken);

    /// <summary>Opens an explicit transaction with its first statement; the caller disposes the transaction (which rolls
    /// it back unless committed) and the result.</summary>
    public async Task<(Neo4jTransaction Transaction, QueryResult Result)> BeginAsync(CypherStatement statement,
        IReadOnlyDictionary<string, object?>? parameters, string doing, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, $"{_queryPath}/tx", null, statement, parameters);
        using var response = await SendAsync(request, doing, cancellationToken).ConfigureAwait(false);
        var result = await ReadAsync(response, doing, cancellationToken).ConfigureAwait(false);
        if (result.TransactionId is not { Length: > 0 } id)
        {
            result.Dispose();
            throw new Neo4jStoreException($"Neo4j did not open a transaction while {doing} on {Target}: its response has no transaction id.",
                null, response.StatusCode, false);
        }
        var affinity = response.Headers.TryGetValues(AffinityHeader, out var values) ? values.FirstOrDefault() : null;
        return (new Neo4jTransaction(this, id, affinity, doing), result);
    }

    internal string TransactionPath(string id) => $"{_queryPath}/tx/{Uri.EscapeDataString(id)}";

    internal async Task<QueryResult> PostAsync(string path, string? affinity, CypherStatement? statement,
        IReadOnlyDictionary<string, object?>? parameters, string doing, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, path, affinity, statement, parameters);
        using var response = await SendAsync(request, doing, cancellationToken).ConfigureAwait(false);
        // A commit (no statement) may come back without a body.
        return await ReadAsync(response, doing, cancellationToken, bodyOptional: statement is null).ConfigureAwait(false);
    }

    internal async Task DeleteAsync(string path, string? affinity, string doing, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Delete, path, affinity, null, null);
        using var response = await SendAsync(request, doing, cancellationToken).ConfigureAwait(false);
        (await ReadAsync(response, doing, cancellationToken, bodyOptional: true).ConfigureAwait(false)).Dispose();
    }

    private HttpRequestMessage Request(HttpMethod method, string path, string? affinity, CypherStatement? statement,
        IReadOnlyDictionary<string, object?>? parameters)
    {
        if (statement is not null) CheckParameters(statement, parameters);
        var request = new HttpRequestMessage(method, path);
        request.Headers.Accept.ParseAdd(TypedJson.MediaType);
        request.Headers.Authorization = _authorization;
        if (affinity is not null) request.Headers.TryAddWithoutValidation(AffinityHeader, affinity);
        if (statement is not null) request.Content = JsonBody.Query(statement, parameters);
        return request;
    }

    /// <summary>Every statement gets exactly the parameters it declares: a mismatch is a bug in the store.</summary>
    private static void CheckParameters(CypherStatement statement, IReadOnlyDictionary<string, object?>? parameters)
    {
        var given = parameters?.Keys.Order(StringComparer.Ordinal) ?? Enumerable.Empty<string>();
        if (!given.SequenceEqual(statement.Parameters.Order(StringComparer.Ordinal), StringComparer.Ordinal))
            throw new InvalidOperationException(
                $"Statement '{statement.Name}' takes [{string.Join(", ", statement.Parameters)}] but was given [{string.Join(", ", given)}].");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string doing, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new Neo4jStoreException($"Could not reach Neo4j ({Target}) while {doing}: {Scrub(e.Message)}", null, null, true, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new Neo4jStoreException(
                $"Neo4j ({Target}) did not answer within {Options.RequestTimeout.TotalSeconds:0.#} s (Store:Neo4j RequestTimeout) while {doing}.",
                null, null, true, e);
        }
    }

    private async Task<QueryResult> ReadAsync(HttpResponseMessage response, string doing, CancellationToken cancellationToken,
        bool bodyOptional = false)
    {
        if (!response.IsSuccessStatusCode) throw await FailureAsync(response, doing, cancellationToken).ConfigureAwait(false);
        JsonDocument document;
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            document = response.Content.Headers.ContentLength == 0 || (stream.CanSeek && stream.Length == 0)
                ? JsonDocument.Parse("{}")
                : await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException) when (bodyOptional)
        {
            document = JsonDocument.Parse("{}");
        }
        catch (JsonException e)
        {
            throw new Neo4jStoreException($"Neo4j's response while {doing} on {Target} is not JSON: {e.Message}", null, response.StatusCode, false, e);
        }
        catch (HttpRequestException e)
        {
            throw new Neo4jStoreException($"The connection to Neo4j ({Target}) failed while {doing}: {Scrub(e.Message)}", null, response.StatusCode, true, e);
        }
        if (Errors(document.RootElement) is { } error)
        {
            document.Dispose();
            throw Translate(error.Code, error.Message, response.StatusCode, doing);
        }
        return new QueryResult(document);
    }

    private async Task<Neo4jStoreException> FailureAsync(HttpResponseMessage response, string doing, CancellationToken cancellationToken)
    {
        string? code = null, message = null;
        try
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (body.Length > 0)
            {
                using var document = JsonDocument.Parse(body);
                if (Errors(document.RootElement) is { } error) (code, message) = error;
            }
        }
        catch (JsonException)
        {
            // Not a Neo4j error body (e.g. a proxy's HTML page): the status says what there is to say.
        }
        catch (HttpRequestException)
        {
        }
        return Translate(code, message, response.StatusCode, doing);
    }

    private static (string? Code, string? Message)? Errors(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("errors", out var errors)
            || errors.ValueKind != JsonValueKind.Array || errors.GetArrayLength() == 0) return null;
        var first = errors[0];
        string? Text(string name) =>
            first.ValueKind == JsonValueKind.Object && first.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        return (Text("code"), Text("message"));
    }

    /// <summary>Turns a Neo4j error (its status code and message) or an HTTP failure into an exception whose message
    /// names the code and what the store was doing.</summary>
    internal Neo4jStoreException Translate(string? code, string? serverMessage, HttpStatusCode status, string doing)
    {
        var detail = serverMessage is { Length: > 0 } ? $": {Scrub(serverMessage)}" : ".";
        var what = code is null ? $"HTTP {(int)status}" : $"{code}, HTTP {(int)status}";
        var transient = code?.StartsWith("Neo.TransientError.", StringComparison.Ordinal) == true
            || (code is null && status is HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout);
        string message;
        if (status == HttpStatusCode.Unauthorized || code is "Neo.ClientError.Security.Unauthorized" or "Neo.ClientError.Security.AuthenticationRateLimit")
            message = $"Neo4j refused to authenticate the store ({what}) while {doing} on {Target}{detail} "
                + (_authorization is null
                    ? "No credentials are configured: set Store:Neo4j:User and Store:Neo4j:Password, or Store:Neo4j:Token."
                    : "Check Store:Neo4j:User and Store:Neo4j:Password (or Store:Neo4j:Token).");
        else if (status == HttpStatusCode.Forbidden || code?.StartsWith("Neo.ClientError.Security.", StringComparison.Ordinal) == true)
            message = $"Neo4j did not allow the store's user to do this ({what}) while {doing} on {Target}{detail}";
        else if (code == "Neo.ClientError.Transaction.TransactionNotFound"
                 || (status == HttpStatusCode.NotFound && doing.Contains("transaction", StringComparison.Ordinal))
                 || (serverMessage?.Contains("was not found", StringComparison.OrdinalIgnoreCase) == true
                     && serverMessage.Contains("ransaction", StringComparison.Ordinal)))
            message = $"Neo4j no longer knows the store's transaction ({what}) while {doing} on {Target}{detail} It expired "
                + "(it was idle longer than the server's transaction timeout) or was rolled back, or the request reached another "
                + "cluster member. Nothing of it was committed.";
        else if (code == "Neo.ClientError.Database.DatabaseNotFound")
            message = $"Neo4j has no database '{Options.Database}' ({what}) at {_http.BaseAddress}{detail} Check Store:Neo4j:Database.";
        else if (transient)
            message = $"Neo4j failed transiently ({what}) while {doing} on {Target}{detail}";
        else if (code is null)
            message = $"Neo4j answered HTTP {(int)status} {status} while {doing} on {Target}{detail}";
        else
            message = $"Neo4j reported {code} (HTTP {(int)status}) while {doing} on {Target}{detail}";
        return new Neo4jStoreException(message, code, status, transient);
    }

    /// <summary>Removes any credential from a text that goes into a message.</summary>
    internal string Scrub(string text)
    {
        foreach (var secret in _secrets) text = text.Replace(secret, "***", StringComparison.Ordinal);
        return text;
    }

    public void Dispose() => _http.Dispose();
}
