using System.CommandLine;
using System.Globalization;
using SocialCapital.Cli.Output;
using SocialCapital.Metrics;

namespace SocialCapital.Cli.Commands;

/// <summary><c>socialcapital evidence DIR [--window 6m]</c>: the evidence model's estimate of how in-work contacts go with
/// moving into work, one figure per row.</summary>
internal static class EvidenceCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var window = new Option<string>("--window")
        {
            Description = "The follow-up window: moved into work within this many months of the start (6m, 12m or a number of months).",
            DefaultValueFactory = _ => "6m",
        };
        window.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string>();
            if (EvidenceOptions.ParseWindow(text) is not { } months) result.AddError($"--window: '{text}' is not a number of months (expected e.g. 6m).");
            else
                foreach (var problem in new EvidenceOptions { WindowMonths = months }.Validate())
                    result.AddError($"--window {problem.Reason}.");
        });
        var periods = new Option<int>("--periods")
        {
            Description = "How many windows, back to back, end on the --as-of date (each start date adds the citizens out of work on it).",
            DefaultValueFactory = _ => EvidenceOptions.Default.Periods,
        };
        EngineRules.Check(periods, nameof(EvidenceOptions.Periods), v => new EvidenceOptions { Periods = v }.Validate());
        var command = new Command("evidence",
            "Do in-work contacts go with moving into work here? A discrete-time logistic model of moving into work within the window "
            + "for citizens out of work at its start, with their in-work contacts then as the exposure and age band, SES band, time out of "
            + "work and area (fixed effects) as controls; standard errors cluster-robust by area. Reports the odds ratio per extra in-work "
            + "contact with its 95% interval, the relative effect (odds ratio - 1) next to the literature's 13-15%, the average relative "
            + "risk, the sample and every coefficient. An association, not causation: the caveats go to standard error (and are rows of "
            + "CSV and JSON). --as-of is the day the status history runs to (a generated city's: 2026-01-01); the latest window ends on "
            + "it. Model, sources and minimums: docs/measures.md#evidence-in-work-contacts-and-moving-into-work.");
        common.AddTo(command);
        command.Add(window);
        command.Add(periods);
        CommandRunner.SetAction(command, (parse, console, token) =>
        {
            var input = common.Open(parse, console);
            var dataset = input.Dataset(console);
            var options = new EvidenceOptions
            {
                WindowMonths = EvidenceOptions.ParseWindow(parse.GetValue(window))!.Value,
                Periods = parse.GetValue(periods),
                AsOf = common.GraphOptions(parse, input).AsOf,
                CancellationToken = token,
            };
            console.Status($"fitting the evidence model on {dataset.StatusHistory.Count:N0} status changes");
            var result = Evidence.Compute(dataset, options);
            foreach (var caveat in result.Caveats) console.Error.WriteLine(caveat);
            Printer.Print(Figures(result, common.OutputFormat(parse) != RowFormat.Table), Figure.Columns, parse, common);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The result as rows, in a fixed order.</summary>
    internal static IEnumerable<Figure> Figures(EvidenceResult r, bool caveats)
    {
        yield return new("sample", "window_months", r.WindowMonths);
        yield return new("sample", "starts", string.Join(' ', r.Starts.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));
        yield return new("sample", "people_periods", r.PeoplePeriods);
        yield return new("sample", "events", r.Events);
        yield return new("sample", "clusters", r.Clusters);
        yield return new("sample", "dropped", r.Dropped);
        yield return new("sample", "mean_in_work_contacts", r.MeanInWorkContacts);
        yield return new("in_work_contacts", "odds_ratio", r.OddsRatio);
        yield return new("in_work_contacts", "odds_ratio_low", r.OddsRatioLow);
        yield return new("in_work_contacts", "odds_ratio_high", r.OddsRatioHigh);
        yield return new("in_work_contacts", "relative_effect", r.RelativeEffect);
        yield return new("in_work_contacts", "relative_effect_low", r.RelativeEffectLow);
        yield return new("in_work_contacts", "relative_effect_high", r.RelativeEffectHigh);
        yield return new("in_work_contacts", "relative_risk", r.RelativeRisk);
        yield return new("in_work_contacts", "relative_risk_low", r.RelativeRiskLow);
        yield return new("in_work_contacts", "relative_risk_high", r.RelativeRiskHigh);
        yield return new("in_work_contacts", "coefficient", r.Coefficient);
        yield return new("in_work_contacts", "standard_error", r.StandardError);
        yield return new("in_work_contacts", "critical_value", r.CriticalValue);
        yield return new("literature", "relative_effect_low", Evidence.LiteratureLow);
        yield return new("literature", "relative_effect_high", Evidence.LiteratureHigh);
        foreach (var t in r.Terms) yield return new("coefficient", t.Name, t.Estimate);
        foreach (var t in r.Terms) yield return new("standard_error", t.Name, t.StandardError);
        if (caveats)
            for (var i = 0; i < r.Caveats.Count; i++) yield return new("caveat", (i + 1).ToString(CultureInfo.InvariantCulture), r.Caveats[i]);
    }
}
