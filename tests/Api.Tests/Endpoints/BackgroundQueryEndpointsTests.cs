using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Endpoints;

/// <summary><c>GET /areas/trends</c> and <c>GET /evidence</c> while their background computation runs, fails or is
/// crowded out, seen from outside (docs/api.md#trends, #evidence): 202 with <c>Retry-After</c> while computing, then the
/// answer naming the snapshot it is for; 503 naming the data when the computation failed, until the data change; a
/// write while computing serves the old answer, said to be so, then the new one; and at most 16 queries computing at
/// once. The computations are the real ones, held or failed from outside by <see cref="ComputationGate"/>.</summary>
public class BackgroundQueryEndpointsTests
{
    public static TheoryData<string, string, string> Endpoints() => new()
    {
        { "area trends", "trends", "/areas/trends?from=2024-01-01&to=2024-03-01&every=1m&measure=bridging_share" },
        { "evidence", "evidence", "/evidence?window=6m" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task FirstRequest_202WithRetryAfter_ThenTheAnswerNamingItsSnapshot(string measure, string kind, string url)
    {
        await using var toy = new GatedToy(measure);
        var (gate, api) = (toy.Gate, toy.Api);

        using (var pending = await api.Analyst.GetAsync(url))
        {
            var body = await pending.JsonAsync(202);
            Assert.Equal(kind, body.Str("measure"));
            Assert.Equal(pending.SnapshotVersion(), body.GetProperty("computing").GetProperty("version").GetInt64());
            AssertRetryAfter(pending, 1, 60);
        }
        gate.Open();
        using var done = await api.Analyst.GetComputedAsync(url);
        var computedFor = (await done.JsonAsync(200)).GetProperty("computedFor");
        Assert.Equal(done.SnapshotVersion(), computedFor.GetProperty("version").GetInt64());
        Assert.True(computedFor.GetProperty("current").GetBoolean());
        Assert.Equal(1, gate.Started);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task FailedComputation_503NamingTheData_UntilTheDataChange_ThenComputedAgain(string measure, string kind, string url)
    {
        await using var toy = new GatedToy(measure);
        var (gate, api) = (toy.Gate, toy.Api);
        gate.FailNext();
        gate.Open();

        for (var i = 0; i < 2; i++)
        {
            using var failed = await api.Analyst.GetAsync(url);
            var problem = await failed.AssertProblemAsync(503);
            var detail = problem.Str("detail");
            Assert.Contains($"Computing {measure} failed", detail, StringComparison.Ordinal);
            Assert.Contains($"version {failed.SnapshotVersion()}", detail, StringComparison.Ordinal);
            Assert.Contains("once the data change", detail, StringComparison.Ordinal);
            Assert.DoesNotContain("planted", detail, StringComparison.Ordinal); // the exception stays in the log
        }
        Assert.Equal(1, gate.Started); // the same data: not computed again on every request
        Assert.Contains(api.Log.Lines, l => l.Contains("failed; the previous value keeps serving", StringComparison.Ordinal));

        var written = await WriteAsync(api);
        using var retried = await api.Analyst.GetComputedAsync(url);
        var body = await retried.JsonAsync(200);
        Assert.True(written == body.GetProperty("computedFor").GetProperty("version").GetInt64(), $"{kind} was not computed again after the write");
        Assert.Equal(2, gate.Started);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task WriteWhileComputing_OldAnswerServedNamedWithItsSnapshot_ThenTheNewSnapshots(string measure, string kind, string url)
    {
        await using var toy = new GatedToy(measure);
        var (gate, api) = (toy.Gate, toy.Api);
        long before;
        using (var pending = await api.Analyst.GetAsync(url))
        {
            await pending.AssertStatusAsync(202);
            before = pending.SnapshotVersion();
        }
        var written = await WriteAsync(api);
        Assert.True(written > before);

        // The computation under way was for the snapshot before the write: it finishes and serves, said to be old.
        gate.Open();
        using (var old = await api.Analyst.GetComputedAsync(url))
        {
            var computedFor = (await old.JsonAsync(200)).GetProperty("computedFor");
            Assert.Equal(before, computedFor.GetProperty("version").GetInt64());
            Assert.False(computedFor.GetProperty("current").GetBoolean());
        }
        // A read of the old answer started the computation for the written snapshot (held): the old answer with it under way.
        using (var refreshing = await api.Analyst.GetAsync(url))
        {
            var body = await refreshing.JsonAsync(200);
            Assert.Equal(before, body.GetProperty("computedFor").GetProperty("version").GetInt64());
            Assert.Equal(written, body.GetProperty("refreshing").GetProperty("version").GetInt64());
        }
        gate.Open();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var read = await api.Analyst.GetAsync(url);
            var computedFor = (await read.JsonAsync(200)).GetProperty("computedFor");
            if (computedFor.GetProperty("version").GetInt64() == written)
            {
                Assert.True(computedFor.GetProperty("current").GetBoolean());
                break;
            }
            Assert.True(DateTime.UtcNow < deadline, $"{kind} was never computed for the snapshot after the write");
            await Task.Delay(50);
        }
        Assert.Equal(2, gate.Started);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task SixteenQueriesComputing_AnotherIs503WithRetryAfter_TheSixteenStill202_ThenItIsComputed(string measure, string kind, string url)
    {
        await using var toy = new GatedToy(measure);
        var (gate, api) = (toy.Gate, toy.Api);
        // Sixteen different queries (another number of periods, or another start), all held while computing.
        string Query(int k) => kind == "evidence" ? $"{url}&periods={k + 1}" : url.Replace("from=2024-01-01", $"from=2024-01-{k + 1:00}", StringComparison.Ordinal);
        var first = await Task.WhenAll(Enumerable.Range(0, 16).Select(k => api.Analyst.GetAsync(Query(k))));
        foreach (var response in first)
            using (response)
                await response.AssertStatusAsync(202);
        Assert.Equal(16, gate.Started);

        using (var busy = await api.Analyst.GetAsync(Query(16)))
        {
            var problem = await busy.AssertProblemAsync(503);
            Assert.Contains($"16 {measure} queries are being computed", problem.Str("detail"), StringComparison.Ordinal);
            AssertRetryAfter(busy, 1, 60);
        }
        Assert.Equal(16, gate.Started); // refused, not started
        using (var again = await api.Analyst.GetAsync(Query(3)))
            await again.AssertStatusAsync(202);

        gate.Open(17);
        using (var finished = await api.Analyst.GetComputedAsync(Query(3)))
            await finished.AssertStatusAsync(200);
        using var last = await api.Analyst.GetComputedAsync(Query(16)); // a finished query is let go for it
        await last.AssertStatusAsync(200);
        Assert.Equal(17, gate.Started);
    }

    /// <summary>The API on the toy with the measure's computations held by a <see cref="ComputationGate"/>; disposing lets
    /// the held ones go before the API stops.</summary>
    private sealed class GatedToy : IAsyncDisposable
    {
        private readonly TempFolder _folder = new();

        public GatedToy(string measure)
        {
            Gate = new ComputationGate(measure);
            Api = TestApi.Start(_folder.File("store.db"), Repo.Sample("toy"), services: s => s.AddSingleton<ILoggerProvider>(Gate));
        }

        public ComputationGate Gate { get; }

        public TestApi Api { get; }

        public async ValueTask DisposeAsync()
        {
            Gate.Dispose();
            await Api.DisposeAsync();
            _folder.Dispose();
        }
    }

    /// <summary>A write (a new tie), answering the version it made.</summary>
    private static async Task<long> WriteAsync(TestApi api)
    {
        using var put = await api.Admin.PutJsonAsync("/ties", new { source = "0", target = "11", kind = "colleague" });
        await put.AssertStatusAsync(201);
        return put.SnapshotVersion();
    }

    private static void AssertRetryAfter(HttpResponseMessage response, int least, int most) =>
        Assert.True(response.Headers.RetryAfter?.Delta is { } retry && retry >= TimeSpan.FromSeconds(least) && retry <= TimeSpan.FromSeconds(most),
            $"Retry-After {response.Headers.RetryAfter} is not {least} to {most} s");
}
