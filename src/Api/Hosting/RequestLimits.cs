using SocialCapital.Api.Errors;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace SocialCapital.Api.Hosting;

/// <summary>Refuses a body larger than the endpoint allows (imports) or the default limit, with a 413 problem before
/// anything is read. Kestrel also enforces the same limit while reading bodies of unknown length.</summary>
internal sealed class RequestLimits(RequestDelegate next, LimitSettings limits)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var limit = http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? limits.MaxBodyBytes;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;
        if (http.Request.ContentLength is { } length && length > limit)
        {
            await ProblemWriter.WriteAsync(http, StatusCodes.Status413PayloadTooLarge, "Payload too large",
                $"The body has {length:N0} bytes; this endpoint takes at most {limit:N0} (see Limits in the configuration).");
            return;
        }
        await next(http);
    }
}
