namespace SocialCapital.Model;

/// <summary>Collects problems up to <see cref="DataValidationException.MaxReported"/>, counting the rest.</summary>
internal sealed class ProblemCollector
{
    private readonly List<DataProblem> _kept = [];

    public int Count { get; private set; }

    public bool Any => Count > 0;

    public void Add(DataProblem problem)
    {
        Count++;
        if (_kept.Count < DataValidationException.MaxReported) _kept.Add(problem);
    }

    public void Add(string source, int? line, string? column, string? value, string reason) =>
        Add(new DataProblem(source, line, column, value, reason));

    public IReadOnlyList<DataProblem> Problems => _kept;

    /// <summary>Appends another collector's problems after this one's, as if they had been added here.</summary>
    public void AddAll(ProblemCollector other)
    {
        foreach (var p in other._kept)
            if (_kept.Count < DataValidationException.MaxReported) _kept.Add(p);
        Count += other.Count;
    }

    public void ThrowIfAny()
    {
        if (Any) throw new DataValidationException(_kept.ToArray(), Count);
    }
}
