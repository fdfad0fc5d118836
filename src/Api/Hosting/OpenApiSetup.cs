using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SocialCapital.Api.Hosting;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c>: titles, the bearer scheme, and schemas that say what the
/// JSON really holds (wire names for kinds, null for undefined measures).</summary>
internal static class OpenApiSetup
{
    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "SocialCapital API",
                Version = "v1",
                Description = "Mentor matches, cohort assignments, peer and group suggestions for coaches; bridging social capital "
                    + "per area for analysts. Every call but /health needs a bearer token with the role named in its description: "
                    + "coach, analyst or admin (admin may do everything). In Development the API prints one token per role at "
                    + "start-up, and `socialcapital token --role coach` mints one. Errors are RFC 9457 problem details.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A JWT from your identity provider (issuer, audience and key as configured under Jwt).",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] }];
            return Task.CompletedTask;
        });
        options.AddSchemaTransformer((schema, context, _) =>
        {
            var type = context.JsonTypeInfo.Type;
            if (type == typeof(double) || type == typeof(double?)) schema.Type = JsonSchemaType.Number | JsonSchemaType.Null; // NaN is written as null
            else if (JsonSetup.WireNamesOf(type) is { } names)
            {
                schema.Type = JsonSchemaType.String | JsonSchemaType.Null;
                schema.Format = null;
                schema.Enum = [.. names.Where(n => n.Length > 0).Select(n => (JsonNode)JsonValue.Create(n))];
            }
            return Task.CompletedTask;
        });
    }
}
