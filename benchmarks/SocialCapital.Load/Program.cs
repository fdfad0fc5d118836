using SocialCapital.Load;

// The HTTP load driver of issue 14 (benchmarks/README.md "Live graph load test"): runs the scenarios named on the
// command line against a running API, prints a summary and writes PATH.json and PATH.md. `self-check` runs them
// briefly against a fake API in this process (CI). Exit codes: 0 done, 1 requests failed or read-your-writes
// violated, 2 usage.
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine(LoadOptions.Usage);
    return args.Length == 0 ? 2 : 0;
}
if (args[0] == "self-check") return await SelfCheck.RunAsync();

LoadOptions options;
string[] ids;
try
{
    options = LoadOptions.Parse(args);
    ids = options.ReadIds();
}
catch (Exception e) when (e is FormatException or IOException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(LoadOptions.Usage);
    return 2;
}
return await Driver.RunAsync(options, ids);
