using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace SocialCapital.Api.Tests.Infrastructure;

/// <summary>Requests with one bearer token to one API process over real HTTP.</summary>
internal sealed class ProcessClient(HttpClient http, Uri address, string token)
{
    /// <summary>Sends a request and reads the JSON answer, asserting its status.</summary>
    public async Task<JsonElement> JsonAsync(HttpMethod method, string path, int status, string? json = null)
    {
        using var response = await http.SendAsync(Request(method, path, json));
        return await response.JsonAsync(status);
    }

    /// <summary>Sends a request and asserts a problem answer with this status.</summary>
    public async Task ProblemAsync(HttpMethod method, string path, int status, string? json = null)
    {
        using var response = await http.SendAsync(Request(method, path, json));
        await response.AssertProblemAsync(status);
    }

    private HttpRequestMessage Request(HttpMethod method, string path, string? json)
    {
        var request = new HttpRequestMessage(method, new Uri(address, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        return request;
    }
}
