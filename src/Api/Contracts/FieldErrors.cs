using Microsoft.AspNetCore.Http.HttpResults;
using SocialCapital.Model;

namespace SocialCapital.Api.Contracts;

/// <summary>Collects what is wrong with a request, field by field, so one 400 answer lists every problem.</summary>
internal sealed class FieldErrors
{
    public const string Title = "Invalid input";
    public const string Detail = "The request is not valid.";

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    /// <summary>Adds the engine's verdict on options built from the request (an options type's <c>Validate()</c>): each
    /// problem under the request field it came from — <paramref name="fields"/> maps an engine option name
    /// (<c>EffectPerInWorkContact</c>) to it (<c>effect</c>); any other name is written in camelCase
    /// (<c>MaxPerCitizen</c> → <c>maxPerCitizen</c>). The limits are the engine's; the API never checks them itself.</summary>
    public void AddOptions(IReadOnlyList<OptionProblem> problems, IReadOnlyDictionary<string, string>? fields = null)
    {
        foreach (var p in problems)
        {
            var field = fields is not null && fields.TryGetValue(p.Option, out var named) ? named : CamelCase(p.Option);
            Add(field, $"{field} {p.Reason} (got {p.Value ?? "null"}).");
        }
    }

    public bool Any => _errors.Count > 0;

    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>The 400 answer listing every problem.</summary>
    public ValidationProblem ToProblem() => TypedResults.ValidationProblem(ToDictionary(), Detail, title: Title);

    public void ThrowIfAny()
    {
        if (Any) throw new RequestValidationException(ToDictionary());
    }

    /// <summary><c>Match.MaxPerCitizen</c> → <c>match.maxPerCitizen</c>.</summary>
    public static string CamelCase(string path) =>
        string.Join('.', path.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
}

/// <summary>A request broke a rule; answered with 400 and the field errors.</summary>
internal sealed class RequestValidationException(IDictionary<string, string[]> errors)
    : Exception("The request is not valid: " + string.Join("; ", errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))))
{
    public IDictionary<string, string[]> Errors { get; } = errors;
}
