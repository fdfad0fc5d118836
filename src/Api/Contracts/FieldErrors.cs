namespace SocialCapital.Api.Contracts;

/// <summary>Collects what is wrong with a request, field by field, so one 400 answer lists every problem.</summary>
internal sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    public bool Any => _errors.Count > 0;

    public void ThrowIfAny()
    {
        if (Any) throw new RequestValidationException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
    }
}

/// <summary>A request broke a rule; answered with 400 and the field errors.</summary>
internal sealed class RequestValidationException(IDictionary<string, string[]> errors)
    : Exception("The request is not valid: " + string.Join("; ", errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))))
{
    public IDictionary<string, string[]> Errors { get; } = errors;
}
