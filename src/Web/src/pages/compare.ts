// Compare areas: two or more side by side (a table and a chart), and every area coloured by a chosen measure — on a map
// when the data has boundaries (GET /areas/boundaries), as a grid of tiles otherwise. Choosing an area shows its values.
import { ApiError, get } from "../lib/api";
import { el, field, replace, uid } from "../lib/dom";
import { page } from "../lib/layout";
import { table } from "../lib/table";
import {
  chart, echarts, glossary, loadAreas, measure, measureCell, measures, scroller, suppressedWhy, tint, valueText,
  type AreaMeasures, type Measure, type MeasureKey,
} from "./analyst";

const palette = ["#1d4f91", "#b34700", "#2f7d4f", "#8a3b8f", "#6b6b6b", "#00707a"];

void page({ title: "Compare areas", roles: ["analyst", "admin"] }, async (main) => {
  const [areas, boundaries] = await Promise.all([loadAreas(), loadBoundaries()]);
  if (areas.length === 0) {
    main.append(el("p", {}, "There are no areas in your scope."));
    return;
  }
  const byCode = new Map(areas.map((a) => [a.area, a]));

  // Side by side.
  const chosen = new Set(areas.filter((a) => !a.suppressed).slice(0, 2).map((a) => a.area));
  const sideBySide = el("div", { id: "side-by-side" });
  const boxes = el("fieldset", { class: "choices" }, el("legend", {}, "Areas to compare (two or more)"),
    ...areas.map((a) => {
      const box = el("input", { type: "checkbox", value: a.area, checked: chosen.has(a.area) });
      box.addEventListener("change", () => {
        if (box.checked) chosen.add(a.area); else chosen.delete(a.area);
        drawSideBySide();
      });
      return el("label", { class: "choice" }, box, ` ${a.area}${a.suppressed ? " (suppressed)" : ""}`);
    }));
  function drawSideBySide() {
    const picked = areas.filter((a) => chosen.has(a.area));
    if (picked.length < 2) {
      replace(sideBySide, el("p", { class: "status", role: "status" }, "Choose at least two areas."));
      return;
    }
    replace(sideBySide, comparisonTable(picked), comparisonChart(picked));
  }

  // Every area by one measure.
  const select = el("select", { id: uid("measure") }, ...measures.map((m) => el("option", { value: m.key }, m.label)));
  select.value = "economicConnectedness";
  const picture = el("div", { id: "area-map" });
  const details = el("div", { id: "area-details", class: "panel", "aria-live": "polite" }, el("p", {}, "Choose an area to see its values."));
  const show = (code: string) => replace(details, ...areaDetails(byCode.get(code)!));
  function drawMap() {
    const m = measure(select.value as MeasureKey);
    replace(picture, boundaries ? mapChart(areas, boundaries, m, show) : null, tiles(areas, m, show));
  }
  select.addEventListener("change", drawMap);

  main.append(
    el("h2", {}, "Side by side"), boxes, sideBySide,
    el("h2", {}, boundaries ? "Map of every area" : "Every area"),
    el("p", {}, boundaries
      ? "Each area coloured by the measure you choose (darker is higher). Select an area on the map or in the list below it for its values."
      : "This data has no area boundaries, so each area is a tile coloured by the measure you choose (darker is higher). Select a tile for its values."),
    el("div", { class: "row" }, field("Colour by", select)),
    picture, details, glossary(),
  );
  drawSideBySide();
  drawMap();
});

/** The caller's areas' boundaries, or null when the data has none (404). */
async function loadBoundaries(): Promise<object | null> {
  try {
    return await get<object>("/areas/boundaries");
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

function comparisonTable(picked: AreaMeasures[]): HTMLElement {
  const t = table<Measure>("Chosen areas side by side", [
    { label: "Measure", cell: (m) => m.label },
    ...picked.map((a) => ({ label: a.area, numeric: true, cell: (m: Measure) => measureCell(a, m) })),
  ], measures);
  return scroller("Chosen areas side by side (scrolls sideways)", t);
}

/** The measures on a common scale (0 to about 1) as grouped bars, one colour per area. */
function comparisonChart(picked: AreaMeasures[]): HTMLElement {
  const keys: MeasureKey[] = ["economicConnectedness", "workConnectedness", "exposure", "friendingBias", "bondingShare", "bridgingShare", "linkingShare", "clustering"];
  const ms = keys.map(measure);
  const shown = picked.filter((a) => !a.suppressed);
  const summary = "Chosen areas compared: " + shown.map((a) => `${a.area}: ` + ms.map((m) => `${m.label} ${valueText(a[m.key], m.digits, m.share)}`).join(", ")).join("; ")
    + (shown.length < picked.length ? `. ${picked.filter((a) => a.suppressed).map((a) => a.area).join(", ")} suppressed, not drawn.` : ".");
  const picture = chart(summary, {
    legend: { top: 0 },
    tooltip: { trigger: "axis" },
    grid: { left: 48, right: 16, top: 36, bottom: 80 },
    xAxis: { type: "category", data: ms.map((m) => m.label.replace(/ \(.*\)$/, "")), axisLabel: { interval: 0, rotate: 30 } },
    yAxis: { type: "value" },
    series: shown.map((a, i) => ({ name: a.area, type: "bar", itemStyle: { color: palette[i % palette.length] }, data: ms.map((m) => a[m.key]) })),
  }, "24rem");
  return el("div", {}, picture, el("p", { class: "note" }, "Shares are drawn as fractions (0.25 = 25%). The table above has every figure."));
}

function range(areas: AreaMeasures[], m: Measure): [number, number] {
  const values = areas.map((a) => a[m.key]).filter((v): v is number => v !== null);
  return values.length === 0 ? [0, 1] : [Math.min(...values), Math.max(...values)];
}

/** The echarts map of the areas, coloured by the measure; suppressed and undefined areas grey. */
function mapChart(areas: AreaMeasures[], boundaries: object, m: Measure, show: (code: string) => void): HTMLElement {
  echarts.registerMap("areas", boundaries as Parameters<typeof echarts.registerMap>[1]);
  const [low, high] = range(areas, m);
  const summary = `Map of every area coloured by ${m.label}: ` + areas.map((a) => `${a.area} ${valueText(a[m.key], m.digits, m.share, a.suppressed)}`).join("; ") + ".";
  const picture = chart(summary, {
    tooltip: { trigger: "item", formatter: (p: { name: string }) => `${p.name}: ${valueText(areas.find((a) => a.area === p.name)?.[m.key] ?? null, m.digits, m.share, true)}` },
    visualMap: { min: low, max: high === low ? low + 1 : high, calculable: false, orient: "horizontal", left: "center", bottom: 0, inRange: { color: [tint(0), tint(1)] }, text: ["high", "low"] },
    series: [{
      type: "map", map: "areas", nameProperty: "area", roam: false, selectedMode: "single",
      label: { show: true, color: "#1b1b1b" }, itemStyle: { borderColor: "#1b1b1b", areaColor: "#d9d9d9" },
      emphasis: { label: { color: "#1b1b1b" }, itemStyle: { areaColor: "#e8a200" } },
      data: areas.map((a) => ({ name: a.area, value: a[m.key] ?? undefined })),
    }],
  }, "26rem", (instance) => instance.on("click", (p) => show((p as { name: string }).name)));
  picture.classList.add("map");
  return picture;
}

/** Every area as a tile (a button) coloured by the measure: the map's list for keyboard use, or the picture itself when
 * there are no boundaries. */
function tiles(areas: AreaMeasures[], m: Measure, show: (code: string) => void): HTMLElement {
  const [low, high] = range(areas, m);
  const list = el("ul", { class: "tiles", "aria-label": `Every area by ${m.label}` }, ...areas.map((a) => {
    const v = a[m.key];
    const text = valueText(v, m.digits, m.share, a.suppressed || v === null);
    const button = el("button", { type: "button", class: "tile" }, el("strong", {}, a.area), el("span", {}, text));
    button.style.background = v === null ? "#e6e6e6" : tint(high === low ? 1 : (v - low) / (high - low));
    button.addEventListener("click", () => show(a.area));
    return el("li", {}, button);
  }));
  const legend = el("p", { class: "note" }, `${m.label}: lightest ${valueText(low, m.digits, m.share)}, darkest ${valueText(high, m.digits, m.share)}; grey: no value. `, suppressedWhy);
  return el("div", {}, list, legend);
}

function areaDetails(a: AreaMeasures): (HTMLElement | string)[] {
  if (a.suppressed) return [el("h3", {}, `Area ${a.area}`), el("p", {}, `Area ${a.area} is suppressed: it has fewer people than the minimum cell size, so none of its figures are shown.`)];
  return [el("h3", {}, `Area ${a.area}`),
    table<Measure>(`Area ${a.area}: every measure`, [{ label: "Measure", cell: (m) => m.label }, { label: "Value", numeric: true, cell: (m) => measureCell(a, m) }], measures)];
}
