namespace SocialCapital.Metrics;

/// <summary>One stage of a longer job: reports 0–1 of the stage as <paramref name="from"/>–<paramref name="to"/> of the
/// whole, on the caller's thread (unlike <see cref="Progress{T}"/>, which posts each report to the thread pool, so they
/// may arrive out of order).</summary>
internal sealed class ProgressRange(IProgress<double> whole, double from, double to) : IProgress<double>
{
    /// <summary>The stage's sink, or null when the whole job reports to no one.</summary>
    public static IProgress<double>? Of(IProgress<double>? whole, double from, double to) =>
        whole is null ? null : new ProgressRange(whole, from, to);

    public void Report(double value) => whole.Report(from + ((to - from) * Math.Clamp(value, 0, 1)));
}
