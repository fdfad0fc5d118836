// The area dashboard: every area's measures in a sortable table with a glossary; EC and WC with their intervals; EC
// decomposed into exposure and friending bias; the tie-class mix. Suppressed cells read "suppressed", never 0.
import { append, el } from "../lib/dom";
import { num } from "../lib/format";
import { page } from "../lib/layout";
import { table, type Column } from "../lib/table";
import {
  asTable, chart, colours, glossary, loadAreas, measureCell, measures, scroller, suppressedWhy, valueCell, whiskerSeries, withInterval,
  type AreaMeasures,
} from "./analyst";

void page({ title: "Areas", roles: ["analyst", "admin"] }, async (main) => {
  const areas = await loadAreas();
  if (areas.length === 0) {
    main.append(el("p", {}, "There are no areas in your scope."));
    return;
  }
  const shown = areas.filter((a) => !a.suppressed);
  const hidden = areas.filter((a) => a.suppressed).map((a) => a.area);
  append(main,
    el("p", {}, `${areas.length} areas${hidden.length > 0 ? `, ${hidden.length} of them suppressed (${hidden.join(", ")})` : ""}. Sort by any column; every figure is rounded.`),
    hidden.length > 0 ? el("p", { class: "note" }, suppressedWhy) : null,
    measuresTable(areas),
    glossary(),
    el("h2", {}, "Economic and work connectedness, with 95% intervals"),
    connectedness(shown, hidden),
    el("h2", {}, "Economic connectedness = exposure × (1 − friending bias)"),
    decomposition(shown, hidden),
    el("h2", {}, "Tie-class mix"),
    tieMix(shown, hidden),
  );
});

function measuresTable(areas: AreaMeasures[]): HTMLElement {
  const columns: Column<AreaMeasures>[] = [
    { label: "Area", cell: (a) => a.area, sort: (a) => a.area },
    ...measures.map((m): Column<AreaMeasures> => ({
      label: m.label, numeric: true, cell: (a) => measureCell(a, m), sort: (a) => a[m.key],
    })),
  ];
  const t = table("Every area's measures", columns, areas, { column: 0 });
  t.id = "area-table";
  return scroller("Every area's measures (scrolls sideways)", t);
}

const skipped = (hidden: string[]) => (hidden.length > 0 ? ` ${hidden.join(", ")}: suppressed, not drawn.` : "");

function connectedness(shown: AreaMeasures[], hidden: string[]): HTMLElement {
  const codes = shown.map((a) => a.area);
  const ec = shown.map((a) => ({ value: a.economicConnectedness, low: a.economicConnectednessCiLow, high: a.economicConnectednessCiHigh }));
  const wc = shown.map((a) => ({ value: a.workConnectedness, low: a.workConnectednessCiLow, high: a.workConnectednessCiHigh }));
  const summary = "Economic and work connectedness per area with 95% intervals: "
    + shown.map((a) => `${a.area} EC ${num(a.economicConnectedness, 2)}, WC ${num(a.workConnectedness, 2)}`).join("; ") + "." + skipped(hidden);
  const picture = chart(summary, {
    legend: { top: 0 },
    tooltip: { trigger: "item" },
    grid: { left: 48, right: 16, top: 36, bottom: 32 },
    xAxis: { type: "category", data: codes },
    yAxis: { type: "value", name: "connectedness", scale: true },
    series: [...whiskerSeries("EC", colours.ec, ec, -10), ...whiskerSeries("WC", colours.wc, wc, 10)],
  });
  const rows = table("Connectedness with 95% intervals", [
    { label: "Area", cell: (a: AreaMeasures) => a.area, sort: (a) => a.area },
    { label: "EC (interval)", numeric: true, cell: (a) => withInterval(a.economicConnectedness, a.economicConnectednessCiLow, a.economicConnectednessCiHigh, true), sort: (a) => a.economicConnectedness },
    { label: "WC (interval)", numeric: true, cell: (a) => withInterval(a.workConnectedness, a.workConnectednessCiLow, a.workConnectednessCiHigh, true), sort: (a) => a.workConnectedness },
  ], shown);
  return el("div", {}, picture, el("p", { class: "note" }, "Dots are the values; whiskers their 95% bootstrap intervals." + skipped(hidden)),
    asTable("Connectedness as a table", rows));
}

function decomposition(shown: AreaMeasures[], hidden: string[]): HTMLElement {
  const codes = shown.map((a) => a.area);
  const summary = "Per area, exposure, one minus friending bias and economic connectedness: "
    + shown.map((a) => `${a.area} exposure ${num(a.exposure, 2)}, friending bias ${num(a.friendingBias, 2)}, EC ${num(a.economicConnectedness, 2)}`).join("; ") + "." + skipped(hidden);
  const oneMinus = (a: AreaMeasures) => (a.friendingBias === null ? null : 1 - a.friendingBias);
  const picture = chart(summary, {
    legend: { top: 0 },
    tooltip: { trigger: "axis" },
    grid: { left: 48, right: 16, top: 36, bottom: 32 },
    xAxis: { type: "category", data: codes },
    yAxis: { type: "value" },
    series: [
      { name: "Exposure", type: "bar", itemStyle: { color: colours.exposure }, data: shown.map((a) => a.exposure) },
      { name: "1 − friending bias", type: "bar", itemStyle: { color: colours.bias }, data: shown.map(oneMinus) },
      { name: "EC", type: "bar", itemStyle: { color: colours.ec }, data: shown.map((a) => a.economicConnectedness) },
    ],
  });
  const product = (a: AreaMeasures) => (a.exposure === null || a.friendingBias === null ? null : a.exposure * (1 - a.friendingBias));
  const rows = table("EC decomposed", [
    { label: "Area", cell: (a: AreaMeasures) => a.area, sort: (a) => a.area },
    { label: "Exposure", numeric: true, cell: (a) => valueCell(a.exposure, 2, false, true), sort: (a) => a.exposure },
    { label: "Friending bias", numeric: true, cell: (a) => valueCell(a.friendingBias, 2, false, true), sort: (a) => a.friendingBias },
    { label: "Exposure × (1 − bias)", numeric: true, cell: (a) => valueCell(product(a), 2, false, true), sort: product },
    { label: "EC", numeric: true, cell: (a) => valueCell(a.economicConnectedness, 2, false, true), sort: (a) => a.economicConnectedness },
  ], shown);
  return el("div", {}, el("p", {}, "Low EC comes from few high-SES people around (low exposure) or from befriending them less than chance (friending bias). The identity holds approximately."),
    picture, asTable("EC decomposed as a table", rows));
}

function tieMix(shown: AreaMeasures[], hidden: string[]): HTMLElement {
  const codes = shown.map((a) => a.area);
  const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
  const summary = "Share of each area's ties that are bonding, bridging and linking: "
    + shown.map((a) => `${a.area} ${num(pct(a.bondingShare), 1)}% bonding, ${num(pct(a.bridgingShare), 1)}% bridging, ${num(pct(a.linkingShare), 1)}% linking`).join("; ") + "." + skipped(hidden);
  const stack = (name: string, colour: string, pick: (a: AreaMeasures) => number | null) =>
    ({ name, type: "bar", stack: "mix", itemStyle: { color: colour }, data: shown.map((a) => pct(pick(a))) });
  const picture = chart(summary, {
    legend: { top: 0 },
    tooltip: { trigger: "axis", valueFormatter: (v: unknown) => `${num(v as number, 1)}%` },
    grid: { left: 48, right: 16, top: 36, bottom: 32 },
    xAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
    yAxis: { type: "category", data: codes },
    series: [stack("Bonding", colours.bonding, (a) => a.bondingShare), stack("Bridging", colours.bridging, (a) => a.bridgingShare),
      stack("Linking", colours.linking, (a) => a.linkingShare)],
  });
  const rows = table("Tie-class mix", [
    { label: "Area", cell: (a: AreaMeasures) => a.area, sort: (a) => a.area },
    { label: "Bonding", numeric: true, cell: (a) => valueCell(a.bondingShare, 1, true), sort: (a) => a.bondingShare },
    { label: "Bridging", numeric: true, cell: (a) => valueCell(a.bridgingShare, 1, true), sort: (a) => a.bridgingShare },
    { label: "Linking", numeric: true, cell: (a) => valueCell(a.linkingShare, 1, true), sort: (a) => a.linkingShare },
  ], shown);
  return el("div", {}, picture, asTable("Tie-class mix as a table", rows));
}
