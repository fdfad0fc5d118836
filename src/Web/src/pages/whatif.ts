// The what-if planner: describe a mentoring programme (POST /what-if {programme}), see each area before and after with
// today's intervals, and the indicative extra moves into work with its caveat. Nothing is stored.
import { ApiError, post, type Me } from "../lib/api";
import { busy, el, field, replace, statusLine, uid } from "../lib/dom";
import { num } from "../lib/format";
import { page } from "../lib/layout";
import { table } from "../lib/table";
import { areaSelect, chart, colours, loadAreas, scroller, suppressedWhy, valueCell, whiskerSeries, withInterval, type AreaMeasures } from "./analyst";

interface AreaChange {
  area: string;
  suppressed: boolean;
  economicConnectednessBefore: number | null;
  economicConnectednessAfter: number | null;
  economicConnectednessChange: number | null;
  workConnectednessBefore: number | null;
  workConnectednessAfter: number | null;
  workConnectednessChange: number | null;
  bridgingShareBefore: number | null;
  bridgingShareAfter: number | null;
  bridgingShareChange: number | null;
  gainingInWorkContact: number | null;
  extraMovesIntoWork: number | null;
}

interface WhatIfView {
  programme: { area: string; citizens: number; mentoredCitizens: number; which: string; pool: string; maxPerMentor: number } | null;
  areas: AreaChange[];
}

const caveat = "Indicative, not causal. The extra moves into work assume that each in-work contact a citizen gains raises "
  + "their chance of moving into work by the effect you give (default 15%) over the baseline rate (default 10%): an assumption, "
  + "not something this data shows. Today's values carry 95% bootstrap intervals; the 'after' values are one what-if with no "
  + "interval of their own, so a change inside today's interval is within the uncertainty.";

void page({ title: "What-if planner", roles: ["coach", "analyst", "admin"] }, async (main, me) => {
  const today = await todaysAreas(me);
  const byCode = new Map(today.map((a) => [a.area, a]));

  const errors = new Map<string, HTMLElement>();
  /** A labelled input with a slot for its field errors (the API's names, e.g. programme.citizens). */
  function withErrors(name: string, label: string, input: HTMLInputElement | HTMLSelectElement, hint?: string): HTMLElement {
    const message = el("p", { class: "field-error", id: uid("error") });
    errors.set(name, message);
    const wrapper = field(label, input, hint);
    wrapper.append(message);
    return wrapper;
  }
  const codes = today.filter((a) => !a.suppressed).map((a) => a.area);
  const area: HTMLInputElement | HTMLSelectElement = codes.length > 0 ? areaSelect(codes) : el("input", { type: "text", autocomplete: "off" });
  const citizens = el("input", { type: "number", inputmode: "numeric", value: "20", step: "1" });
  const which = el("select", {}, el("option", { value: "out_of_work" }, "Out of work"), el("option", { value: "fewest_bridging_ties" }, "Fewest bridging ties"));
  const pool = el("select", {}, el("option", { value: "same_area" }, "The same area"), el("option", { value: "any_area" }, "Any area"));
  const maxPerMentor = el("input", { type: "number", inputmode: "numeric", value: "0", step: "1" });
  const effect = el("input", { type: "number", inputmode: "decimal", value: "0.15", step: "0.01" });
  const baseline = el("input", { type: "number", inputmode: "decimal", value: "0.10", step: "0.01" });
  const status = statusLine();
  const results = el("div", { id: "whatif-results" });
  const form = el("form", { class: "panel", novalidate: true, "aria-label": "Describe a programme" },
    el("p", {}, "Mentor a number of citizens of one area; the engine chooses the citizens and their mentors and reports only totals."),
    el("div", { class: "row" },
      withErrors("programme.area", "Area", area),
      withErrors("programme.citizens", "Citizens", citizens, "At least the minimum cell size (10 by default) and a multiple of it."),
      withErrors("programme.which", "Which citizens", which),
      withErrors("programme.pool", "Mentors from", pool),
      withErrors("programme.maxPerMentor", "Most citizens per mentor", maxPerMentor, "0: each mentor's free places."),
    ),
    el("div", { class: "row" },
      withErrors("effect", "Effect per in-work contact", effect, "Relative rise in the chance of moving into work, e.g. 0.15."),
      withErrors("baseline", "Baseline rate", baseline, "Share moving into work anyway, 0 to 1."),
    ),
    el("div", { class: "row" }, el("button", { type: "submit" }, "See before and after")),
    status.element);

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    for (const [, slot] of errors) slot.textContent = "";
    for (const input of [area, citizens, which, pool, maxPerMentor, effect, baseline]) input.removeAttribute("aria-invalid");
    const number = (input: HTMLInputElement) => (input.value.trim() === "" ? null : Number(input.value));
    const body = {
      programme: { area: area.value.trim(), citizens: number(citizens), which: which.value, pool: pool.value, maxPerMentor: number(maxPerMentor) ?? 0 },
      effect: number(effect), baseline: number(baseline),
    };
    replace(results);
    const view = await busy(status, "Working out the programme", async () => {
      try {
        return await post<WhatIfView>("/what-if", body);
      } catch (error) {
        if (error instanceof ApiError && Object.keys(error.errors).length > 0) showFieldErrors(error);
        throw error;
      }
    });
    if (view) replace(results, ...render(view, byCode));
  });

  /** Each field's errors under the field; the rest in the status line. */
  function showFieldErrors(error: ApiError) {
    const inputs: Record<string, HTMLElement> = {
      "programme.area": area, "programme.citizens": citizens, "programme.which": which, "programme.pool": pool,
      "programme.maxPerMentor": maxPerMentor, effect, baseline,
    };
    for (const [name, messages] of Object.entries(error.errors)) {
      const slot = errors.get(name);
      if (!slot) continue;
      slot.textContent = messages.join(" ");
      inputs[name]?.setAttribute("aria-invalid", "true");
      inputs[name]?.setAttribute("aria-describedby", [inputs[name].getAttribute("aria-describedby"), slot.id].filter(Boolean).join(" "));
    }
  }

  main.append(form, results);
});

/** Today's measures of the caller's areas, for the area list and the intervals; a coach may not read them (aggregates
 * are for analysts), so a coach types the area. */
async function todaysAreas(me: Me): Promise<AreaMeasures[]> {
  return me.roles.includes("analyst") || me.roles.includes("admin") ? loadAreas() : [];
}

function render(view: WhatIfView, today: Map<string, AreaMeasures>): (HTMLElement | null)[] {
  const p = view.programme;
  const moves = view.areas.reduce((sum, a) => sum + (a.extraMovesIntoWork ?? 0), 0);
  const headline = p
    ? el("p", { class: "lead" }, `A programme for ${p.citizens} citizens of ${p.area} (${p.which.replaceAll("_", " ")}, mentors from ${p.pool.replaceAll("_", " ")}): `
      + `${p.mentoredCitizens} of them find a mentor. Indicative extra moves into work: ${num(moves, 1)}.`)
    : el("p", { class: "lead" }, `Indicative extra moves into work: ${num(moves, 1)}.`);
  const interval = (a: AreaChange, which: "ec" | "wc") => {
    const t = today.get(a.area);
    if (!t) return valueCell(which === "ec" ? a.economicConnectednessBefore : a.workConnectednessBefore, 2, false, a.suppressed);
    return which === "ec"
      ? withInterval(a.economicConnectednessBefore, t.economicConnectednessCiLow, t.economicConnectednessCiHigh, true)
      : withInterval(a.workConnectednessBefore, t.workConnectednessCiLow, t.workConnectednessCiHigh, true);
  };
  const rows = table<AreaChange>("Each area before and after the programme", [
    { label: "Area", cell: (a) => a.area, sort: (a) => a.area },
    { label: "EC today (interval)", numeric: true, cell: (a) => interval(a, "ec"), sort: (a) => a.economicConnectednessBefore },
    { label: "EC after", numeric: true, cell: (a) => valueCell(a.economicConnectednessAfter, 2, false, true), sort: (a) => a.economicConnectednessAfter },
    { label: "EC change", numeric: true, cell: (a) => change(a.economicConnectednessChange, 3, a.suppressed), sort: (a) => a.economicConnectednessChange },
    { label: "WC today (interval)", numeric: true, cell: (a) => interval(a, "wc"), sort: (a) => a.workConnectednessBefore },
    { label: "WC after", numeric: true, cell: (a) => valueCell(a.workConnectednessAfter, 2, false, true), sort: (a) => a.workConnectednessAfter },
    { label: "WC change", numeric: true, cell: (a) => change(a.workConnectednessChange, 3, a.suppressed), sort: (a) => a.workConnectednessChange },
    { label: "Bridging share today → after", numeric: true, cell: (a) => bridging(a), sort: (a) => a.bridgingShareChange },
    { label: "Out-of-work residents gaining an in-work contact", numeric: true, cell: (a) => valueCell(a.gainingInWorkContact, 0, false, true), sort: (a) => a.gainingInWorkContact },
    { label: "Indicative extra moves into work", numeric: true, cell: (a) => valueCell(a.extraMovesIntoWork, 1, false, true), sort: (a) => a.extraMovesIntoWork },
  ], view.areas, { column: 0 });
  rows.id = "whatif-table";
  const shown = view.areas.filter((a) => !a.suppressed);
  const whisker = (a: AreaChange, which: "ec" | "wc") => {
    const t = today.get(a.area);
    return which === "ec"
      ? { value: a.economicConnectednessBefore, low: t?.economicConnectednessCiLow ?? null, high: t?.economicConnectednessCiHigh ?? null }
      : { value: a.workConnectednessBefore, low: t?.workConnectednessCiLow ?? null, high: t?.workConnectednessCiHigh ?? null };
  };
  const summary = "Economic and work connectedness of each area today, with 95% intervals, and after the programme: "
    + shown.map((a) => `${a.area} EC ${num(a.economicConnectednessBefore, 2)} to ${num(a.economicConnectednessAfter, 2)}, WC ${num(a.workConnectednessBefore, 2)} to ${num(a.workConnectednessAfter, 2)}`).join("; ") + ".";
  const picture = chart(summary, {
    legend: { top: 0 },
    tooltip: { trigger: "item" },
    grid: { left: 48, right: 16, top: 40, bottom: 32 },
    xAxis: { type: "category", data: shown.map((a) => a.area) },
    yAxis: { type: "value", scale: true },
    series: [
      ...whiskerSeries("EC today", colours.ec, shown.map((a) => whisker(a, "ec")), -24),
      { name: "EC after", type: "scatter", symbol: "diamond", symbolSize: 12, symbolOffset: [-8, 0], itemStyle: { color: colours.after }, data: shown.map((a) => a.economicConnectednessAfter) },
      ...whiskerSeries("WC today", colours.wc, shown.map((a) => whisker(a, "wc")), 8),
      { name: "WC after", type: "scatter", symbol: "triangle", symbolSize: 12, symbolOffset: [24, 0], itemStyle: { color: colours.linking }, data: shown.map((a) => a.workConnectednessAfter) },
    ],
  });
  return [
    el("h2", {}, "Before and after"), headline,
    el("p", { class: "note caveat" }, el("strong", {}, "Caveat: "), caveat),
    picture, el("p", { class: "note" }, "Circles are today's values, whiskers their 95% intervals; diamonds and triangles the values after. The table below has every figure."),
    scroller("Each area before and after (scrolls sideways)", rows),
    view.areas.some((a) => a.suppressed) ? el("p", { class: "note" }, suppressedWhy) : null,
  ];
}

function change(value: number | null, digits: number, suppressed: boolean): Node | string {
  if (value === null) return valueCell(null, digits, false, suppressed);
  return `${value > 0 ? "+" : value < 0 ? "−" : "±"}${num(Math.abs(value), digits)}`;
}

function bridging(a: AreaChange): Node | string {
  if (a.bridgingShareBefore === null || a.bridgingShareAfter === null) return valueCell(null, 1, true, a.suppressed);
  return `${num(a.bridgingShareBefore * 100, 1)}% → ${num(a.bridgingShareAfter * 100, 1)}%`;
}
