using System.Globalization;
using Microsoft.Extensions.Options;
using SocialCapital.Api.Endpoints;
using SocialCapital.Api.Errors;
using SocialCapital.Api.Hosting;

namespace SocialCapital.Api.Snapshots;

/// <summary>Read-your-writes across replicas: a request that sends <c>X-Min-Version: V</c> (a version an earlier answer
/// gave, in its <c>X-Snapshot-Version</c> header or a write's body) runs only once this replica serves a snapshot at V or
/// later — every snapshot a request then takes (<see cref="EndpointHelpers.Read"/>) is, as versions only grow. It waits up
/// to <see cref="ReplicaSettings.MinVersionWait"/> for the follower, then answers 503 with <c>Retry-After</c>, naming the
/// version asked and the version held. A header that is not one whole number is a 400 naming it.</summary>
/// <remarks>A middleware, not part of <see cref="EndpointHelpers.Read"/>: reads take their snapshot synchronously in
/// many places, and the wait must not hold a thread.</remarks>
internal sealed class MinVersion(RequestDelegate next, SnapshotHost host, IOptions<ReplicaSettings> settings)
{
    public const string Header = "X-Min-Version";

    /// <summary>Seconds a client should wait before asking again after a 503.</summary>
    private const int RetryAfterSeconds = 1;

    public async Task InvokeAsync(HttpContext http)
    {
        if (http.GetEndpoint() is null || !http.Request.Headers.TryGetValue(Header, out var values))
        {
            await next(http);
            return;
        }
        if (values.Count != 1 || !long.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var wanted))
        {
            await ProblemWriter.WriteAsync(http, StatusCodes.Status400BadRequest, "Invalid X-Min-Version header",
                $"The {Header} header must be one whole number of 0 or more (a version from an earlier answer's "
                + $"{EndpointHelpers.VersionHeader} header); it is '{Shown(values.ToString())}'.");
            return;
        }
        var wait = settings.Value.MinVersionWait;
        if (!await host.WaitForVersionAsync(wanted, wait, http.RequestAborted))
        {
            var held = host.Version;
            http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            http.Response.Headers[EndpointHelpers.VersionHeader] = held.ToString(CultureInfo.InvariantCulture);
            await ProblemWriter.WriteAsync(http, StatusCodes.Status503ServiceUnavailable, "Version not reached yet",
                $"The request asked for version {wanted} or later ({Header}); this replica serves version {held} and did not reach "
                + $"{wanted} within {wait.TotalSeconds:0.###} s. Retry after {RetryAfterSeconds} s, here or on another replica.",
                [new("askedVersion", wanted), new("heldVersion", held)]);
            return;
        }
        await next(http);
    }

    /// <summary>The header's value as a message may show it: cut short, control characters replaced.</summary>
    private static string Shown(string value)
    {
        var cut = value.Length > 40 ? value[..40] + "…" : value;
        return string.Create(cut.Length, cut, (span, text) =>
        {
            for (var i = 0; i < text.Length; i++) span[i] = char.IsControl(text[i]) ? '?' : text[i];
        });
    }
}
