// What the analyst pages share: the area measures and their words, suppressed cells, and charts (echarts, SVG) that
// are images with a summary plus the same numbers as a table. Analysts see aggregates only, never an individual.
import * as echarts from "echarts/core";
import { BarChart, CustomChart, FunnelChart, MapChart, ScatterChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";
import type { EChartsCoreOption } from "echarts/core";
import { get, type Paged } from "../lib/api";
import { el, uid } from "../lib/dom";
import { num } from "../lib/format";

echarts.use([BarChart, CustomChart, FunnelChart, MapChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);
export { echarts };

/** One area's measures as GET /areas gives them (docs/measures.md#area-measures). */
export interface AreaMeasures {
  area: string;
  suppressed: boolean;
  people: number | null;
  lowSes: number | null;
  economicConnectedness: number | null;
  economicConnectednessCiLow: number | null;
  economicConnectednessCiHigh: number | null;
  exposure: number | null;
  friendingBias: number | null;
  workConnectedness: number | null;
  workConnectednessCiLow: number | null;
  workConnectednessCiHigh: number | null;
  clustering: number | null;
  supportRatio: number | null;
  bondingShare: number | null;
  bridgingShare: number | null;
  linkingShare: number | null;
  crossAreaShare: number | null;
  eiWork: number | null;
  assortativityWork: number | null;
  meanConstraint: number | null;
}

export type MeasureKey = Exclude<keyof AreaMeasures, "area" | "suppressed" | `${string}Ci${string}`>;

export interface Measure {
  key: MeasureKey;
  label: string;
  /** What it means, in plain words (the glossary). */
  about: string;
  /** Digits to round to; 0 for counts. */
  digits: number;
  /** Shares are shown as percentages. */
  share?: boolean;
}

/** Every area measure, in the order the table shows them, with the glossary's words (from docs/measures.md). */
export const measures: Measure[] = [
  { key: "people", label: "People", digits: 0, about: "Residents: citizens, mentors and coaches whose area it is." },
  { key: "lowSes", label: "Low-SES residents", digits: 0, about: "Residents with a known socio-economic status below the middle (SES below 0.5)." },
  { key: "economicConnectedness", label: "Economic connectedness (EC)", digits: 2,
    about: "How many high-SES friends low-SES residents have, relative to an even mix: 1 means as many as if friends were drawn at random, below 1 fewer (Chetty et al. 2022)." },
  { key: "exposure", label: "Exposure", digits: 2, about: "How many high-SES people live in the area to be friends with: 2 × the high-SES share of residents." },
  { key: "friendingBias", label: "Friending bias", digits: 2,
    about: "How much less often low-SES residents befriend the high-SES people around them than chance would give: 0 none, positive means fewer. EC ≈ exposure × (1 − friending bias)." },
  { key: "workConnectedness", label: "Work connectedness (WC)", digits: 2, about: "How connected out-of-work residents are to people in work, like EC but for work status." },
  { key: "bondingShare", label: "Bonding share", digits: 1, share: true, about: "Share of the area's ties between people alike (same work status, SES band, age): close support." },
  { key: "bridgingShare", label: "Bridging share", digits: 1, share: true, about: "Share of ties between people who differ: these reach new information and opportunities." },
  { key: "linkingShare", label: "Linking share", digits: 1, share: true, about: "Share of ties to institutions and people with power or resources: coaches, mentors, employers." },
  { key: "crossAreaShare", label: "Cross-area share", digits: 1, share: true, about: "Share of ties whose other end lives in another area." },
  { key: "clustering", label: "Clustering", digits: 2, about: "How often two contacts of a resident also know each other (0 to 1)." },
  { key: "supportRatio", label: "Support ratio", digits: 2, about: "Share of ties inside the area backed by a shared contact who also lives there." },
  { key: "eiWork", label: "E-I index of work status", digits: 2, about: "From −1 (ties only within one work-status group) to 1 (ties only across groups)." },
  { key: "assortativityWork", label: "Assortativity of work", digits: 2, about: "Above 0: people in work mostly know people in work, and out of work out of work." },
  { key: "meanConstraint", label: "Mean constraint", digits: 2, about: "Burt's constraint: high when a person's contacts all know each other (few brokerage chances)." },
];

export const measure = (key: MeasureKey) => measures.find((m) => m.key === key)!;

/** Every area the caller may see (GET /areas, one page of up to 1000). */
export async function loadAreas(): Promise<AreaMeasures[]> {
  const page = await get<Paged<AreaMeasures>>("/areas?pageSize=1000");
  return page.items;
}

/** Why a cell is empty, for the note beside tables and the cell's title. */
export const suppressedWhy = "Suppressed: fewer people behind this figure than the minimum cell size, so it is not shown (never read as 0).";

/** A value in words: "suppressed" when the area or cell is suppressed, "—" when undefined, else rounded. */
export function valueText(value: number | null | undefined, digits: number, share = false, suppressed = false): string {
  if (value === null || value === undefined) return suppressed ? "suppressed" : "—";
  return share ? `${num(value * 100, digits)}%` : num(value, digits);
}

/** A table cell's content for a value: "suppressed" is marked as such, with the reason on hover and in the note. */
export function valueCell(value: number | null | undefined, digits: number, share = false, suppressed = false): Node | string {
  const text = valueText(value, digits, share, suppressed);
  return text === "suppressed" ? el("span", { class: "suppressed", title: suppressedWhy }, "suppressed") : text;
}

/** An area's measure as a cell. A measure of a shown area is null either because it is undefined or because too few
 * people are behind it (docs/measures.md#small-cells); the counts and EC, WC, exposure, friending bias and constraint are
 * the ones the small-cell rule empties, so those read "suppressed". */
export function measureCell(area: AreaMeasures, m: Measure): Node | string {
  return valueCell(area[m.key], m.digits, m.share, area.suppressed || smallCellMeasures.has(m.key));
}

const smallCellMeasures = new Set<MeasureKey>(["people", "lowSes", "economicConnectedness", "exposure", "friendingBias", "workConnectedness", "meanConstraint"]);

/** A value interval in words: "0.82 (0.75–0.90)". */
export function withInterval(value: number | null, low: number | null, high: number | null, suppressed: boolean): Node | string {
  if (value === null) return valueCell(null, 2, false, suppressed);
  return low === null || high === null ? num(value, 2) : `${num(value, 2)} (${num(low, 2)}–${num(high, 2)})`;
}

/** The glossary: every measure's name and meaning. */
export function glossary(list: Measure[] = measures): HTMLElement {
  return el("details", { class: "glossary" }, el("summary", {}, "Glossary: what the measures mean"),
    el("dl", {}, ...list.flatMap((m) => [el("dt", {}, m.label), el("dd", {}, m.about)])),
    el("p", { class: "note" }, "Definitions: docs/measures.md. Intervals are 95% bootstrap intervals. ", suppressedWhy));
}

/** A chart: an image with a summary for screen readers, drawn by echarts in SVG once it is in the page (it needs a
 * size), then resized with its box; `setup` gets the drawn chart (to listen to clicks). The same numbers must be on
 * the page as a table (callers put one beside it or in a details element). */
export function chart(label: string, option: EChartsCoreOption, height?: string, setup?: (instance: echarts.ECharts) => void): HTMLElement {
  const element = el("div", { class: "chart", role: "img", "aria-label": label });
  if (height) element.style.height = height;
  let instance: echarts.ECharts | undefined;
  // Drawn once the box is in the page (it needs a size); redrawn on resize.
  const observer = new ResizeObserver(() => {
    if (element.clientWidth === 0) return;
    if (!instance) {
      instance = echarts.init(element, undefined, { renderer: "svg" });
      instance.setOption({ animation: false, textStyle: { fontFamily: "system-ui, sans-serif" }, ...option });
      setup?.(instance);
    } else instance.resize();
  });
  observer.observe(element);
  return element;
}

/** A table alternative to a chart, folded away. */
export const asTable = (summary: string, table: HTMLElement) =>
  el("details", { class: "chart-table" }, el("summary", {}, summary), el("div", { class: "table-wrap", tabindex: "0", "aria-label": summary }, table));

/** A scrolling box for a wide table (no horizontal page scroll at 390 px). */
export const scroller = (label: string, table: HTMLElement) => el("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-label": label }, table);

/** Colours the charts use (AA against white for text; the bonding/bridging/linking ones match the site's). */
export const colours = { ec: "#1d4f91", wc: "#b34700", exposure: "#2f7d4f", bias: "#8a3b8f", bonding: "#1d4f91", bridging: "#b34700", linking: "#6b3fa0", after: "#2f7d4f", muted: "#6b6b6b" };

/** A value with its 95% interval as an error bar (a custom series: a whisker with caps) and a point, across the
 * categories of a category x axis, shifted `dx` pixels so that several measures stand side by side. Missing values are
 * left out of the picture (the table says why). */
export function whiskerSeries(name: string, colour: string, values: { value: number | null; low: number | null; high: number | null }[], dx = 0) {
  const cap = 5;
  return [
    {
      name, type: "custom", silent: true, z: 1, tooltip: { show: false }, itemStyle: { color: colour }, // the legend's colour
      data: values.map((v, i) => (v.low === null || v.high === null ? [i, null, null] : [i, v.low, v.high])),
      encode: { x: 0, y: [1, 2] },
      renderItem: (_: unknown, api: { value(i: number): number; coord(p: number[]): number[] }) => {
        const low = api.value(1), high = api.value(2);
        if (low === null || high === null || Number.isNaN(low) || Number.isNaN(high)) return null;
        const [x, y1] = api.coord([api.value(0), low]);
        const [, y2] = api.coord([api.value(0), high]);
        const style = { stroke: colour, lineWidth: 2 };
        return {
          type: "group", children: [
            { type: "line", shape: { x1: x + dx, y1, x2: x + dx, y2 }, style },
            { type: "line", shape: { x1: x + dx - cap, y1, x2: x + dx + cap, y2: y1 }, style },
            { type: "line", shape: { x1: x + dx - cap, y1: y2, x2: x + dx + cap, y2 }, style },
          ],
        };
      },
    },
    { name, type: "scatter", symbolSize: 10, symbolOffset: [dx, 0], itemStyle: { color: colour }, data: values.map((v) => v.value), z: 2 },
  ];
}

/** A select of area codes; "every area" first when the caller sees every area and `all` is given. */
export function areaSelect(codes: string[], all?: string): HTMLSelectElement {
  const select = el("select", { id: uid("area") });
  if (all) select.append(el("option", { value: "" }, all));
  for (const code of codes) select.append(el("option", { value: code }, code));
  return select;
}

/** A light-to-dark blue for a value in [0, 1] of its range: dark text stays readable (AA) on every step. */
export function tint(t: number): string {
  const from = [0xee, 0xf3, 0xf9], to = [0x8f, 0xb3, 0xe0];
  const c = from.map((f, i) => Math.round(f + (to[i] - f) * Math.min(1, Math.max(0, t))));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}
