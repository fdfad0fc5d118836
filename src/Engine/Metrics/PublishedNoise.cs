using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace SocialCapital.Metrics;

/// <summary>Adds <see cref="NoiseOptions"/> noise to published aggregates (docs/measures.md#noise). Each published cell
/// (a measure of one area or group in one release) gets Laplace noise of scale b = Δ/ε, Δ = U/n: U the range of one
/// person's contribution to the measure, n the people the cell's published count says are behind it (never less than
/// the minimum cell size). Counts get Δ = 1 and are rounded. The noise is a pure function of the key, the release
/// (e.g. the snapshot version), the setting, the cell and the measure — HMAC-SHA256, not a random draw — so identical
/// queries of one release answer identically, every cell gets its own draw, and a new release draws anew. With noise
/// off the rows are returned unchanged. Thread-safe; allocates per call.</summary>
public static class PublishedNoise
{
    /// <summary>Adds noise to area rows, or to the cells of a breakdown (<see cref="AreaMetrics.ComputeBy"/>: each area and
    /// group its own cell). Suppressed rows and null values stay as they are.</summary>
    /// <param name="rows">The rows.</param>
    /// <param name="noise">The noise.</param>
    /// <param name="release">What the rows were computed from, e.g. the snapshot version; part of each cell's identity.</param>
    /// <param name="minCellSize">The suppression threshold the rows were computed with: the smallest n behind a cell.</param>
    /// <returns>The noisy rows, in the same order (the same list when noise is off).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="Model.InvalidOptionsException"><paramref name="noise"/> breaks <see cref="NoiseOptions.Validate"/>.</exception>
    public static IReadOnlyList<AreaMeasures> Apply(IReadOnlyList<AreaMeasures> rows, NoiseOptions noise, string release, int minCellSize)
    {
        Guard.NotNull(rows);
        Guard.NotNull(noise);
        Guard.NotNull(release);
        noise.ThrowIfInvalid();
        if (!noise.Enabled) return rows;
        using var hmac = new HMACSHA256([.. noise.Key]);
        var result = new AreaMeasures[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            // A breakdown's cell is its area and group: each draws its own noise (the release should name the grouping).
            var cell = rows[i].Group is { } group ? rows[i].Area + "\n" + group : rows[i].Area;
            result[i] = Area(new Drawer(hmac, noise.Epsilon, release, "area", cell), rows[i], minCellSize);
        }
        return result;
    }

    /// <summary>Adds noise to one area row (as <see cref="Apply(IReadOnlyList{AreaMeasures}, NoiseOptions, string, int)"/>),
    /// with the cell identity <paramref name="release"/>.</summary>
    internal static AreaMeasures Apply(AreaMeasures row, NoiseOptions noise, string release, int minCellSize) =>
        Apply([row], noise, release, minCellSize)[0];

    /// <summary>Adds noise to peer-group rows. Suppressed rows and null values stay as they are.</summary>
    /// <param name="rows">The rows.</param>
    /// <param name="noise">The noise.</param>
    /// <param name="release">What the rows were computed from, e.g. the snapshot version.</param>
    /// <param name="minCellSize">The suppression threshold the rows were computed with.</param>
    /// <returns>The noisy rows, in the same order (the same list when noise is off).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="Model.InvalidOptionsException"><paramref name="noise"/> breaks <see cref="NoiseOptions.Validate"/>.</exception>
    public static IReadOnlyList<GroupMeasures> Apply(IReadOnlyList<GroupMeasures> rows, NoiseOptions noise, string release, int minCellSize)
    {
        Guard.NotNull(rows);
        Guard.NotNull(noise);
        Guard.NotNull(release);
        noise.ThrowIfInvalid();
        if (!noise.Enabled) return rows;
        using var hmac = new HMACSHA256([.. noise.Key]);
        var result = new GroupMeasures[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var g = rows[i];
            if (g.Suppressed || g.Members is not { } members) { result[i] = g; continue; }
            var draw = new Drawer(hmac, noise.Epsilon, release, "group", g.Id);
            var n = Math.Max(Math.Max(minCellSize, members), 1);
            var noisyMembers = draw.Count("Members", members);
            result[i] = g with
            {
                Members = noisyMembers,
                Exposure = draw.Mean("Exposure", g.Exposure, 2, n),
                FriendingBias = draw.Mean("FriendingBias", g.FriendingBias, 2, n),
                BlauWork = draw.Mean("BlauWork", g.BlauWork, 1, n),
                InWorkShare = draw.Mean("InWorkShare", g.InWorkShare, 1, n),
                FreePlaces = g.FreePlaces - (noisyMembers - members),
            };
        }
        return result;
    }

    private static AreaMeasures Area(Drawer draw, AreaMeasures a, int minCellSize)
    {
        if (a.Suppressed || a.People is not { } people) return a;
        var n = Math.Max(Math.Max(minCellSize, people), 1);
        var low = Math.Max(Math.Max(minCellSize, a.LowSes ?? 0), 1);
        var floor = Math.Max(minCellSize, 1);
        var ec = draw.Noise("EconomicConnectedness", 2.0 / low);
        var wc = draw.Noise("WorkConnectedness", 2.0 / floor);
        return a with
        {
            People = draw.Count("People", people),
            LowSes = a.LowSes is { } lowSes ? draw.Count("LowSes", lowSes) : null,
            EconomicConnectedness = a.EconomicConnectedness + ec,
            EconomicConnectednessCiLow = a.EconomicConnectednessCiLow + ec,
            EconomicConnectednessCiHigh = a.EconomicConnectednessCiHigh + ec,
            Exposure = draw.Mean("Exposure", a.Exposure, 2, n),
            FriendingBias = draw.Mean("FriendingBias", a.FriendingBias, 2, low),
            WorkConnectedness = a.WorkConnectedness + wc,
            WorkConnectednessCiLow = a.WorkConnectednessCiLow + wc,
            WorkConnectednessCiHigh = a.WorkConnectednessCiHigh + wc,
            Clustering = draw.Mean("Clustering", a.Clustering, 1, n),
            SupportRatio = draw.Mean("SupportRatio", a.SupportRatio, 1, n),
            BondingShare = draw.Mean("BondingShare", a.BondingShare, 1, n),
            BridgingShare = draw.Mean("BridgingShare", a.BridgingShare, 1, n),
            LinkingShare = draw.Mean("LinkingShare", a.LinkingShare, 1, n),
            CrossAreaShare = draw.Mean("CrossAreaShare", a.CrossAreaShare, 1, n),
            EiWork = draw.Mean("EiWork", a.EiWork, 2, n),
            AssortativityWork = draw.Mean("AssortativityWork", a.AssortativityWork, 2, n),
            MeanConstraint = draw.Mean("MeanConstraint", a.MeanConstraint, 1, n),
        };
    }

    /// <summary>The Laplace draw of one cell: the one place noise is made, for area, group and what-if cells.</summary>
    /// <param name="key">The keyed hash.</param>
    /// <param name="epsilon">ε.</param>
    /// <param name="release">The release.</param>
    /// <param name="setting">The kind of setting (<c>area</c>, <c>group</c>).</param>
    /// <param name="cell">The setting's code or id.</param>
    internal readonly struct Drawer(HMACSHA256 key, double epsilon, string release, string setting, string cell)
    {
        /// <summary>Laplace noise of scale <paramref name="sensitivity"/>/ε for <paramref name="measure"/> of this cell.</summary>
        public double Noise(string measure, double sensitivity)
        {
            var hash = key.ComputeHash(Encoding.UTF8.GetBytes(string.Join('\n', release, setting, cell, measure)));
            // 53 random bits → u in (0, 1), never 0 or 1; then the inverse CDF of Laplace(0, b).
            var u = ((BinaryPrimitives.ReadUInt64BigEndian(hash) >> 11) + 0.5) / (1UL << 53) - 0.5;
            return -sensitivity / epsilon * Math.Sign(u) * Math.Log(1 - 2 * Math.Abs(u));
        }

        /// <summary>A mean of per-person values in a range of width <paramref name="range"/> over <paramref name="n"/>
        /// people, with noise of sensitivity range/n; null stays null.</summary>
        public double? Mean(string measure, double? value, double range, int n) =>
            value is { } v ? v + Noise(measure, range / n) : null;

        /// <summary>A count with noise of sensitivity 1, rounded, never below 0.</summary>
        public int Count(string measure, int value) => Math.Max(0, (int)Math.Round(value + Noise(measure, 1), MidpointRounding.ToEven));
    }
}
