using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace SocialCapital.Neo4j;

/// <summary>A request body written straight to the request stream with a <see cref="Utf8JsonWriter"/>: a batch of
/// rows is never held as one string.</summary>
internal sealed class JsonBody : HttpContent
{
    private readonly Action<Utf8JsonWriter> _write;

    public JsonBody(Action<Utf8JsonWriter> write)
    {
        _write = write;
        Headers.ContentType = new MediaTypeHeaderValue(TypedJson.MediaType);
    }

    /// <summary>A Query API request: <c>{"statement": …, "parameters": {…}}</c>, parameters in typed JSON.</summary>
    public static JsonBody Query(CypherStatement statement, IReadOnlyDictionary<string, object?>? parameters) => new(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("statement", statement.Text);
        if (parameters is { Count: > 0 })
        {
            writer.WriteStartObject("parameters");
            foreach (var (name, value) in parameters)
            {
                writer.WritePropertyName(name);
                TypedJson.Write(writer, value);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    });

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await using var writer = new Utf8JsonWriter(stream);
        _write(writer);
        await writer.FlushAsync().ConfigureAwait(false);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        SerializeToStreamAsync(stream, context);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
