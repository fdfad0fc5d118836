using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SocialCapital.Api.Tests.Infrastructure;

/// <summary>Snapshot ("approved file") checks of JSON documents committed beside the tests. The document is normalised
/// (object members sorted by name, indented, '\n' line ends) so that only a real change shows. On a mismatch the new
/// document is written beside the committed one as <c>NAME.received.json</c> and the test fails, saying how to accept
/// it; with the environment variable <see cref="AcceptVariable"/>=1 the committed file is overwritten instead.</summary>
internal static class ApprovedFile
{
    /// <summary>Set to 1 to accept every received document (overwrite the committed files).</summary>
    public const string AcceptVariable = "SC_ACCEPT_SNAPSHOTS";

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // readable diffs: '<', '&', '–' as they are
    };

    /// <summary>Asserts that <paramref name="json"/> equals the committed <paramref name="relativePath"/> (absolute, or from the
    /// repository root) once both are normalised.</summary>
    public static void AssertMatches(string json, string relativePath, string acceptCommand)
    {
        var approvedPath = Path.Combine(Repo.Root, relativePath);
        var received = Normalise(json);
        var receivedPath = Path.ChangeExtension(approvedPath, ".received.json");
        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            File.WriteAllText(approvedPath, received, new UTF8Encoding(false));
            File.Delete(receivedPath);
            return;
        }
        var approved = File.Exists(approvedPath) ? Normalise(File.ReadAllText(approvedPath)) : null;
        if (approved == received)
        {
            File.Delete(receivedPath);
            return;
        }
        File.WriteAllText(receivedPath, received, new UTF8Encoding(false));
        var why = approved is null ? $"{relativePath} is not committed yet" : $"the document differs from {relativePath}";
        Assert.Fail($"{why}. The new document is in {receivedPath}; compare them (e.g. `diff {approvedPath} {receivedPath}`). "
            + $"If the change is intended, accept it with `{acceptCommand}` and commit the file.{FirstDifference(approved, received)}");
    }

    /// <summary>Sorted members, indented, '\n' line ends, a final line end.</summary>
    public static string Normalise(string json)
    {
        var node = JsonNode.Parse(json) ?? throw new InvalidOperationException("The document is JSON null.");
        return Sorted(node)!.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
    }

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Sorted)]),
        null => null,
        _ => node.DeepClone(),
    };

    private static string FirstDifference(string? approved, string received)
    {
        if (approved is null) return "";
        var a = approved.Split('\n');
        var r = received.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, r.Length); i++)
        {
            var left = i < a.Length ? a[i] : "<end>";
            var right = i < r.Length ? r[i] : "<end>";
            if (left != right) return $"\nFirst difference, line {i + 1}:\n  committed: {left.Trim()}\n  received:  {right.Trim()}";
        }
        return "";
    }
}
