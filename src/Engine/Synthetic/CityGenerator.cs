using System.Globalization;
using System.Text;
using CsvHelper;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using SocialCapital.Interchange;
using SocialCapital.Model;

namespace SocialCapital.Synthetic;

/// <summary>Generates a realistic synthetic city in the interchange format: citizens, mentors, coaches,
/// employers and peer groups in areas of varying deprivation, with every tie kind. People are drawn from
/// UK-like age and employment distributions; contacts follow a degree-corrected model (Chung–Lu propensities)
/// with homophily by area, work status, SES band and age band controlled by one parameter. The model and the
/// statistics its defaults follow are in docs/generator.md. Deterministic for a seed; rows are streamed to
/// disk, so memory stays at a few arrays per person.</summary>
public static class CityGenerator
{
    private static readonly AgeBand[] Ages = [AgeBand.Age16To24, AgeBand.Age25To34, AgeBand.Age35To49, AgeBand.Age50To64, AgeBand.Age65Plus];
    private static readonly double[] AgeShares = [0.14, 0.17, 0.24, 0.24, 0.21];
    private static readonly Employment[] Statuses = [Employment.Employed, Employment.SelfEmployed, Employment.Unemployed, Employment.Inactive, Employment.Student, Employment.Retired];

    // Employment by age band (rows follow Ages; columns follow Statuses): about 75% of 16-64s in work.
    private static readonly double[][] StatusShares =
    [
        [0.50, 0.03, 0.07, 0.08, 0.32, 0.00],
        [0.75, 0.08, 0.04, 0.11, 0.02, 0.00],
        [0.73, 0.12, 0.03, 0.12, 0.00, 0.00],
        [0.60, 0.12, 0.03, 0.22, 0.00, 0.03],
        [0.08, 0.04, 0.00, 0.02, 0.00, 0.86],
    ];

    private static readonly string[] Sectors =
        ["health", "social_care", "retail", "hospitality", "education", "construction", "manufacturing", "logistics", "finance", "digital", "public_admin", "creative"];
    private static readonly string[] Skills =
        ["cv_writing", "interviews", "customer_service", "driving", "it_basics", "coding", "bookkeeping", "first_aid", "forklift", "teaching", "english_esol", "project_management"];
    private static readonly string[] SecondLanguages = ["pl", "ur", "pa", "bn", "ro", "ar", "cy", "so", "pt", "es"];

    /// <summary>Writes <c>nodes.csv</c> and <c>ties.csv</c> of a generated city into a folder (replacing them).</summary>
    /// <param name="directory">The folder; created when missing.</param>
    /// <param name="options">The city's parameters; defaults to a 10,000-people city.</param>
    /// <param name="progress">Receives the fraction done, from 0 to 1.</param>
    /// <param name="cancellationToken">Stops the generation; nothing is left in the folder.</param>
    /// <returns>What was written.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="IOException">The files cannot be written.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static CitySummary Generate(string directory, CityOptions? options = null, IProgress<double>? progress = null,
        CancellationToken cancellationToken = default)
    {
        Guard.NotEmpty(directory);
        options ??= new CityOptions();
        options.Validate();
        Directory.CreateDirectory(directory);
        var city = new City(options);
        int nodes = 0;
        long ties = 0;
        AtomicFiles.Write(
            [Path.Combine(directory, DatasetReader.NodesFileName), Path.Combine(directory, DatasetReader.TiesFileName)],
            temporaries =>
            {
                using (var writer = Writer(temporaries[0])) nodes = city.WriteNodes(writer);
                using (var writer = Writer(temporaries[1])) ties = city.WriteTies(writer, progress, cancellationToken);
            });
        progress?.Report(1);
        return new CitySummary(nodes, ties, options.People, options.AreaCount, city.PersonTies);
    }

    private static CsvWriter Writer(string path) => CsvWriter.Create(
        new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20), new CsvWriterOptions { NewLine = "\n", Injection = CsvInjection.None }, leaveOpen: false);

    /// <summary>The city's people and places, as compact arrays, and the ways to write them.</summary>
    private sealed class City
    {
        private readonly CityOptions _o;
        private readonly MersenneTwister _random;
        private readonly int _n;
        private readonly string[] _ids;
        private readonly int[] _area;
        private readonly AgeBand[] _age;
        private readonly Employment[] _employment;
        private readonly NodeKind[] _kind;
        private readonly double[] _ses;
        private readonly double[] _propensity;
        private readonly int[] _sector;
        private readonly int[] _capacity;

        // The last few contacts of each person, for triadic closure: a ring of RecentSlots per person.
        private const int RecentSlots = 16;
        private readonly int[] _recent;
        private readonly int[] _recentCount;
        private readonly string[] _areaCodes;
        private readonly (string Id, int Area, int Sector, int Capacity)[] _employers;
        private readonly (string Id, int Area, int Capacity)[] _groups;

        public long PersonTies { get; private set; }

        public City(CityOptions options)
        {
            _o = options;
            _random = new MersenneTwister(options.Seed);
            _n = options.People;
            var areas = options.AreaCount;
            _areaCodes = Enumerable.Range(1, areas).Select(a => "A" + a.ToString("D" + Digits(areas), CultureInfo.InvariantCulture)).ToArray();
            var deprivation = Enumerable.Range(0, areas).Select(_ => 2 * _random.NextDouble() - 1).ToArray();
            var areaWeights = Enumerable.Range(0, areas).Select(_ => 0.6 + 0.8 * _random.NextDouble()).ToArray();
            var areaTable = new AliasTable(Enumerable.Range(0, areas).ToArray(), areaWeights);

            _ids = new string[_n];
            _area = new int[_n];
            _age = new AgeBand[_n];
            _employment = new Employment[_n];
            _kind = new NodeKind[_n];
            _ses = new double[_n];
            _propensity = new double[_n];
            _sector = new int[_n];
            _capacity = new int[_n];
            _recent = new int[(long)_n * RecentSlots];
            _recentCount = new int[_n];
            var idFormat = "D" + Digits(_n);
            var sigma = 0.7;
            for (var i = 0; i < _n; i++)
            {
                _ids[i] = "p" + (i + 1).ToString(idFormat, CultureInfo.InvariantCulture);
                var a = areaTable.Sample(_random);
                _area[i] = a;
                var ageIndex = Pick(AgeShares);
                _age[i] = Ages[ageIndex];
                _employment[i] = Statuses[PickStatus(StatusShares[ageIndex], deprivation[a])];
                var work = _employment[i].ToWorkStatus();
                var inWorkAdult = work == WorkStatus.InWork && _age[i] is not (AgeBand.Age16To24 or AgeBand.Age65Plus);
                var r = _random.NextDouble();
                _kind[i] = inWorkAdult && r < 0.025 ? NodeKind.Mentor : inWorkAdult && r < 0.03 ? NodeKind.Coach : NodeKind.Citizen;
                if (_kind[i] == NodeKind.Coach) _employment[i] = Employment.Employed;
                var effect = work switch { WorkStatus.InWork => 0.5, WorkStatus.OutOfWork => -0.7, WorkStatus.Student => -0.2, _ => 0.0 };
                var latent = -0.7 * deprivation[a] + effect + Normal.Sample(_random, 0, 1);
                _ses[i] = Math.Round(Normal.CDF(0, 1.2, latent), 3);
                _propensity[i] = LogNormal.Sample(_random, -sigma * sigma / 2, sigma);
                _sector[i] = work == WorkStatus.InWork ? _random.Next(Sectors.Length) : -1;
                _capacity[i] = _kind[i] == NodeKind.Mentor ? 1 + _random.Next(3) : -1;
            }
            var employerCount = Math.Max(3, _n / 150);
            _employers = Enumerable.Range(0, employerCount)
                .Select(e => ("e" + (e + 1).ToString("D" + Digits(employerCount), CultureInfo.InvariantCulture), _random.Next(areas), _random.Next(Sectors.Length), _random.Next(0, 9)))
                .ToArray();
            var groupCount = Math.Max(3, _n / 250);
            _groups = Enumerable.Range(0, groupCount)
                .Select(g => ("g" + (g + 1).ToString("D" + Digits(groupCount), CultureInfo.InvariantCulture), _random.Next(areas), _random.Next(8, 21)))
                .ToArray();
        }

        public int WriteNodes(CsvWriter csv)
        {
            csv.WriteRecord(["id", "kind", "area", "employment", "age_band", "sector", "ses", "languages", "skills", "goals", "capacity"]);
            for (var i = 0; i < _n; i++)
            {
                var work = _employment[i].ToWorkStatus();
                var languages = _random.NextDouble() < 0.12 ? "en;" + SecondLanguages[_random.Next(SecondLanguages.Length)] : "en";
                var skills = _kind[i] == NodeKind.Mentor ? string.Join(';', TwoOf(Skills))
                    : _random.NextDouble() < 0.3 ? Skills[_random.Next(Skills.Length)] : "";
                var goals = "";
                if (_kind[i] == NodeKind.Citizen && work is WorkStatus.OutOfWork or WorkStatus.Student)
                {
                    var two = TwoOf(Sectors);
                    goals = _random.NextDouble() < 0.5 ? two[0] + ";" + two[1] : two[0];
                }
                csv.WriteRecord([
                    _ids[i], _kind[i].Name(), _areaCodes[_area[i]], _employment[i].Name(), _age[i].Name(),
                    _sector[i] >= 0 ? Sectors[_sector[i]] : "", _ses[i].ToString("0.###", CultureInfo.InvariantCulture),
                    languages, skills, goals,
                    _capacity[i] >= 0 ? _capacity[i].ToString(CultureInfo.InvariantCulture) : "",
                ]);
            }
            foreach (var (id, area, sector, capacity) in _employers)
                csv.WriteRecord([id, "employer", _areaCodes[area], "", "", Sectors[sector], "", "", "", "", capacity.ToString(CultureInfo.InvariantCulture)]);
            foreach (var (id, area, capacity) in _groups)
                csv.WriteRecord([id, "peer_group", _areaCodes[area], "", "", "", "", "", "", "", capacity.ToString(CultureInfo.InvariantCulture)]);
            return _n + _employers.Length + _groups.Length;
        }

        public long WriteTies(CsvWriter csv, IProgress<double>? progress, CancellationToken token)
        {
            csv.WriteRecord(["source", "target", "kind", "strength", "since", "until"]);
            var residents = Group(_n, i => _area[i]);
            var community = Communities(residents);
            var communityTables = Enumerable.Range(0, community.Max() + 1)
                .Select(c => new List<int>()).ToArray();
            for (var i = 0; i < _n; i++) communityTables[community[i]].Add(i);
            var byCommunity = communityTables.Select(c => new AliasTable([.. c], _propensity)).ToArray();
            var areaTables = residents.Select(r => r.Length > 0 ? new AliasTable(r, _propensity) : null).ToArray();
            var everyone = new AliasTable(Enumerable.Range(0, _n).ToArray(), _propensity);
            var h = _o.Homophily;
            long written = 0;
            for (var i = 0; i < _n; i++)
            {
                if ((i & 0x3FFF) == 0)
                {
                    token.ThrowIfCancellationRequested();
                    progress?.Report(0.9 * i / _n);
                }
                var count = Poisson.Sample(_random, _propensity[i] * _o.MeanContacts / 2);
                for (var t = 0; t < count; t++)
                {
                    var j = -1;
                    for (var attempt = 0; j < 0 && attempt < 8; attempt++)
                    {
                        // Where to look: a friend of a friend (triadic closure, Rapoport 1953: the main source of
                        // clustering in real networks), one's own community of ~50 people, one's area, or anywhere;
                        // the higher h, the closer to home. Partners come in proportion to their propensity.
                        var r = _random.NextDouble();
                        var candidate = r < 0.5 * h ? FriendOfFriend(i) : -1;
                        if (candidate < 0)
                        {
                            var pool = r < 0.75 * h ? byCommunity[community[i]] : r < h ? areaTables[_area[i]] : everyone;
                            candidate = (pool is { Count: > 1 } ? pool : everyone).Sample(_random);
                        }
                        if (candidate == i) continue;
                        // Whom to accept: alike people always; each dimension of difference (work status, SES
                        // band, age band) multiplies the chance by (1 − h): h = 0 accepts anyone, h = 1 only the alike.
                        if (_random.NextDouble() < Math.Pow(1 - h, 3 * (1 - Similarity(i, candidate))) || attempt == 7) j = candidate;
                    }
                    if (j < 0) continue;
                    WriteTie(csv, i, j);
                    Remember(i, j);
                    Remember(j, i);
                    written++;
                }
            }
            PersonTies = written;
            written += WriteInstitutionalTies(csv, residents);
            return written;
        }

        private long WriteInstitutionalTies(CsvWriter csv, int[][] residents)
        {
            long written = 0;
            var outOfWork = residents.Select(r => r.Where(i => _kind[i] == NodeKind.Citizen && _employment[i].ToWorkStatus() == WorkStatus.OutOfWork).ToArray()).ToArray();
            var coaches = residents.Select(r => r.Where(i => _kind[i] == NodeKind.Coach).ToArray()).ToArray();
            var anyCoach = Enumerable.Range(0, _n).Where(i => _kind[i] == NodeKind.Coach).ToArray();
            for (var m = 0; m < _n; m++)
            {
                if (_kind[m] != NodeKind.Mentor) continue;
                var pool = outOfWork[_area[m]];
                if (pool.Length == 0) continue;
                var current = _random.Next(0, _capacity[m] + 1); // some mentors full, most with free places
                for (var k = 0; k < current; k++) { Tie(csv, m, pool[_random.Next(pool.Length)], "mentoring", "1", Since(), ""); written++; }
                if (_random.NextDouble() < 0.3)
                {
                    var (since, until) = Ended();
                    Tie(csv, m, pool[_random.Next(pool.Length)], "mentoring", "1", since, until);
                    written++;
                }
            }
            for (var a = 0; a < residents.Length; a++)
            {
                var local = coaches[a].Length > 0 ? coaches[a] : anyCoach;
                if (local.Length == 0) continue;
                foreach (var c in outOfWork[a])
                {
                    if (_random.NextDouble() >= 0.7) continue;
                    var coach = local[_random.Next(local.Length)];
                    Tie(csv, coach, c, "coaching", "1", Since(), "");
                    written++;
                    if (_random.NextDouble() < 0.1) { Tie(csv, coach, c, "referral", "1", Since(), ""); written++; }
                }
            }
            foreach (var (id, area, capacity) in _groups)
            {
                var pool = residents[area];
                if (pool.Length == 0) continue;
                var size = (int)Math.Round(capacity * (0.4 + 0.6 * _random.NextDouble()));
                foreach (var member in Distinct(pool, size)) { Write(csv, _ids[member], id, "membership", "1", Since(), ""); written++; }
            }
            var employersByArea = Group(_employers.Length, e => _employers[e].Area);
            for (var i = 0; i < _n; i++)
            {
                var local = employersByArea[_area[i]];
                if (_employment[i] != Employment.Employed || local.Length == 0 || _random.NextDouble() >= 0.3) continue;
                Write(csv, _ids[i], _employers[local[_random.Next(local.Length)]].Id, "employment", "1", Since(), "");
                written++;
            }
            return written;
        }

        private void WriteTie(CsvWriter csv, int i, int j)
        {
            var bothInWork = _employment[i].ToWorkStatus() == WorkStatus.InWork && _employment[j].ToWorkStatus() == WorkStatus.InWork;
            var r = _random.NextDouble();
            var (kind, strength) = bothInWork && r < 0.25 ? ("colleague", 1 + _random.Next(2))
                : r < 0.35 ? ("family", 2 + _random.Next(2))
                : r < 0.6 ? ("acquaintance", 1)
                : r < 0.62 ? ("referral", 1)
                : ("friend", 1 + _random.Next(3));
            var d = _random.NextDouble();
            var (since, until) = d < 0.05 ? Ended() : d < 0.65 ? (Since(), "") : ("", "");
            Tie(csv, i, j, kind, strength.ToString(CultureInfo.InvariantCulture), since, until);
        }

        private void Tie(CsvWriter csv, int source, int target, string kind, string strength, string since, string until) =>
            Write(csv, _ids[source], _ids[target], kind, strength, since, until);

        private static void Write(CsvWriter csv, string source, string target, string kind, string strength, string since, string until) =>
            csv.WriteRecord([source, target, kind, strength, since, until]);

        private string Since() => Date(-_random.Next(1, 3650));

        private (string Since, string Until) Ended()
        {
            var until = -_random.Next(1, 365);
            return (Date(until - _random.Next(30, 2000)), Date(until));
        }

        private string Date(int days) => _o.ReferenceDate.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        /// <summary>Share of the three attribute dimensions (work status, SES band, age band) on which two people agree.</summary>
        private double Similarity(int i, int j)
        {
            var same = 0;
            if (_employment[i].ToWorkStatus() == _employment[j].ToWorkStatus()) same++;
            if (_ses[i] >= 0.5 == _ses[j] >= 0.5) same++;
            if (_age[i] == _age[j]) same++;
            return same / 3.0;
        }

        private IEnumerable<int> Distinct(int[] pool, int size)
        {
            var chosen = new HashSet<int>();
            for (var tries = 0; chosen.Count < Math.Min(size, pool.Length) && tries < size * 4; tries++)
                chosen.Add(pool[_random.Next(pool.Length)]);
            return chosen.Order();
        }

        private int Pick(double[] shares)
        {
            var r = _random.NextDouble();
            for (var k = 0; k < shares.Length - 1; k++) { r -= shares[k]; if (r < 0) return k; }
            return shares.Length - 1;
        }

        /// <summary>Picks an employment status; deprivation (−1 to 1) scales the out-of-work shares by up to ±50%.</summary>
        private int PickStatus(double[] shares, double deprivation)
        {
            Span<double> adjusted = stackalloc double[shares.Length];
            double total = 0;
            for (var k = 0; k < shares.Length; k++)
            {
                var outOfWork = Statuses[k] is Employment.Unemployed or Employment.Inactive;
                adjusted[k] = shares[k] * (outOfWork ? 1 + 0.5 * deprivation : 1);
                total += adjusted[k];
            }
            var r = _random.NextDouble() * total;
            for (var k = 0; k < shares.Length - 1; k++) { r -= adjusted[k]; if (r < 0) return k; }
            return shares.Length - 1;
        }

        /// <summary>Two different items, at random.</summary>
        private string[] TwoOf(string[] items)
        {
            var first = _random.Next(items.Length);
            var second = (first + 1 + _random.Next(items.Length - 1)) % items.Length;
            return [items[first], items[second]];
        }

        /// <summary>A random contact of a random recent contact of i (not i itself), or -1.</summary>
        private int FriendOfFriend(int i)
        {
            var k = Recent(i);
            if (k < 0) return -1;
            var j = Recent(k);
            return j == i ? -1 : j;
        }

        private int Recent(int i)
        {
            var known = Math.Min(_recentCount[i], RecentSlots);
            return known == 0 ? -1 : _recent[(long)i * RecentSlots + _random.Next(known)];
        }

        private void Remember(int i, int j) => _recent[(long)i * RecentSlots + (_recentCount[i]++ % RecentSlots)] = j;

        /// <summary>Splits each area's residents at random into communities of about 50 people (a workplace,
        /// a school, a street): the dense pockets that give real networks their clustering.</summary>
        private int[] Communities(int[][] residents)
        {
            var community = new int[_n];
            var next = 0;
            foreach (var area in residents)
            {
                var shuffled = area.ToArray();
                for (var k = shuffled.Length - 1; k > 0; k--)
                {
                    var swap = _random.Next(k + 1);
                    (shuffled[k], shuffled[swap]) = (shuffled[swap], shuffled[k]);
                }
                var groups = Math.Max(1, (int)Math.Round(shuffled.Length / 50.0));
                for (var k = 0; k < shuffled.Length; k++) community[shuffled[k]] = next + k % groups;
                next += groups;
            }
            return community;
        }

        private int[][] Group(int count, Func<int, int> areaOf)
        {
            var lists = Enumerable.Range(0, _areaCodes.Length).Select(_ => new List<int>()).ToArray();
            for (var i = 0; i < count; i++) lists[areaOf(i)].Add(i);
            return lists.Select(l => l.ToArray()).ToArray();
        }

        private static int Digits(int n) => n.ToString(CultureInfo.InvariantCulture).Length;
    }
}
