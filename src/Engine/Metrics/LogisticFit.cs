using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace SocialCapital.Metrics;

/// <summary>Logistic regression of a 0/1 outcome on one numeric exposure and categorical controls (each as dummies of its
/// levels but the first present), by Newton–Raphson with step halving, with cluster-robust (CR1) standard errors: V =
/// G/(G−1) · (N−1)/(N−K) · H⁻¹ (Σ_g s_g s_gᵀ) H⁻¹, H the information matrix and s_g cluster g's score (Cameron &amp; Miller
/// 2015; R's <c>sandwich::vcovCL(type = "HC1")</c>). The clusters are the last factor's levels. A row has at most
/// 2 + factors non-zero columns, so the information is summed row by row, never as an N × K matrix.</summary>
internal sealed class LogisticFit
{
    private const int MaxIterations = 100;

    public required string[] Names { get; init; }
    public required double[] Beta { get; init; }
    public required double[] StandardErrors { get; init; }
    public required int N { get; init; }
    public required int Events { get; init; }
    public required int Clusters { get; init; }
    public required int Dropped { get; init; }
    public required int Iterations { get; init; }
    public required double MeanExposure { get; init; }
    public required double CriticalValue { get; init; }
    public required double RelativeRisk { get; init; }
    public required double RelativeRiskLow { get; init; }
    public required double RelativeRiskHigh { get; init; }

    /// <summary>Fits the model.</summary>
    /// <param name="moved">The outcome per row.</param>
    /// <param name="exposure">The exposure per row.</param>
    /// <param name="factors">The controls' level codes per row; the last factor is also the cluster.</param>
    /// <param name="level">The name of level (code) of factor (index).</param>
    /// <param name="token">Cancels the fit.</param>
    public static LogisticFit Run(IReadOnlyList<bool> moved, IReadOnlyList<double> exposure, IReadOnlyList<int>[] factors,
        Func<int, int, string> level, CancellationToken token = default)
    {
        // Rows in a level where everybody or nobody moved make that level's coefficient infinite: leave them out, again until
        // no such level is left (as Stata's logit does).
        var keep = Enumerable.Range(0, moved.Count).ToList();
        var dropped = 0;
        for (var changed = true; changed && keep.Count > 0;)
        {
            changed = false;
            foreach (var f in factors)
            {
                var sums = new Dictionary<int, (int Rows, int Moved)>();
                foreach (var i in keep)
                {
                    var s = sums.GetValueOrDefault(f[i]);
                    sums[f[i]] = (s.Rows + 1, s.Moved + (moved[i] ? 1 : 0));
                }
                var separated = sums.Where(p => p.Value.Moved == 0 || p.Value.Moved == p.Value.Rows).Select(p => p.Key).ToHashSet();
                if (separated.Count == 0 || separated.Count == sums.Count) continue;
                var before = keep.Count;
                keep = [.. keep.Where(i => !separated.Contains(f[i]))];
                dropped += before - keep.Count;
                changed = true;
            }
        }
        var n = keep.Count;
        var events = keep.Count(i => moved[i]);

        // Columns: intercept, exposure, then each factor's levels but its first (in code order).
        var names = new List<string> { "(intercept)", "in_work_contacts" };
        var column = new Dictionary<int, int>[factors.Length];
        for (var f = 0; f < factors.Length; f++)
        {
            column[f] = [];
            var levels = keep.Select(i => factors[f][i]).Distinct().Order().ToArray();
            for (var l = 1; l < levels.Length; l++) { column[f][levels[l]] = names.Count; names.Add(level(f, levels[l])); }
        }
        var k = names.Count;
        var clusterOf = keep.Select(i => factors[^1][i]).Distinct().Order().Select((code, g) => (code, g)).ToDictionary(p => p.code, p => p.g);
        var g = clusterOf.Count;
        if (n == 0 || events == 0 || events == n)
            throw new EvidenceException(string.Create(CultureInfo.InvariantCulture,
                $"{moved.Count} people-periods, {moved.Count(m => m)} of them moving into work: the model needs some who moved and some who did not."));
        if (g < Evidence.MinClusters)
            throw new EvidenceException(string.Create(CultureInfo.InvariantCulture,
                $"Only {g} areas with people-periods to fit: cluster-robust standard errors need at least {Evidence.MinClusters}."));
        var needed = Evidence.EventsPerCoefficient * k;
        if (events < needed || n - events < needed)
            throw new EvidenceException(string.Create(CultureInfo.InvariantCulture,
                $"{events} moves into work and {n - events} people-periods without one, for {k} coefficients: the model needs at least {Evidence.EventsPerCoefficient} of each per coefficient ({needed})."));

        // The non-zero columns of each kept row (the exposure's value is looked up apart).
        var width = factors.Length;
        var cols = new int[n * width];
        var x = new double[n];
        var y = new double[n];
        var cluster = new int[n];
        for (var r = 0; r < n; r++)
        {
            var i = keep[r];
            x[r] = exposure[i];
            y[r] = moved[i] ? 1 : 0;
            cluster[r] = clusterOf[factors[^1][i]];
            for (var f = 0; f < width; f++) cols[r * width + f] = column[f].GetValueOrDefault(factors[f][i], -1);
        }

        double Eta(double[] b, int r)
        {
            var e = b[0] + b[1] * x[r];
            for (var f = 0; f < width; f++) if (cols[r * width + f] is var c and >= 0) e += b[c];
            return e;
        }
        double LogLikelihood(double[] b)
        {
            var sum = 0.0;
            for (var r = 0; r < n; r++)
            {
                var e = Eta(b, r);
                // log(1 + e^e) without overflow
                sum += y[r] * e - (e > 0 ? e + Math.Log(1 + Math.Exp(-e)) : Math.Log(1 + Math.Exp(e)));
            }
            return sum;
        }
        // Adds w·a·bᵀ over the row's non-zero entries (values: 1, x, and 1 per dummy).
        void Entries(int r, Span<int> at, Span<double> value, out int count)
        {
            at[0] = 0; value[0] = 1;
            at[1] = 1; value[1] = x[r];
            count = 2;
            for (var f = 0; f < width; f++) if (cols[r * width + f] is var c and >= 0) { at[count] = c; value[count++] = 1; }
        }

        var beta = new double[k];
        beta[0] = Math.Log(events / (double)(n - events));
        var at = new int[2 + width];
        var value = new double[2 + width];
        var logLikelihood = LogLikelihood(beta);
        Matrix<double> information = DenseMatrix.Create(k, k, 0);
        var iterations = 0;
        for (var converged = false; !converged; iterations++)
        {
            token.ThrowIfCancellationRequested();
            if (iterations == MaxIterations)
                throw new EvidenceException(string.Create(CultureInfo.InvariantCulture,
                    $"The fit did not converge in {MaxIterations} iterations (in-work contacts or a control may separate those who moved from those who did not)."));
            information = Information(beta);
            var score = new double[k];
            for (var r = 0; r < n; r++)
            {
                var p = Logistic(Eta(beta, r));
                Entries(r, at, value, out var count);
                for (var a = 0; a < count; a++) score[at[a]] += (y[r] - p) * value[a];
            }
            Vector<double> step;
            try { step = information.Cholesky().Solve(DenseVector.OfArray(score)); }
            catch (ArgumentException e)
            {
                throw new EvidenceException("The model's columns are collinear (in-work contacts may not vary, or a control's levels coincide with another's).", e);
            }
            var next = new double[k];
            var shrink = 1.0;
            double nextLikelihood;
            for (var halvings = 0; ; halvings++)
            {
                for (var j = 0; j < k; j++) next[j] = beta[j] + shrink * step[j];
                nextLikelihood = LogLikelihood(next);
                if (nextLikelihood >= logLikelihood - 1e-9 * Math.Abs(logLikelihood) || halvings == 30) break;
                shrink /= 2;
            }
            converged = step.AbsoluteMaximum() * shrink <= 1e-10 * (1 + beta.Max(Math.Abs));
            (beta, logLikelihood) = (next, nextLikelihood);
            if (beta.Any(b => double.IsNaN(b) || Math.Abs(b) > 50))
                throw new EvidenceException("The fit diverged: in-work contacts or a control separate those who moved from those who did not.");
        }

        information = Information(beta);
        var bread = information.Cholesky().Solve(DenseMatrix.CreateIdentity(k));
        var scores = DenseMatrix.Create(g, k, 0);
        double sum0 = 0, sum1 = 0;
        var gradient0 = new double[k];
        var gradient1 = new double[k];
        for (var r = 0; r < n; r++)
        {
            var eta = Eta(beta, r);
            double p = Logistic(eta), p1 = Logistic(eta + beta[1]);
            sum0 += p;
            sum1 += p1;
            Entries(r, at, value, out var count);
            for (var a = 0; a < count; a++)
            {
                scores[cluster[r], at[a]] += (y[r] - p) * value[a];
                gradient0[at[a]] += p * (1 - p) * value[a];
                gradient1[at[a]] += p1 * (1 - p1) * (at[a] == 1 ? x[r] + 1 : value[a]);
            }
        }
        var correction = g / (g - 1.0) * (n - 1.0) / (n - k);
        var covariance = bread * (scores.TransposeThisAndMultiply(scores)) * bread * correction;
        var critical = Evidence.Critical(g - 1);

        // The average relative risk: log(Σp1 / Σp0), its gradient by the delta method.
        var gradient = DenseVector.Create(k, j => gradient1[j] / sum1 - gradient0[j] / sum0);
        var logRisk = Math.Log(sum1 / sum0);
        var riskError = Math.Sqrt(gradient * covariance * gradient);
        return new LogisticFit
        {
            Names = [.. names],
            Beta = beta,
            StandardErrors = [.. Enumerable.Range(0, k).Select(j => Math.Sqrt(covariance[j, j]))],
            N = n,
            Events = events,
            Clusters = g,
            Dropped = dropped,
            Iterations = iterations,
            MeanExposure = x.Average(),
            CriticalValue = critical,
            RelativeRisk = Math.Exp(logRisk),
            RelativeRiskLow = Math.Exp(logRisk - critical * riskError),
            RelativeRiskHigh = Math.Exp(logRisk + critical * riskError),
        };

        Matrix<double> Information(double[] b)
        {
            var h = new double[k * k];
            for (var r = 0; r < n; r++)
            {
                var p = Logistic(Eta(b, r));
                var w = p * (1 - p);
                Entries(r, at, value, out var count);
                for (var a = 0; a < count; a++)
                    for (var c = 0; c < count; c++) h[at[a] * k + at[c]] += w * value[a] * value[c];
            }
            return DenseMatrix.Create(k, k, (i, j) => h[i * k + j]);
        }
    }

    private static double Logistic(double eta) => eta >= 0 ? 1 / (1 + Math.Exp(-eta)) : Math.Exp(eta) / (1 + Math.Exp(eta));
}
