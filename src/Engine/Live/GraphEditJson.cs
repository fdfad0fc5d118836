using System.Text.Json;
using System.Text.Json.Serialization;
using SocialCapital.Model;

namespace SocialCapital.Live;

/// <summary>The JSON form of a <see cref="GraphEdit"/>, as a shared store's change feed keeps it: an object with the
/// edit's <c>type</c> (<c>upsert_node</c>, <c>delete_node</c>, …) and its records with camelCase fields and enumerations
/// by name. It round-trips every edit exactly (doubles bit for bit, attributes and lists in order).</summary>
public static class GraphEditJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver
        {
            Modifiers =
            {
                info =>
                {
                    if (info.Type != typeof(GraphEdit)) return;
                    info.PolymorphismOptions = new()
                    {
                        TypeDiscriminatorPropertyName = "type",
                        UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization,
                        DerivedTypes =
                        {
                            new(typeof(GraphEdit.UpsertNode), "upsert_node"),
                            new(typeof(GraphEdit.DeleteNode), "delete_node"),
                            new(typeof(GraphEdit.UpsertTie), "upsert_tie"),
                            new(typeof(GraphEdit.UpsertTies), "upsert_ties"),
                            new(typeof(GraphEdit.DeleteTies), "delete_ties"),
                            new(typeof(GraphEdit.UpsertProposals), "upsert_proposals"),
                            new(typeof(GraphEdit.UpsertStatus), "upsert_status"),
                            new(typeof(GraphEdit.AddContact), "add_contact"),
                        },
                    };
                },
            },
        },
    };

    /// <summary>The edit as JSON.</summary>
    /// <param name="edit">The edit.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(GraphEdit edit) => JsonSerializer.Serialize(Guard.NotNull(edit), Options);

    /// <summary>An edit from its JSON form.</summary>
    /// <param name="json">The JSON text, as <see cref="Serialize"/> wrote it.</param>
    /// <returns>The edit.</returns>
    /// <exception cref="FormatException">The text is not an edit's JSON form.</exception>
    public static GraphEdit Deserialize(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<GraphEdit>(Guard.NotNull(json), Options)
                ?? throw new FormatException("A change's edit is JSON null, not an edit.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"A change's edit is not valid: {e.Message}", e);
        }
    }
}
