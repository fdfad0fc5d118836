using System.Globalization;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using SocialCapital.Model;

namespace SocialCapital.Synthetic;

// The population: people with their attributes, employers and peer groups, and the node rows.
public static partial class CityGenerator
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
    private static readonly string[] English = ["en"];

    /// <summary>The city's people and places, as compact arrays, and the ways to write them. Every draw comes from one
    /// generator in a fixed order (the people, their lists, then the ties), so a seed gives the same city.</summary>
    private sealed partial class City
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
            _random = new MersenneTwister(options.Seed, threadSafe: false); // one thread per city: no lock per draw
            _n = options.People;
            var areas = options.AreaCount;
            _areaCodes = AreaCodes(areas);
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
            _life = options.Lifecycle ? new Life(options, _n) : null;
            var employerCount = Math.Max(3, _n / 150);
            _employers = Enumerable.Range(0, employerCount)
                .Select(e => ("e" + (e + 1).ToString("D" + Digits(employerCount), CultureInfo.InvariantCulture), _random.Next(areas), _random.Next(Sectors.Length), _random.Next(0, 9)))
                .ToArray();
            var groupCount = Math.Max(3, _n / 250);
            _groups = Enumerable.Range(0, groupCount)
                .Select(g => ("g" + (g + 1).ToString("D" + Digits(groupCount), CultureInfo.InvariantCulture), _random.Next(areas), _random.Next(8, 21)))
                .ToArray();
        }

        /// <summary>Draws the node rows' lists and writes the rows to <paramref name="writer"/> (none when null: the draws
        /// alone, to bring the random stream to the ties). <paramref name="final"/>, when given, is each person's
        /// employment to write instead of the drawn one (the planted effect's outcome); a person it puts into work who had
        /// no sector gets their first goal as sector. <paramref name="coaching"/>, when given, adds each person's hub, a coach's
        /// specialisms, capacity and second language, and a citizen's needs (after their goals).</summary>
        public int WriteNodes(CityWriter? writer, Employment[]? final = null, CoachingPlan? coaching = null)
        {
            writer?.BeginNodes();
            for (var i = 0; i < _n; i++)
            {
                var work = _employment[i].ToWorkStatus();
                IReadOnlyList<string> languages = _random.NextDouble() < 0.12 ? ["en", SecondLanguages[_random.Next(SecondLanguages.Length)]] : English;
                IReadOnlyList<string> skills = _kind[i] == NodeKind.Mentor ? TwoOf(Skills)
                    : _random.NextDouble() < 0.3 ? [Skills[_random.Next(Skills.Length)]] : [];
                IReadOnlyList<string> goals = [];
                if (_kind[i] == NodeKind.Citizen && work is WorkStatus.OutOfWork or WorkStatus.Student)
                {
                    var two = TwoOf(Sectors);
                    goals = _random.NextDouble() < 0.5 ? two : [two[0]];
                }
                if (writer is null) continue;
                var employment = final?[i] ?? _employment[i];
                var sector = _sector[i] >= 0 ? Sectors[_sector[i]]
                    : employment.ToWorkStatus() == WorkStatus.InWork && goals.Count > 0 ? goals[0] : null;
                int? capacity = _capacity[i] >= 0 ? _capacity[i] : null;
                string? hub = null;
                IReadOnlyList<string> specialisms = [];
                if (coaching is not null)
                {
                    hub = coaching.HubNames[coaching.Hub[i]];
                    if (coaching.Needs[i] is { } needs) goals = [.. goals, .. needs];
                    if (_kind[i] == NodeKind.Coach)
                    {
                        specialisms = coaching.Specialisms[i] ?? [];
                        capacity = coaching.Capacity[i];
                        if (coaching.ExtraLanguage[i] is { } extra && !languages.Contains(extra)) languages = [.. languages, extra];
                    }
                }
                writer.Node(_ids[i], _kind[i], _areaCodes[_area[i]], employment, _age[i], sector,
                    _ses[i], languages, skills, goals, capacity, hub, specialisms);
            }
            if (writer is null) return _n + _employers.Length + _groups.Length;
            foreach (var (id, area, sector, capacity) in _employers)
                writer.Node(id, NodeKind.Employer, _areaCodes[area], Employment.Unknown, AgeBand.Unknown, Sectors[sector], null, [], [], [], capacity, null, []);
            foreach (var (id, area, capacity) in _groups)
                writer.Node(id, NodeKind.PeerGroup, _areaCodes[area], Employment.Unknown, AgeBand.Unknown, null, null, [], [], [], capacity, null, []);
            return _n + _employers.Length + _groups.Length;
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

        private int[][] Group(int count, Func<int, int> areaOf)
        {
            var lists = Enumerable.Range(0, _areaCodes.Length).Select(_ => new List<int>()).ToArray();
            for (var i = 0; i < count; i++) lists[areaOf(i)].Add(i);
            return lists.Select(l => l.ToArray()).ToArray();
        }

        private static int Digits(int n) => n.ToString(CultureInfo.InvariantCulture).Length;
    }
}
