// The mentoring programme's report (GET /programme/report) as charts: the funnel of proposals, time to match, how
// pairings ended and employment outcomes. Aggregates only; suppressed cells read "suppressed", never 0.
import { get, query } from "../lib/api";
import { busy, el, field, replace, statusLine } from "../lib/dom";
import { date, num } from "../lib/format";
import { page } from "../lib/layout";
import { table } from "../lib/table";
import { areaSelect, asTable, chart, colours, loadAreas, suppressedWhy, valueCell, valueText } from "./analyst";

interface ReasonCount { reason: string; count: number | null }
interface Outcome { group: string; months: number; citizens: number | null; inWork: number | null; share: number | null; withoutHistory: number | null }
interface Report {
  area: string | null; from: string | null; to: string; asOf: string; minCellSize: number; suppressed: boolean; caveat: string;
  proposalsMade: number | null; accepted: number | null; declined: number | null; expired: number | null; withdrawn: number | null; pending: number | null;
  declinedByReason: ReasonCount[]; medianDaysToAcceptance: number | null;
  pairingsStarted: number | null; pairingsActive: number | null; pairingsCompleted: number | null; pairingsEndedEarly: number | null;
  pairingsEndedUnrecorded: number | null; endedEarlyByReason: ReasonCount[];
  bridgingWorkStatusShare: number | null; bridgingClassShare: number | null;
  outcomes: Outcome[];
}

interface Row { label: string; value: number | null }

void page({ title: "Mentoring programme", roles: ["analyst", "admin"] }, async (main, me) => {
  const every = me.areas.includes("*");
  const select = areaSelect(every ? (await loadAreas()).map((a) => a.area) : me.areas, every ? "Every area" : undefined);
  const status = statusLine();
  const report = el("div", { id: "programme-report" });
  const from = el("input", { type: "date" });
  const controls = el("form", { class: "row", "aria-label": "Which report" },
    field("Area", select, every ? "Every area together, or one." : "The report covers one of your areas at a time."),
    field("From", from, "Empty: the last twelve complete months."),
    el("button", { type: "submit" }, "Show"));
  main.append(controls, status.element, report);
  async function load() {
    const r = await busy(status, "Loading the report", () => get<Report>(`/programme/report${query({ area: select.value, from: from.value })}`));
    if (r) replace(report, ...render(r));
  }
  select.addEventListener("change", () => void load());
  controls.addEventListener("submit", (event) => {
    event.preventDefault();
    void load();
  });
  await load();
});

/** A count cell: a null count of the report is a suppressed one (too few behind it, or secondary suppression). */
const count = (v: number | null) => valueCell(v, 0, false, true);

function rowsTable(caption: string, rows: Row[], label = "Count"): HTMLTableElement {
  return table<Row>(caption, [{ label: "What", cell: (r) => r.label }, { label, numeric: true, cell: (r) => count(r.value) }], rows);
}

/** Bars of counts; suppressed ones are not drawn and the summary says so. */
function bars(title: string, rows: Row[], colour: string): HTMLElement {
  const summary = `${title}: ` + rows.map((r) => `${r.label} ${valueText(r.value, 0, false, true)}`).join(", ") + ".";
  return chart(summary, {
    tooltip: { trigger: "axis" },
    grid: { left: 170, right: 32, top: 8, bottom: 24 },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", data: rows.map((r) => (r.value === null ? `${r.label} (suppressed)` : r.label)), inverse: true, axisLabel: { width: 160, overflow: "truncate" } },
    series: [{ type: "bar", itemStyle: { color: colour }, data: rows.map((r) => r.value),
      label: { show: true, position: "right", color: "#1b1b1b", formatter: (p: { value: unknown }) => (p.value === null || p.value === undefined ? "suppressed" : String(p.value)) } }],
  }, `${Math.max(8, rows.length * 2.4 + 3)}rem`);
}

function render(r: Report): (HTMLElement | null)[] {
  const window = `${r.from ? date(r.from) : "the start"} to ${date(r.to)}`;
  const funnel: Row[] = [
    { label: "Proposals made", value: r.proposalsMade },
    { label: "Accepted", value: r.accepted },
    { label: "Pairings started", value: r.pairingsStarted },
    { label: "Completed", value: r.pairingsCompleted },
  ];
  const decisions: Row[] = [
    { label: "Accepted", value: r.accepted }, { label: "Declined", value: r.declined }, { label: "Expired", value: r.expired },
    { label: "Withdrawn", value: r.withdrawn }, { label: "Pending", value: r.pending },
  ];
  const pairings: Row[] = [
    { label: "Active", value: r.pairingsActive }, { label: "Completed", value: r.pairingsCompleted },
    { label: "Ended early", value: r.pairingsEndedEarly }, { label: "Ended, no outcome recorded", value: r.pairingsEndedUnrecorded },
  ];
  const funnelSummary = "Funnel of proposals: " + funnel.map((f) => `${f.label} ${valueText(f.value, 0, false, true)}`).join(", ") + ".";
  const drawn = funnel.filter((f) => f.value !== null);
  const funnelChart = chart(funnelSummary, {
    tooltip: { trigger: "item" },
    series: [{
      type: "funnel", left: "10%", width: "80%", top: 8, bottom: 8, sort: "none", minSize: "8%", gap: 2,
      label: { show: true, position: "inside", color: "#fff", formatter: "{b}: {c}" },
      itemStyle: { borderColor: "#fff" },
      data: drawn.map((f, i) => ({ name: f.label, value: f.value, itemStyle: { color: [colours.ec, colours.exposure, colours.bias, colours.wc][i % 4] } })),
    }],
  }, "18rem");
  const outcomeRows = [3, 6].flatMap((months) => ["mentored", "waiting"].map((group) => r.outcomes.find((o) => o.months === months && o.group === group)))
    .filter((o): o is Outcome => o !== undefined);
  const outcomeSummary = "Share of citizens in work after 3 and 6 months: " + outcomeRows.map((o) => `${o.group} at ${o.months} months ${valueText(o.share, 1, true, true)}`).join(", ") + ".";
  const outcomeChart = chart(outcomeSummary, {
    legend: { top: 0 },
    tooltip: { trigger: "axis", valueFormatter: (v: unknown) => (v === null || v === undefined ? "suppressed" : `${num(v as number, 1)}%`) },
    grid: { left: 48, right: 16, top: 36, bottom: 28 },
    xAxis: { type: "category", data: ["3 months", "6 months"] },
    yAxis: { type: "value", axisLabel: { formatter: "{value}%" } },
    series: ["mentored", "waiting"].map((group, i) => ({
      name: group === "mentored" ? "Mentored" : "Waiting", type: "bar", itemStyle: { color: i === 0 ? colours.ec : colours.wc },
      label: { show: true, position: "top", color: "#1b1b1b", formatter: (p: { value: unknown }) => (p.value === null || p.value === undefined ? "suppressed" : `${num(p.value as number, 1)}%`) },
      data: [3, 6].map((months) => { const o = r.outcomes.find((x) => x.months === months && x.group === group); return o?.share === null || o?.share === undefined ? null : o.share * 100; }),
    })),
  });
  const outcomeTable = table<Outcome>("Employment outcomes", [
    { label: "Group", cell: (o) => o.group },
    { label: "Months", numeric: true, cell: (o) => String(o.months) },
    { label: "Citizens followed up", numeric: true, cell: (o) => count(o.citizens) },
    { label: "In work", numeric: true, cell: (o) => count(o.inWork) },
    { label: "Share in work", numeric: true, cell: (o) => valueCell(o.share, 1, true, true) },
    { label: "Without history", numeric: true, cell: (o) => count(o.withoutHistory) },
  ], outcomeRows);
  const reasons = (rows: ReasonCount[]): Row[] => rows.map((x) => ({ label: x.reason, value: x.count }));
  return [
    el("p", {}, `${r.area ? `Area ${r.area}` : "Every area"}, ${window}, as it stood on ${date(r.asOf)} (complete months only). Cells of fewer than ${r.minCellSize} are suppressed.`),
    el("p", { class: "note caveat" }, el("strong", {}, "Caveat: "), r.caveat),
    r.suppressed ? el("p", { class: "note" }, suppressedWhy) : null,
    el("h2", {}, "Funnel of proposals"),
    funnelChart,
    drawn.length < funnel.length ? el("p", { class: "note" }, `Not drawn: ${funnel.filter((f) => f.value === null).map((f) => f.label).join(", ")} (suppressed).`) : null,
    asTable("Funnel as a table", rowsTable("Funnel of proposals", funnel)),
    el("h2", {}, "How proposals were decided"),
    bars("Proposals by decision", decisions, colours.ec),
    asTable("Decisions as a table", rowsTable("Proposals by decision", decisions)),
    r.declinedByReason.length > 0 ? bars("Declined, by reason", reasons(r.declinedByReason), colours.bias) : null,
    r.declinedByReason.length > 0 ? asTable("Decline reasons as a table", rowsTable("Declined, by reason", reasons(r.declinedByReason))) : null,
    el("h2", {}, "Time to match"),
    el("p", { class: "figure" }, "Median days from proposal to acceptance: ",
      el("strong", { id: "median-days" }, r.accepted === 0 ? "none accepted" : valueCell(r.medianDaysToAcceptance, 1, false, true))),
    el("h2", {}, "Pairings and how they ended"),
    bars("Pairings", pairings, colours.exposure),
    asTable("Pairings as a table", rowsTable("Pairings", pairings)),
    r.endedEarlyByReason.length > 0 ? asTable("Ended early, by reason", rowsTable("Ended early, by reason", reasons(r.endedEarlyByReason))) : null,
    el("p", {}, `Pairings bridging work status: ${valueText(r.bridgingWorkStatusShare, 1, true, true)}; bridging class: ${valueText(r.bridgingClassShare, 1, true, true)}.`),
    el("h2", {}, "Employment outcomes"),
    outcomeChart,
    outcomeRows.some((o) => o.share === null)
      ? el("p", { class: "note" }, `Not drawn: ${outcomeRows.filter((o) => o.share === null).map((o) => `${o.group} at ${o.months} months`).join(", ")} (suppressed or none followed up).`)
      : null,
    el("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-label": "Employment outcomes table" }, outcomeTable),
  ];
}
