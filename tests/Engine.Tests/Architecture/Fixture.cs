// A deliberately wrong reference for StageDependencyTests: a graph-stage type that uses a metrics-stage type.
// The check must report it; the engine itself must have none.

namespace SocialCapital.Tests.Architecture.Fixture.Metrics
{
    internal sealed class LaterStageMeasure
    {
        public double Value { get; init; }
    }
}

namespace SocialCapital.Tests.Architecture.Fixture.Graph
{
    internal sealed class ReachesForward
    {
        public double Read(Fixture.Metrics.LaterStageMeasure measure) => measure.Value;
    }
}
