using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using SocialCapital.Api.Audit;
using SocialCapital.Api.Contracts;
using SocialCapital.Api.Errors;
using SocialCapital.Api.Snapshots;
using SocialCapital.Graph;
using SocialCapital.Live;
using SocialCapital.Metrics;
using SocialCapital.Model;
using SocialCapital.Recommendations;
using SocialCapital.Storage;
using SocialCapital.Ties;

namespace SocialCapital.Api.Endpoints;

/// <summary><c>/people</c>: read, list, store and delete people and places; a person's social capital
/// (<c>/people/{id}/capital</c>) and people worth meeting (<c>/people/{id}/recommendations</c>).</summary>
internal static class PeopleEndpoints
{
    public static void MapPeople(this IEndpointRouteBuilder app)
    {
        var people = app.MapGroup("/people");
        people.MapGet("/", List).WithTags("People").RequireAuthorization(Policies.Coach)
            .WithSummary("People and places, filtered by area, kind and search words, a page at a time.")
            .WithDescription("In the order they were stored. `kind` is a node kind (citizen, mentor, coach, employer, peer_group). "
                + $"`q` (at most {PersonSearch.MaxLength} characters) searches: every word must start the id or appear in an attribute "
                + "(kind, area, employment, age band, sector, hub, languages, skills, goals, specialisms, named attributes), ignoring "
                + "case; nodes whose id starts with the whole query come first. Only the caller's areas, as without `q`.");
        people.MapGet("/{id}", Get).WithTags("People").RequireAuthorization(Policies.Coach)
            .WithSummary("One person or place, with everything known of them.");
        people.MapPut("/{id}", Put).WithTags("People").RequireAuthorization(Policies.Admin)
            .WithSummary("Store a person or place under this id (create or replace).")
            .WithDescription("201 when created, 200 when replaced or unchanged. Once answered, every later read sees the change. "
                + "Changing a kind in a way that breaks the node's ties is a 409. The area must be one of the caller's (403); a "
                + "stored node outside the caller's areas is a 404.");
        people.MapDelete("/{id}", Delete).WithTags("People").RequireAuthorization(Policies.Admin)
            .WithSummary("Delete a person or place and every tie that touches it.");
        people.MapGet("/{id}/capital", Capital).WithTags("People").RequireAuthorization(Policies.Coach)
            .WithSummary("A person's social-capital measures, their contacts with each tie's class, and their places.")
            .WithDescription("Measures as in docs/measures.md (constraint, effective size, economic connectedness, …); "
                + "null where a measure is undefined. Contacts are the ties active today. `area`: the measures of the person's area "
                + "as analysts see them (suppressed when small, with the configured noise), to read the person's against; null when "
                + "the area is unknown.");
        people.MapGet("/{id}/betweenness", BetweennessOf).WithTags("People").RequireAuthorization(Policies.Coach)
            .WithSummary("A person's betweenness centrality: the share of shortest paths between other people through them.")
            .WithDescription("Unweighted, over the active person–person contacts, normalised as networkx's default (docs/measures.md#betweenness). "
                + "Computed for everyone once per snapshot, when first asked after an edit: exact up to 100,000 people (about half an hour near that size on 2 cores), "
                + "a 1,000-pivot estimate above, with `errorBound` its 95% Hoeffding half-width.");
        people.MapGet("/{id}/network", Network).WithTags("People").RequireAuthorization(Policies.Coach)
            .WithSummary("A person's ego network to one or two hops: people and places with their kind, ties with their class.")
            .WithDescription($"`hops` 1 or 2 (default 2); `max` the most nodes, 1 to {EgoNetwork.MaxNodesLimit} (default "
                + $"{EgoNetwork.DefaultMaxNodes}): the centre, their places, their contacts strongest first, then two-hop nodes "
                + "touching most of them; `truncated` says when nodes were left out. Someone outside your areas appears only as the "
                + "person's own contact or place, as `hidden-N` with no id, area or employment (as in the capital view); beyond one "
                + "hop they are left out, and the walk does not pass through them.");
        people.MapGet("/{id}/recommendations", Recommendations).WithTags("Recommendations").RequireAuthorization(Policies.Coach)
            .WithSummary("Peers this person would gain most from meeting: likely (shared contacts) and bridging, with reasons.")
            .WithDescription("Scores as in docs/recommendations.md. `top`: how many, best first; 0 = every candidate; default 10 "
                + "(the engine's rule for every `top`).");
    }

    private static Results<Ok<Paged<PersonView>>, ValidationProblem> List(HttpContext http, SnapshotHost host, string? area, string? kind,
        string? q, int? page, int? pageSize)
    {
        var errors = new FieldErrors();
        NodeKind? kindFilter = null;
        if (kind is not null)
        {
            if (WireNames.TryParseNodeKind(kind, out var parsed)) kindFilter = parsed;
            else errors.Add("kind", $"Unknown kind '{kind}' (expected one of {string.Join(", ", WireNames.NodeKindNames)}).");
        }
        if (q is { Length: > PersonSearch.MaxLength }) errors.Add("q", $"q must be at most {PersonSearch.MaxLength} characters.");
        var paging = Paging.Check(page, pageSize, errors);
        if (errors.Any) return errors.ToProblem();
        var snapshot = http.Read(host);
        var caller = Caller.Of(http);
        var words = PersonSearch.Words(q);
        var matching = snapshot.Live.Nodes
            .Where(n => (area is null || n.Area == area) && (kindFilter is null || n.Kind == kindFilter) && caller.Sees(n.Area)
                && (words.Length == 0 || PersonSearch.Matches(n, words)))
            .OrderBy(n => words.Length > 0 && PersonSearch.IdStartsWith(n, q) ? 0 : 1) // stable: stored order within each
            .ToArray();
        var one = Paged<NodeRecord>.Of(matching, paging);
        http.AuditTargets(one.Items.Select(n => n.Id));
        return TypedResults.Ok(new Paged<PersonView>([.. one.Items.Select(PersonView.From)], one.Page, one.PageSize, one.Total));
    }

    private static Results<Ok<PersonView>, NotFoundProblem> Get(HttpContext http, SnapshotHost host, string id) =>
        http.Read(host).MissingNode(Caller.Of(http), id, out var node) is { } missing ? missing : TypedResults.Ok(PersonView.From(node));

    /// <summary>400s for the body come from <see cref="PersonBody.ToRecord"/> and the engine's record rules
    /// (<see cref="DataValidationException"/>), 409 from the store (<see cref="GraphStoreConflictException"/>).</summary>
    private static async Task<Results<Created<PersonWriteResult>, Ok<PersonWriteResult>, ValidationProblem, ConflictProblem, ForbiddenProblem,
        NotFoundProblem>> Put(HttpContext http, SnapshotHost host, ILogger<SnapshotHost> log, string id, PersonBody body, CancellationToken cancellationToken)
    {
        var node = body.ToRecord(id);
        switch (WriteScope.CheckNode(host.Current, Caller.Of(http), id, node.Area))
        {
            case NotFoundProblem notFound: return notFound;
            case ForbiddenProblem forbidden: return forbidden;
        }
        var (outcome, snapshot) = await host.WriteAsync(
            http.Audited((store, audit, token) => store.UpsertNodeAsync(node, audit, token), id), new GraphEdit.UpsertNode(node), cancellationToken);
        EndpointHelpers.Stamp(http, snapshot);
        log.LogInformation("Node {Id} {Effect} at version {Version}", id, outcome.Effect, outcome.Version); // ids only, never attributes
        var result = new PersonWriteResult(outcome.ToResult(), PersonView.From(node));
        return outcome.Effect == WriteEffect.Created
            ? TypedResults.Created($"/people/{Uri.EscapeDataString(id)}", result)
            : TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<WriteResult>, NotFoundProblem>> Delete(HttpContext http, SnapshotHost host,
        ILogger<SnapshotHost> log, string id, CancellationToken cancellationToken)
    {
        if (host.Current.Node(id) is { } stored && !Caller.Of(http).Sees(stored.Area))
            return EndpointHelpers.NoNode(id); // as for an unknown id: no existence oracle
        var (outcome, snapshot) = await host.WriteAsync(
            http.Audited((store, audit, token) => store.DeleteNodeAsync(id, audit, token), id), new GraphEdit.DeleteNode(id), cancellationToken);
        EndpointHelpers.Stamp(http, snapshot);
        if (outcome.Effect == WriteEffect.NotFound) return EndpointHelpers.NoNode(id);
        log.LogInformation("Node {Id} deleted with {Ties} ties at version {Version}", id, outcome.TiesRemoved, outcome.Version);
        return TypedResults.Ok(outcome.ToResult());
    }

    private static Results<Ok<BetweennessView>, NotFoundProblem> BetweennessOf(HttpContext http, SnapshotHost host, string id)
    {
        var snapshot = http.Read(host);
        if (snapshot.MissingPerson(Caller.Of(http), id) is { } missing) return missing;
        var result = snapshot.Live.Betweenness;
        http.AuditTargets([id]);
        return TypedResults.Ok(new BetweennessView(id, result.Values[snapshot.Graph.IndexOf(id)], result.IsExact, result.Pivots, result.ErrorBound(0.05)));
    }

    private static Results<Ok<CapitalView>, NotFoundProblem> Capital(HttpContext http, SnapshotHost host,
        Microsoft.Extensions.Options.IOptions<Hosting.AnalysisSettings> analysis, string id)
    {
        var snapshot = http.Read(host);
        var caller = Caller.Of(http);
        if (snapshot.MissingPerson(caller, id) is { } missing) return missing;
        var graph = snapshot.Graph;
        var node = graph.IndexOf(id);
        var neighbors = graph.Neighbors(node);
        var strengths = graph.Strengths(node);
        var kinds = graph.ContactKinds(node);
        var classes = graph.TieClasses(node);
        var contacts = new ContactView[neighbors.Length];
        for (var i = 0; i < neighbors.Length; i++)
        {
            var other = neighbors[i];
            contacts[i] = new ContactView(VisibleId(graph, other, caller), graph.Kind(other).Name(), classes[i].Name(),
                [.. kinds[i].ToTieKinds().Select(k => k.Name())], strengths[i], graph.BridgingScore(node, other));
        }
        http.AuditTargets([id, .. contacts.Where(c => c.Id is not null).Select(c => c.Id!)]); // only the ids the caller was shown
        var places = graph.PlacesOf(node).ToArray().Select(p => new PlaceView(VisibleId(graph, p, caller), graph.Kind(p).Name())).ToArray();
        var measures = snapshot.Person(node);
        var area = measures.Area is { } code ? AreaEndpoints.Areas(http, host, analysis.Value).Where(a => a.Area == code).Select(a => (AreaMeasures?)a).FirstOrDefault() : null;
        return TypedResults.Ok(new CapitalView(measures, contacts, places, area));
    }

    private static Results<Ok<NetworkView>, NotFoundProblem, ValidationProblem> Network(HttpContext http, SnapshotHost host, string id,
        int? hops, int? max)
    {
        var (h, m) = (hops ?? 2, max ?? EgoNetwork.DefaultMaxNodes);
        var errors = new FieldErrors();
        errors.AddOptions(EgoNetwork.Validate(h, m), new Dictionary<string, string> { ["maxNodes"] = "max" });
        if (errors.Any) return errors.ToProblem();
        var snapshot = http.Read(host);
        var caller = Caller.Of(http);
        if (snapshot.MissingPerson(caller, id) is { } missing) return missing;
        var graph = snapshot.Graph;
        var network = EgoNetwork.Of(graph, id, h, m, caller.Areas.IsAll ? null : n => !caller.Sees(graph.Area(n)));
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        var nodes = new List<NetworkNodeView>(network.Nodes.Count);
        var hidden = 0;
        foreach (var node in network.Nodes)
        {
            if (node.Hidden)
            {
                keys[node.Id] = string.Create(CultureInfo.InvariantCulture, $"hidden-{++hidden}");
                nodes.Add(new NetworkNodeView(keys[node.Id], null, node.Kind.Name(), null, null, node.Hops));
            }
            else
            {
                keys[node.Id] = node.Id;
                var employment = node.Employment.Name();
                nodes.Add(new NetworkNodeView(node.Id, node.Id, node.Kind.Name(), node.Area, employment.Length == 0 ? null : employment, node.Hops));
            }
        }
        var ties = network.Ties.Select(t => new NetworkTieView(keys[t.Source], keys[t.Target], [.. t.Kinds.Select(k => k.Name())],
            t.Class?.Name(), t.Strength)).ToArray();
        http.AuditTargets(nodes.Select(n => n.Id)); // only the ids the caller was shown
        return TypedResults.Ok(new NetworkView(network.Center, network.Hops, m, network.Reached, network.Truncated, nodes, ties));
    }

    /// <summary>A bad <c>top</c> is refused by the engine (<see cref="InvalidOptionsException"/>, a 400 naming <c>top</c>).</summary>
    private static Results<Ok<SuggestionList<PeerSuggestion>>, NotFoundProblem, ValidationProblem> Recommendations(
        HttpContext http, SnapshotHost host, string id, int? top)
    {
        var snapshot = http.Read(host);
        var caller = Caller.Of(http);
        if (snapshot.MissingPerson(caller, id) is { } missing) return missing;
        var wanted = top ?? DefaultTop;
        // Only peers the caller may introduce: every candidate is ranked, those outside the caller's areas are dropped.
        var peers = caller.Areas.IsAll ? PeerSuggestions.ForPerson(snapshot.Graph, id, wanted)
            : Reranked(PeerSuggestions.ForPerson(snapshot.Graph, id, 0).Where(p => caller.Sees(snapshot.Node(p.Peer)?.Area)), wanted,
                (p, rank) => p with { Rank = rank, Reasons = snapshot.Redacted(caller, p.Reasons) });
        http.AuditTargets([id, .. peers.Select(p => p.Peer)]);
        return TypedResults.Ok(new SuggestionList<PeerSuggestion>(id, peers));
    }

    /// <summary>The first <paramref name="top"/> (0: all) of <paramref name="items"/>, ranked again from 1.</summary>
    internal static IReadOnlyList<T> Reranked<T>(IEnumerable<T> items, int top, Func<T, int, T> withRank) =>
        [.. (top > 0 ? items.Take(top) : items).Select((item, i) => withRank(item, i + 1))];

    /// <summary>A contact's or place's id, or <see langword="null"/> when it lies outside the caller's areas: the tie is the
    /// person's own (its class, kinds and strength are shown), the other end's identity is not the caller's to see.</summary>
    private static string? VisibleId(SocialCapital.Graph.SocialGraph graph, int node, Caller caller) =>
        caller.Sees(graph.Area(node)) ? graph.Id(node) : null;

    /// <summary>How many suggestions when the request does not say.</summary>
    internal const int DefaultTop = 10;
}
