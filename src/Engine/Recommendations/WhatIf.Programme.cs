using System.Security.Cryptography;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Metrics;
using SocialCapital.Model;

namespace SocialCapital.Recommendations;

public static partial class WhatIf
{
    /// <summary>Evaluates a programme described without naming anyone (docs/recommendations.md#programme-what-if): chooses
    /// the <see cref="Programme.Citizens"/> citizens of the area — those the description names, without a current mentor,
    /// fewest bridging ties first, then by id (ordinal) — assigns them mentors of the pool optimally
    /// (<see cref="CohortAssignment"/>, one mentor each, within every mentor's free places and
    /// <see cref="Programme.MaxPerMentor"/>), and evaluates the mentoring ties as <see cref="Evaluate"/> does. Reports only
    /// aggregates: the programme's area and the areas its mentors come from, with every cell behind fewer than the minimum
    /// cell size suppressed and <see cref="WhatIfOptions.Noise"/> added (the "before" values get the noise the published
    /// area measures of <see cref="WhatIfOptions.Release"/> get). Deterministic: the same data, programme and options
    /// give the same answer.</summary>
    /// <param name="dataset">The current data.</param>
    /// <param name="programme">The programme.</param>
    /// <param name="options">Options; defaults to <see cref="WhatIfOptions.Default"/>.</param>
    /// <param name="graph">The dataset's graph when it is made already (a snapshot file's): built with
    /// <see cref="WhatIfOptions.Graph"/> (its analysis date and tie policy) from exactly these records. Default null: it
    /// is built here. The graph with the mentoring ties is made by editing it (as <see cref="Evaluate"/> does).</param>
    /// <returns>The aggregates.</returns>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="graph"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="graph"/> has another analysis date, tie policy or number of
    /// nodes than the options and the dataset give.</exception>
    /// <exception cref="InvalidOptionsException">An option breaks <see cref="WhatIfOptions.Validate"/>; the programme breaks
    /// <see cref="Programme.Validate"/>; or it cannot be published: its area has no residents, its
    /// <see cref="Programme.Citizens"/> is below the minimum cell size or not a multiple of it, the area has fewer citizens of
    /// the kind named, or the pool has places for fewer than the minimum cell size of them (each named in
    /// <see cref="InvalidOptionsException.Problems"/>, as <c>Area</c>, <c>Citizens</c> or <c>Pool</c>).</exception>
    /// <exception cref="OperationCanceledException">The area options' token was cancelled.</exception>
    public static ProgrammeResult EvaluateProgramme(Dataset dataset, Programme programme, WhatIfOptions? options = null,
        SocialGraph? graph = null)
    {
        Guard.NotNull(dataset);
        Guard.NotNull(programme);
        options ??= WhatIfOptions.Default;
        options.ThrowIfInvalid();
        InvalidOptionsException.ThrowIfAny(programme.Validate());
        if (graph is not null) CheckGraph(dataset, graph, options);
        var cell = options.Areas.MinCellSize;
        InvalidOptionsException.ThrowIfAny(new OptionRules()
            .Check(programme.Citizens >= cell, nameof(Programme.Citizens), programme.Citizens,
                $"must be at least the minimum cell size ({cell}): a programme of fewer citizens would publish a cell of fewer people")
            .Check(programme.Citizens < cell || cell <= 1 || programme.Citizens % cell == 0, nameof(Programme.Citizens), programme.Citizens,
                $"must be a multiple of the minimum cell size ({cell}), so that two programmes differ by a whole cell, never by one person")
            .Problems);

        graph ??= dataset.ToGraph(options.Graph);
        var chosen = Choose(graph, programme);
        var areaKnown = false;
        for (var u = 0; u < graph.NodeCount && !areaKnown; u++) areaKnown = graph.IsPerson(u) && graph.Area(u) == programme.Area;
        InvalidOptionsException.ThrowIfAny(new OptionRules()
            .Check(areaKnown, nameof(Programme.Area), programme.Area, "names no area with residents")
            .Check(!areaKnown || chosen.Count >= programme.Citizens, nameof(Programme.Citizens), programme.Citizens,
                $"is more than the area's {Describe(programme.Which)}")
            .Problems);

        var assignment = CohortAssignment.AssignCapped(graph, new CohortOptions
        {
            Citizens = chosen,
            Match = MatchOptions.Default with { AnyArea = programme.Pool == MentorPool.AnyArea, Top = 0 },
            CancellationToken = options.Areas.CancellationToken,
        }, programme.MaxPerMentor);
        var mentored = assignment.AssignedCitizens;
        InvalidOptionsException.ThrowIfAny(new OptionRules()
            .Check(mentored >= Math.Max(cell, 1), nameof(Programme.Pool), programme.Pool,
                $"has places for fewer than {Math.Max(cell, 1)} of the programme's citizens; widen the pool (AnyArea) or allow more per mentor")
            .Problems);

        var ties = MentoringTies(assignment.Pairs.Select(p => (p.Citizen, p.Mentor))).ToArray();
        var comparison = Compare(dataset, graph, ties, options);
        var reported = new HashSet<string>(StringComparer.Ordinal) { programme.Area };
        foreach (var pair in assignment.Pairs)
            if (graph.TryGetIndex(pair.Mentor, out var m) && graph.Area(m) is { } area) reported.Add(area);

        var noise = options.Noise;
        var afterRelease = options.Release + "\n" + programme.Canonical();
        var changes = new List<AreaChange>();
        using var hmac = noise.Enabled ? new HMACSHA256([.. noise.Key]) : null;
        foreach (var before in comparison.Before)
        {
            if (!reported.Contains(before.Area)) continue;
            var b = PublishedNoise.Apply(before, noise, options.Release, cell);
            var a = PublishedNoise.Apply(comparison.After[before.Area], noise, afterRelease, cell);
            var change = comparison.Change(b, a);
            if (change.Suppressed) { changes.Add(change); continue; }
            var gaining = comparison.Gaining.GetValueOrDefault(before.Area);
            var moves = comparison.Moves.GetValueOrDefault(before.Area);
            if (gaining < Math.Max(cell, 1))
                change = change with { GainingInWorkContact = null, ExtraMovesIntoWork = null };
            else if (hmac is not null)
            {
                var draw = new PublishedNoise.Drawer(hmac, noise.Epsilon, afterRelease, "area", before.Area);
                // One citizen gets one mentor, so adds at most p0·effect to the estimate and 1 to the count.
                change = change with
                {
                    GainingInWorkContact = draw.Count(nameof(AreaChange.GainingInWorkContact), gaining),
                    ExtraMovesIntoWork = moves + draw.Noise(nameof(AreaChange.ExtraMovesIntoWork), options.BaselineMoveRate * options.EffectPerInWorkContact),
                };
            }
            changes.Add(change);
        }
        var published = cell > 1 ? mentored / cell * cell : mentored;
        return new ProgrammeResult(programme, programme.Citizens, published, changes);
    }

    /// <summary>The programme's citizens (ids): those of its area of the kind it names, without a current mentor, fewest
    /// bridging ties first, then by id (ordinal); at most <see cref="Programme.Citizens"/>.</summary>
    internal static List<string> Choose(SocialGraph graph, Programme programme)
    {
        var eligible = new List<(int Bridging, string Id)>();
        for (var u = 0; u < graph.NodeCount; u++)
        {
            if (graph.Kind(u) != NodeKind.Citizen || graph.Area(u) != programme.Area || graph.Mentoring.HasCurrentMentor(u)) continue;
            if (programme.Which == ProgrammeCitizens.OutOfWork && graph.WorkStatus(u) != WorkStatus.OutOfWork) continue;
            eligible.Add((CohortAssignment.BridgingContacts(graph, u), graph.Id(u)));
        }
        eligible.Sort((x, y) => x.Bridging != y.Bridging ? x.Bridging.CompareTo(y.Bridging) : string.CompareOrdinal(x.Id, y.Id));
        var chosen = new List<string>(Math.Min(programme.Citizens, eligible.Count));
        for (var i = 0; i < eligible.Count && i < programme.Citizens; i++) chosen.Add(eligible[i].Id);
        return chosen;
    }

    private static string Describe(ProgrammeCitizens which) => which switch
    {
        ProgrammeCitizens.OutOfWork => "out-of-work citizens without a current mentor",
        _ => "citizens without a current mentor",
    };
}
