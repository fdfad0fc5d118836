using System.Globalization;
using CsvHelper;
using SocialCapital.Model;

namespace SocialCapital.Synthetic;

/// <summary>Where the generator puts the rows it draws: CSV files (<see cref="Csv"/>) or records in memory
/// (<see cref="Records"/>). Both receive exactly the same rows, so a city made in memory equals the files of the
/// same options read back.</summary>
internal abstract class CityWriter
{
    /// <summary>Called once before the first node.</summary>
    public virtual void BeginNodes()
    {
    }

    /// <summary>Called once before the first tie.</summary>
    public virtual void BeginTies()
    {
    }

    /// <summary>One node row.</summary>
    public abstract void Node(string id, NodeKind kind, string? area, Employment employment, AgeBand age, string? sector,
        double? ses, IReadOnlyList<string> languages, IReadOnlyList<string> skills, IReadOnlyList<string> goals, int? capacity);

    /// <summary>One tie row.</summary>
    public abstract void Tie(string source, string target, TieKind kind, int strength, DateOnly? since, DateOnly? until);

    /// <summary>Writes <c>nodes.csv</c> and <c>ties.csv</c> rows, headers first, as the interchange format has them.</summary>
    public sealed class Csv : CityWriter
    {
        private readonly CsvWriter _nodes;
        private readonly CsvWriter _ties;

        /// <param name="nodes">Receives the node rows.</param>
        /// <param name="ties">Receives the tie rows.</param>
        public Csv(CsvWriter nodes, CsvWriter ties)
        {
            _nodes = nodes;
            _ties = ties;
        }

        public override void BeginNodes() =>
            _nodes.WriteRecord(["id", "kind", "area", "employment", "age_band", "sector", "ses", "languages", "skills", "goals", "capacity"]);

        public override void BeginTies() => _ties.WriteRecord(["source", "target", "kind", "strength", "since", "until"]);

        public override void Node(string id, NodeKind kind, string? area, Employment employment, AgeBand age, string? sector,
            double? ses, IReadOnlyList<string> languages, IReadOnlyList<string> skills, IReadOnlyList<string> goals, int? capacity) =>
            _nodes.WriteRecord([
                id, kind.Name(), area ?? "", employment.Name(), age.Name(), sector ?? "",
                ses is { } s ? s.ToString("0.###", CultureInfo.InvariantCulture) : "",
                string.Join(';', languages), string.Join(';', skills), string.Join(';', goals),
                capacity is { } c ? c.ToString(CultureInfo.InvariantCulture) : "",
            ]);

        public override void Tie(string source, string target, TieKind kind, int strength, DateOnly? since, DateOnly? until) =>
            _ties.WriteRecord([source, target, kind.Name(), strength.ToString(CultureInfo.InvariantCulture), Date(since), Date(until)]);

        private static string Date(DateOnly? date) => date is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";
    }

    /// <summary>Makes <see cref="NodeRecord"/>s and <see cref="TieRecord"/>s equal to what reading the CSV rows would give.</summary>
    public sealed class Records(int expectedTies) : CityWriter
    {
        public List<NodeRecord> Nodes { get; } = [];

        public List<TieRecord> Ties { get; } = new(expectedTies);

        public override void Node(string id, NodeKind kind, string? area, Employment employment, AgeBand age, string? sector,
            double? ses, IReadOnlyList<string> languages, IReadOnlyList<string> skills, IReadOnlyList<string> goals, int? capacity) =>
            Nodes.Add(new NodeRecord(id, kind)
            {
                Area = area,
                Employment = employment,
                AgeBand = age,
                Sector = sector,
                Ses = ses,
                Languages = languages,
                Skills = skills,
                Goals = goals,
                Capacity = capacity,
            });

        public override void Tie(string source, string target, TieKind kind, int strength, DateOnly? since, DateOnly? until) =>
            Ties.Add(new TieRecord(source, target, kind) { Strength = strength, Since = since, Until = until });
    }
}
