using SocialCapital.Api.Hosting;

// The whole composition lives in ApiHost so that tests (WebApplicationFactory) and this entry point build the same app.
try
{
    var app = ApiHost.Build(args);
    await app.RunAsync();
    return 0;
}
catch (StartupException e)
{
    // A configuration mistake: say what to fix, without a stack trace.
    await Console.Error.WriteLineAsync($"socialcapital-api: {e.Message}");
    return 1;
}

/// <summary>The API's entry point; public so that integration tests can host it.</summary>
public partial class Program;
