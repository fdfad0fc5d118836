using Microsoft.AspNetCore.Http.HttpResults;
using SocialCapital.Api.Contracts;
using SocialCapital.Api.Snapshots;
using SocialCapital.Model;
using SocialCapital.Storage;

namespace SocialCapital.Api.Endpoints;

/// <summary><c>/people</c>: read, list, store and delete people and places.</summary>
internal static class PeopleEndpoints
{
    public static void MapPeople(this IEndpointRouteBuilder app)
    {
        var people = app.MapGroup("/people").WithTags("People");
        people.MapGet("/", List).RequireAuthorization(Policies.Coach)
            .WithSummary("People and places, filtered by area and kind, a page at a time.")
            .WithDescription("In the order they were stored. `kind` is a node kind (citizen, mentor, coach, employer, peer_group).");
        people.MapGet("/{id}", Get).RequireAuthorization(Policies.Coach)
            .WithSummary("One person or place, with everything known of them.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        people.MapPut("/{id}", Put).RequireAuthorization(Policies.Admin)
            .WithSummary("Store a person or place under this id (create or replace).")
            .WithDescription("201 when created, 200 when replaced or unchanged. Once answered, every later read sees the change. "
                + "Changing a kind in a way that breaks the node's ties is a 409.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        people.MapDelete("/{id}", Delete).RequireAuthorization(Policies.Admin)
            .WithSummary("Delete a person or place and every tie that touches it.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static Ok<Paged<PersonView>> List(HttpContext http, SnapshotHost host, string? area, string? kind, int? page, int? pageSize)
    {
        NodeKind? kindFilter = null;
        if (kind is not null)
        {
            if (!WireNames.TryParseNodeKind(kind, out var parsed))
            {
                var errors = new FieldErrors();
                errors.Add("kind", $"Unknown kind '{kind}' (expected one of {string.Join(", ", WireNames.NodeKindNames)}).");
                errors.ThrowIfAny();
            }
            kindFilter = parsed;
        }
        Paging.Check(page, pageSize);
        var snapshot = http.Read(host);
        var matching = snapshot.Dataset.Nodes
            .Where(n => (area is null || n.Area == area) && (kindFilter is null || n.Kind == kindFilter))
            .ToArray();
        var one = Paged<NodeRecord>.Of(matching, page, pageSize);
        return TypedResults.Ok(new Paged<PersonView>([.. one.Items.Select(PersonView.From)], one.Page, one.PageSize, one.Total));
    }

    private static Ok<PersonView> Get(HttpContext http, SnapshotHost host, string id) =>
        TypedResults.Ok(PersonView.From(http.Read(host).RequireNode(id)));

    private static async Task<IResult> Put(HttpContext http, SnapshotHost host, ILogger<SnapshotHost> log, string id, PersonBody body,
        CancellationToken cancellationToken)
    {
        var node = body.ToRecord(id);
        var (outcome, snapshot) = await host.WriteAsync(
            (store, token) => store.UpsertNodeAsync(node, token), dataset => DatasetEdits.UpsertNode(dataset, node), cancellationToken);
        EndpointHelpers.Stamp(http, snapshot);
        log.LogInformation("Node {Id} {Effect} at version {Version}", id, outcome.Effect, outcome.Version); // ids only, never attributes
        var result = new PersonWriteResult(outcome.ToResult(), PersonView.From(node));
        return outcome.Effect == WriteEffect.Created
            ? TypedResults.Created($"/people/{Uri.EscapeDataString(id)}", result)
            : TypedResults.Ok(result);
    }

    private static async Task<Ok<WriteResult>> Delete(HttpContext http, SnapshotHost host, ILogger<SnapshotHost> log, string id,
        CancellationToken cancellationToken)
    {
        var (outcome, snapshot) = await host.WriteAsync(
            (store, token) => store.DeleteNodeAsync(id, token), dataset => DatasetEdits.DeleteNode(dataset, id), cancellationToken);
        EndpointHelpers.Stamp(http, snapshot);
        if (outcome.Effect == WriteEffect.NotFound) throw new NotFoundException($"No person or place has id '{id}'.");
        log.LogInformation("Node {Id} deleted with {Ties} ties at version {Version}", id, outcome.TiesRemoved, outcome.Version);
        return TypedResults.Ok(outcome.ToResult());
    }
}

/// <summary>A stored person and what the write did.</summary>
/// <param name="Write">What the write did.</param>
/// <param name="Person">The person as stored.</param>
public sealed record PersonWriteResult(WriteResult Write, PersonView Person);
