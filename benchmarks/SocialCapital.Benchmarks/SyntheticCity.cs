using System.Runtime.CompilerServices;
using SocialCapital.Interchange;
using SocialCapital.Model;

namespace SocialCapital.Benchmarks;

/// <summary>A deterministic synthetic city for benchmarks: <c>people</c> people (mostly citizens, a few
/// mentors and coaches) in areas of about 5,000, and exactly <c>ties</c> person–person ties (friend, family,
/// acquaintance, colleague, mentoring, coaching) with homophily. Only for benchmarks: the shapes are
/// plausible, not calibrated.</summary>
/// <remarks>
/// <para>Population: about 75 % employed or self-employed, the rest unemployed, inactive, student or
/// retired; age bands 16–24 to 65+, with students mostly 16–24 and the retired 65+; SES in [0, 1]
/// correlated with employment and with an area effect (3 % unknown); a sector for people in work;
/// 0.4 % mentors and 0.05 % coaches.</para>
/// <para>Ties: most are within an area. A share of them join people close together in the area's
/// member list (households, friend circles), which gives the graph real triangles (clustering), the rest
/// join random people of the area (slightly skewed towards popular people) or of the whole city.
/// Colleagues are people in work. Mentors and coaches tie to people out of work. About 2 % of the ties
/// ended before <see cref="AsOf"/> and are not in a snapshot built for that date.</para>
/// <para>Deterministic for a seed, whatever the number of cores: the work is cut into fixed chunks, each
/// with its own <see cref="Random"/> seeded from the seed and the chunk number. About 1M people and 10M
/// ties take a few seconds and ~0.8 GB (one <see cref="TieRecord"/> is ~64 bytes); id strings are
/// shared between a node and its ties, and list values are shared arrays.</para>
/// </remarks>
public sealed class SyntheticCity
{
    /// <summary>The analysis date the city is made for; build snapshots with it so results do not depend on today.</summary>
    public static readonly DateOnly AsOf = new(2025, 1, 1);

    /// <summary>People per area (at least 3 areas).</summary>
    public const int PeoplePerArea = 5000;

    private const int ChunkSize = 1 << 15;

    // Neighbourhood radii in an area's member list: smaller means more triangles (clustering).
    private const int FamilyRadius = 2, FriendRadius = 12, AcquaintanceRadius = 25, TeamRadius = 10;

    // One worker per core: an unbounded Parallel.For lets the thread pool add threads while chunks run long.
    private static readonly ParallelOptions Cores = new() { MaxDegreeOfParallelism = Environment.ProcessorCount };

    private static readonly string[] Sectors =
    [
        "health", "retail", "education", "construction", "manufacturing", "hospitality", "logistics",
        "finance", "public_admin", "it", "care", "creative",
    ];

    private static readonly IReadOnlyList<string>[] LanguageSets =
        [["en"], ["en"], ["en"], ["en"], ["en"], ["en"], ["en"], ["en", "pl"], ["en", "ur"], ["en", "pa"], ["ro"], ["en", "cy"]];

    private static readonly IReadOnlyList<string>[] SkillSets =
        [["driving"], ["customer_service"], ["it_basic"], ["forklift"], ["first_aid"], ["care"], ["bookkeeping"]];

    private static readonly DateOnly[] SinceDates = [new(2015, 3, 1), new(2019, 9, 1), new(2021, 1, 15), new(2023, 6, 1), new(2024, 11, 1)];

    private SyntheticCity(NodeRecord[] nodes, TieRecord[] ties, int areas, int seed)
    {
        Nodes = nodes;
        Ties = ties;
        AreaCount = areas;
        Seed = seed;
    }

    /// <summary>The nodes, in id order (<c>p0000001</c>, <c>p0000002</c>, …).</summary>
    public IReadOnlyList<NodeRecord> Nodes { get; }

    /// <summary>The ties.</summary>
    public IReadOnlyList<TieRecord> Ties { get; }

    /// <summary>Number of areas.</summary>
    public int AreaCount { get; }

    /// <summary>The seed the city was made with.</summary>
    public int Seed { get; }

    /// <summary>Snapshot options for this city: <see cref="AsOf"/>, the default policy, every core.</summary>
    public static Graph.GraphOptions GraphOptions { get; } = new() { AsOf = AsOf };

    /// <summary>The id of the i-th person (0-based): <c>p</c> and i+1 on at least 7 digits.</summary>
    /// <param name="index">The person's index.</param>
    /// <param name="width">Digits (at least 7).</param>
    /// <returns>The id.</returns>
    public static string Id(int index, int width = 7) => string.Create(1 + width, index + 1, static (span, value) =>
    {
        span[0] = 'p';
        for (var i = span.Length - 1; i >= 1; i--)
        {
            span[i] = (char)('0' + value % 10);
            value /= 10;
        }
    });

    /// <summary>The records as a validated <see cref="Dataset"/> (validates them all; takes a while for big cities).</summary>
    /// <returns>The dataset.</returns>
    public Dataset ToDataset() => Dataset.Create(Nodes, Ties);

    /// <summary>Makes a city.</summary>
    /// <param name="people">Number of people, at least 2.</param>
    /// <param name="ties">Number of ties, at least 0.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The city.</returns>
    public static SyntheticCity Generate(int people, int ties, int seed = 20250101)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(people, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(ties);
        var areas = Math.Max(3, people / PeoplePerArea);
        var width = Math.Max(7, (people + 1).ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        var city = new People(people, areas);
        var nodes = MakeNodes(city, width, seed);
        city.Index(nodes);
        var tieRecords = MakeTies(city, ties, seed);
        return new SyntheticCity(nodes, tieRecords, areas, seed);
    }

    /// <summary>The per-person facts the tie generator needs, as compact arrays. Ties are drawn in
    /// "position space": people grouped by area, so that someone's area is a range of positions, a
    /// neighbour in a friend circle is a nearby position, and both ids of most ties sit close together in
    /// memory (the generator is bound by memory latency, not arithmetic).</summary>
    private sealed class People(int count, int areas)
    {
        public readonly int Count = count;
        public readonly int Areas = areas;
        public readonly int[] Area = new int[count];
        public readonly byte[] Flags = new byte[count]; // 1 = in work, 2 = out of work (citizen), 4 = mentor, 8 = coach
        public readonly AgeBand[] Age = new AgeBand[count];

        // Filled by Index(), all by position: the people of area a are positions AreaStart[a]..AreaStart[a+1]-1;
        // Ids and Ages of the person at each position; the positions of the people in work, grouped by area
        // (WorkerStart), of the citizens out of work, of the mentors and of the coaches.
        public int[] AreaStart = [], WorkerStart = [], Workers = [], OutOfWork = [], Mentors = [], Coaches = [];
        public string[] Ids = [];
        public AgeBand[] Ages = [];

        public void Index(NodeRecord[] nodes)
        {
            AreaStart = new int[Areas + 1];
            WorkerStart = new int[Areas + 1];
            int outOfWork = 0, mentors = 0, coaches = 0;
            for (var i = 0; i < Count; i++)
            {
                AreaStart[Area[i] + 1]++;
                if ((Flags[i] & 1) != 0) WorkerStart[Area[i] + 1]++;
                if ((Flags[i] & 2) != 0) outOfWork++;
                if ((Flags[i] & 4) != 0) mentors++;
                if ((Flags[i] & 8) != 0) coaches++;
            }
            for (var a = 0; a < Areas; a++)
            {
                AreaStart[a + 1] += AreaStart[a];
                WorkerStart[a + 1] += WorkerStart[a];
            }
            Ids = new string[Count];
            Ages = new AgeBand[Count];
            Workers = new int[WorkerStart[Areas]];
            OutOfWork = new int[outOfWork];
            Mentors = new int[mentors];
            Coaches = new int[coaches];
            var memberCursor = AreaStart[..^1];
            var workerCursor = WorkerStart[..^1];
            outOfWork = mentors = coaches = 0;
            for (var i = 0; i < Count; i++)
            {
                var a = Area[i];
                var position = memberCursor[a]++;
                Ids[position] = nodes[i].Id;
                Ages[position] = Age[i];
                if ((Flags[i] & 1) != 0) Workers[workerCursor[a]++] = position;
                if ((Flags[i] & 2) != 0) OutOfWork[outOfWork++] = position;
                if ((Flags[i] & 4) != 0) Mentors[mentors++] = position;
                if ((Flags[i] & 8) != 0) Coaches[coaches++] = position;
            }
        }

        /// <summary>The area of a position: binary search in the small AreaStart array.</summary>
        public int AreaOf(int position)
        {
            int lo = 0, hi = Areas - 1;
            while (lo < hi)
            {
                var mid = (lo + hi + 1) >> 1;
                if (AreaStart[mid] <= position) lo = mid;
                else hi = mid - 1;
            }
            return lo;
        }
    }

    private static Random ChunkRandom(int seed, int stream, int chunk) =>
        new((int)(Mix(((ulong)(uint)seed << 32) ^ ((ulong)(uint)stream << 24) ^ (uint)chunk) & int.MaxValue));

    /// <summary>SplitMix64 finaliser, to turn (seed, stream, chunk) into well-spread seeds.</summary>
    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static NodeRecord[] MakeNodes(People city, int width, int seed)
    {
        var n = city.Count;
        var areaNames = new string[city.Areas];
        var areaSes = new double[city.Areas];
        var areaRandom = new Random(seed);
        for (var a = 0; a < city.Areas; a++)
        {
            areaNames[a] = $"E01{a + 1:D6}";
            areaSes[a] = (areaRandom.NextDouble() - 0.5) * 0.3; // area deprivation: ±0.15 on SES
        }
        var nodes = new NodeRecord[n];
        Parallel.For(0, (n + ChunkSize - 1) / ChunkSize, Cores, chunk =>
        {
            var rng = ChunkRandom(seed, 1, chunk);
            var end = Math.Min(n, (chunk + 1) * ChunkSize);
            for (var i = chunk * ChunkSize; i < end; i++) nodes[i] = MakeNode(city, i, width, rng, areaNames, areaSes);
        });
        return nodes;
    }

    private static NodeRecord MakeNode(People city, int i, int width, Random rng, string[] areaNames, double[] areaSes)
    {
        var area = rng.Next(city.Areas);
        var roll = rng.NextDouble();
        var kind = roll < 0.0005 ? NodeKind.Coach : roll < 0.0045 ? NodeKind.Mentor : NodeKind.Citizen;

        var a = rng.NextDouble();
        var age = a < 0.14 ? AgeBand.Age16To24 : a < 0.34 ? AgeBand.Age25To34 : a < 0.61 ? AgeBand.Age35To49
            : a < 0.85 ? AgeBand.Age50To64 : AgeBand.Age65Plus;
        var e = rng.NextDouble();
        var employment = e < 0.62 ? Employment.Employed : e < 0.75 ? Employment.SelfEmployed : e < 0.81 ? Employment.Unemployed
            : e < 0.88 ? Employment.Inactive : e < 0.935 ? Employment.Student : e < 0.99 ? Employment.Retired : Employment.Unknown;
        if (kind != NodeKind.Citizen) employment = Employment.Employed;
        if (employment == Employment.Student && rng.NextDouble() < 0.85) age = AgeBand.Age16To24;
        if (employment == Employment.Retired && rng.NextDouble() < 0.9) age = AgeBand.Age65Plus;
        if (age == AgeBand.Age16To24 && kind != NodeKind.Citizen) age = AgeBand.Age25To34;

        double? ses = null;
        if (rng.NextDouble() >= 0.03)
        {
            var baseline = employment switch
            {
                Employment.Employed => 0.58,
                Employment.SelfEmployed => 0.55,
                Employment.Unemployed => 0.27,
                Employment.Inactive => 0.30,
                Employment.Student => 0.42,
                Employment.Retired => 0.46,
                _ => 0.45,
            };
            // Sum of three uniforms: a bell-shaped noise with sd ≈ 0.17.
            var noise = (rng.NextDouble() + rng.NextDouble() + rng.NextDouble() - 1.5) * 0.34;
            ses = Math.Round(Math.Clamp(baseline + areaSes[area] + noise, 0, 1), 3);
        }

        var inWork = employment is Employment.Employed or Employment.SelfEmployed;
        city.Area[i] = area;
        city.Age[i] = age;
        city.Flags[i] = (byte)((inWork ? 1 : 0)
            | (kind == NodeKind.Citizen && employment is Employment.Unemployed or Employment.Inactive ? 2 : 0)
            | (kind == NodeKind.Mentor ? 4 : 0) | (kind == NodeKind.Coach ? 8 : 0));

        var skillRoll = rng.Next(SkillSets.Length * 3);
        return new NodeRecord(Id(i, width), kind)
        {
            Area = areaNames[area],
            Employment = employment,
            AgeBand = age,
            Sector = kind == NodeKind.Coach ? "public_admin" : inWork ? Sectors[rng.Next(Sectors.Length)] : null,
            Ses = ses,
            Languages = LanguageSets[rng.Next(LanguageSets.Length)],
            Skills = skillRoll < SkillSets.Length ? SkillSets[skillRoll] : [],
            Capacity = kind == NodeKind.Mentor ? 3 + rng.Next(3) : kind == NodeKind.Coach ? 40 : null,
        };
    }

    private static TieRecord[] MakeTies(People city, int count, int seed)
    {
        var ties = new TieRecord[count];
        // Mentoring and coaching first (about 4 per mentor, 40 per coach, at most a tenth of all ties), then the rest.
        var mentoring = (int)Math.Min(count / 20L, city.Mentors.Length * 4L);
        var coaching = (int)Math.Min(count / 20L, city.Coaches.Length * 40L);
        if (city.OutOfWork.Length == 0) mentoring = coaching = 0;
        var special = mentoring + coaching;
        Parallel.For(0, (count + ChunkSize - 1) / ChunkSize, Cores, chunk =>
        {
            var rng = ChunkRandom(seed, 2, chunk);
            var end = Math.Min(count, (chunk + 1) * ChunkSize);
            for (var t = chunk * ChunkSize; t < end; t++)
                ties[t] = t < mentoring ? Guided(city, rng, TieKind.Mentoring, city.Mentors[t % city.Mentors.Length])
                    : t < special ? Guided(city, rng, TieKind.Coaching, city.Coaches[(t - mentoring) % city.Coaches.Length])
                    : Social(city, rng);
        });
        return ties;
    }

    /// <summary>A mentoring or coaching tie from the mentor or coach to a citizen out of work, of the
    /// same area when one is found in a few tries.</summary>
    private static TieRecord Guided(People city, Random rng, TieKind kind, int guide)
    {
        var area = city.AreaOf(guide);
        var target = city.OutOfWork[rng.Next(city.OutOfWork.Length)];
        for (var attempt = 0; attempt < 4 && city.AreaOf(target) != area; attempt++)
            target = city.OutOfWork[rng.Next(city.OutOfWork.Length)];
        return Make(city, guide, target, kind, 1, rng); // a guide is never out of work: never a self tie
    }

    private static TieRecord Social(People city, Random rng)
    {
        var roll = rng.NextDouble();
        int source, target;
        TieKind kind;
        double strength = 1;
        if (roll < 0.12)
        {
            // Family: a household-sized neighbourhood (strong, very clustered).
            kind = TieKind.Family;
            source = rng.Next(city.Count);
            target = Near(city, source, city.AreaOf(source), FamilyRadius, rng);
            strength = 2;
        }
        else if (roll < 0.57)
        {
            // Friends: 55 % in a friend circle, 30 % anyone in the area, 15 % across the city (same age band mostly).
            kind = TieKind.Friend;
            source = rng.Next(city.Count);
            var where = rng.NextDouble();
            target = where < 0.55 ? Near(city, source, city.AreaOf(source), FriendRadius, rng)
                : where < 0.85 ? InArea(city, city.AreaOf(source), rng) : rng.Next(city.Count);
            if (where >= 0.85 && city.Ages[target] != city.Ages[source]) target = rng.Next(city.Count);
            if (rng.NextDouble() < 0.3) strength = 2;
        }
        else if (roll < 0.72)
        {
            // Acquaintances: 40 % in the neighbourhood, 35 % anyone in the area, 25 % across the city.
            kind = TieKind.Acquaintance;
            source = rng.Next(city.Count);
            var where = rng.NextDouble();
            target = where < 0.4 ? Near(city, source, city.AreaOf(source), AcquaintanceRadius, rng)
                : where < 0.75 ? InArea(city, city.AreaOf(source), rng) : rng.Next(city.Count);
            strength = 0.5;
        }
        else
        {
            // Colleagues: two people in work; 60 % in a team of the same area (a neighbourhood of the area's
            // list of people in work), 40 % anyone in work in the city.
            kind = TieKind.Colleague;
            if (city.Workers.Length < 2)
            {
                source = rng.Next(city.Count);
                target = rng.Next(city.Count);
            }
            else
            {
                var w = rng.Next(city.Workers.Length);
                source = city.Workers[w];
                var a = city.AreaOf(source);
                int start = city.WorkerStart[a], inArea = city.WorkerStart[a + 1] - start;
                if (rng.NextDouble() < 0.6 && inArea > 1)
                {
                    var position = (w - start + rng.Next(1, TeamRadius + 1) * (rng.Next(2) == 0 ? 1 : -1)) % inArea;
                    target = city.Workers[start + (position < 0 ? position + inArea : position)];
                }
                else target = city.Workers[rng.Next(city.Workers.Length)];
            }
        }
        if (target == source) target = (source + 1) % city.Count;
        return rng.Next(2) == 0 ? Make(city, source, target, kind, strength, rng) : Make(city, target, source, kind, strength, rng);
    }

    /// <summary>Someone within <paramref name="radius"/> positions of a person in their area (wrapping round).</summary>
    private static int Near(People city, int position, int area, int radius, Random rng)
    {
        int start = city.AreaStart[area], size = city.AreaStart[area + 1] - start;
        if (size < 2) return rng.Next(city.Count);
        var offset = (position - start + rng.Next(1, radius + 1) * (rng.Next(2) == 0 ? 1 : -1)) % size;
        return start + (offset < 0 ? offset + size : offset);
    }

    /// <summary>Someone of an area, the lower of two draws: people early in the area are more popular.</summary>
    private static int InArea(People city, int area, Random rng)
    {
        int start = city.AreaStart[area], size = city.AreaStart[area + 1] - start;
        return size == 0 ? rng.Next(city.Count) : start + Math.Min(rng.Next(size), rng.Next(size));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TieRecord Make(People city, int source, int target, TieKind kind, double strength, Random rng)
    {
        var dates = rng.Next(100);
        return new TieRecord(city.Ids[source], city.Ids[target], kind)
        {
            Strength = strength,
            Since = dates < 30 ? SinceDates[dates % SinceDates.Length] : null,
            // 2 % ended before AsOf (not in the snapshot), 1 % end after it.
            Until = dates >= 97 ? new DateOnly(2026, 6, 30) : dates >= 95 ? new DateOnly(2024, 12, 1) : null,
        };
    }
}
