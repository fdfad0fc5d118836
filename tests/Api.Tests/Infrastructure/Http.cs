using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace SocialCapital.Api.Tests.Infrastructure;

/// <summary>Requests and answers as the tests write them: JSON bodies, parsed answers with the body in every failure
/// message, the snapshot headers.</summary>
internal static class Http
{
    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>A JSON body from text, exactly as given.</summary>
    public static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    /// <summary>A JSON body serialised from an object (camelCase, as the API expects).</summary>
    public static StringContent JsonOf(object value) => Json(JsonSerializer.Serialize(value, Web));

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, object body) =>
        client.PutAsync(new Uri(url, UriKind.Relative), JsonOf(body));

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsync(new Uri(url, UriKind.Relative), JsonOf(body));

    public static Task<HttpResponseMessage> GetAsync(this HttpClient client, string url) =>
        client.GetAsync(new Uri(url, UriKind.Relative));

    /// <summary>A GET of a measure computed in the background: asked again while it answers 202 (each time after a short
    /// pause, not the whole Retry-After), until another answer or two minutes have passed.</summary>
    public static async Task<HttpResponseMessage> GetComputedAsync(this HttpClient client, string url)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var response = await client.GetAsync(url);
            if ((int)response.StatusCode != 202 || DateTime.UtcNow > deadline) return response;
            response.Dispose();
            await Task.Delay(200);
        }
    }

    public static async Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string url, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative)) { Content = content };
        return await client.SendAsync(request);
    }

    /// <summary>The body parsed as JSON.</summary>
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new Xunit.Sdk.XunitException($"The answer ({(int)response.StatusCode}) is not JSON: {e.Message}\n{Cut(text)}");
        }
    }

    /// <summary>Asserts the status (with the body in the message) and returns the JSON body.</summary>
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, int status)
    {
        await response.AssertStatusAsync(status);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return await response.JsonAsync();
    }

    public static async Task AssertStatusAsync(this HttpResponseMessage response, int status)
    {
        if ((int)response.StatusCode == status) return;
        var body = await response.Content.ReadAsStringAsync();
        throw new Xunit.Sdk.XunitException(
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {status}, got {(int)response.StatusCode}\n{Cut(body)}");
    }

    public static async Task AssertSuccessAsync(this HttpResponseMessage response)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync();
        throw new Xunit.Sdk.XunitException(
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected 2xx, got {(int)response.StatusCode}\n{Cut(body)}");
    }

    /// <summary>The <c>X-Snapshot-Version</c> header, asserted present.</summary>
    public static long SnapshotVersion(this HttpResponseMessage response)
    {
        Assert.True(response.Headers.TryGetValues("X-Snapshot-Version", out var values), "the answer has no X-Snapshot-Version header");
        return long.Parse(values.Single(), CultureInfo.InvariantCulture);
    }

    /// <summary>The <c>ETag</c> header, asserted present.</summary>
    public static EntityTagHeaderValue ETag(this HttpResponseMessage response) =>
        response.Headers.ETag ?? throw new Xunit.Sdk.XunitException("the answer has no ETag header");

    public static double? NumberOrNull(this JsonElement element, string property) =>
        element.GetProperty(property).ValueKind == JsonValueKind.Null ? null : element.GetProperty(property).GetDouble();

    public static string Str(this JsonElement element, string property) =>
        element.GetProperty(property).GetString() ?? throw new Xunit.Sdk.XunitException($"'{property}' is null in {element}");

    public static JsonElement[] Items(this JsonElement element, string property = "items") => [.. element.GetProperty(property).EnumerateArray()];

    public static string Cut(string text) => text.Length <= 2000 ? text : text[..2000] + "…";
}
