using System.Text.Json;

namespace SocialCapital.Api.Tests.Infrastructure;

/// <summary>Assertions on RFC 9457 problem details answers.</summary>
internal static class Problems
{
    public const string MediaType = "application/problem+json";

    /// <summary>Asserts a problem details answer with this status (content type, <c>status</c> and <c>title</c>
    /// members) and returns it.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, int status)
    {
        await response.AssertStatusAsync(status);
        Assert.True(response.Content.Headers.ContentType?.MediaType == MediaType,
            $"expected content type {MediaType}, got '{response.Content.Headers.ContentType}'");
        var problem = await response.JsonAsync();
        Assert.Equal(JsonValueKind.Object, problem.ValueKind);
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()), $"the problem has no title: {problem}");
        return problem;
    }

    /// <summary>Asserts a 400 whose <c>errors</c> map names every one of <paramref name="fields"/> with a message.</summary>
    public static async Task<JsonElement> AssertFieldErrorsAsync(this HttpResponseMessage response, params string[] fields)
    {
        var problem = await response.AssertProblemAsync(400);
        Assert.True(problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object,
            $"the 400 problem has no 'errors' field map: {problem}");
        foreach (var field in fields)
        {
            Assert.True(errors.TryGetProperty(field, out var messages), $"no error for '{field}' in {errors}");
            Assert.True(messages.GetArrayLength() > 0 && messages.EnumerateArray().All(m => !string.IsNullOrWhiteSpace(m.GetString())),
                $"the error for '{field}' has no message: {errors}");
        }
        return problem;
    }

    /// <summary>The <c>errors</c> map's keys.</summary>
    public static string[] ErrorFields(this JsonElement problem) =>
        problem.TryGetProperty("errors", out var errors) ? [.. errors.EnumerateObject().Select(p => p.Name)] : [];
}
