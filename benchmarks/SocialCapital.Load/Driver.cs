using System.Text.Json.Nodes;

namespace SocialCapital.Load;

/// <summary>Runs the scenarios in order and writes the results after each, so a run stopped half-way keeps what it
/// measured.</summary>
internal static class Driver
{
    /// <returns>0 when every request succeeded and no read-your-writes check failed, else 1.</returns>
    public static async Task<int> RunAsync(LoadOptions options, string[] ids)
    {
        using var api = new ApiClient(options.Url!, options.CoachToken, options.AdminToken, TimeSpan.FromSeconds(options.Timeout));
        var root = Report.Start(options);
        var scenarios = new Scenarios(options, api, ids);
        var failed = 0;
        string markdown = "";
        foreach (var name in options.Scenarios)
        {
            Scenarios.Progress($"{name}: starting ({ids.Length:N0} ids)");
            var result = await scenarios.RunAsync(name);
            root["scenarios"]![name] = result;
            failed += Failures(result);
            markdown = Report.Write(root, options.Out);
        }
        Console.WriteLine();
        Console.WriteLine(markdown);
        Console.WriteLine($"written: {options.Out}.json, {options.Out}.md");
        if (failed > 0) Console.Error.WriteLine($"{failed} failed requests or read-your-writes violations (see above)");
        return failed > 0 ? 1 : 0;
    }

    /// <summary>Every <c>errors</c> and <c>read_your_writes_violations</c> count under the node.</summary>
    public static int Failures(JsonNode? node)
    {
        var n = 0;
        if (node is JsonObject o)
        {
            foreach (var (key, value) in o)
                n += key is "errors" or "read_your_writes_violations" && value is JsonValue v ? v.GetValue<int>() : Failures(value);
        }
        else if (node is JsonArray a)
        {
            foreach (var item in a) n += Failures(item);
        }
        return n;
    }
}
