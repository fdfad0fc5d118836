// A citizen's social-capital measures in plain words, each beside the same measure for their area (as analysts see it),
// and what the number means for this person (docs/measures.md).
import { el, replace } from "../lib/dom";
import { num, pct } from "../lib/format";
import type { AreaMeasures, Capital } from "./citizen-api";

interface Row { measure: string; value: string; area: Node | string; meaning: string }

export function measuresSection(section: HTMLElement, capital: Capital) {
  const m = capital.measures;
  const a = capital.area;
  const areaName = a?.area ?? "their area";
  const rows: Row[] = [
    {
      measure: "Contacts",
      value: `${m.degree} (${m.bonding} bonding, ${m.bridging} bridging, ${m.linking} linking)`,
      area: "—",
      meaning: m.degree === 0 ? "No active contacts recorded: every tie a coach helps make counts." : `${m.inWorkContacts} of them in work.`,
    },
    {
      measure: "Bridging ties",
      value: m.degree > 0 ? pct(m.bridging / m.degree) : "—",
      area: areaValue(a, a?.bridgingShare, (v) => pct(v)),
      meaning: m.degree === 0 ? "No contacts yet." : m.bridging === 0
        ? "Everyone they know is like them (same work status, background or age): bridging ties to people unlike them carry news of jobs."
        : `${m.bridging} of their ${m.degree} contacts differ from them in work status, background or age — the ties that carry news of jobs. Range 0–100%.`,
    },
    {
      measure: "Constraint",
      value: num(m.constraint),
      area: areaValue(a, a?.meanConstraint, (v) => num(v)),
      meaning: m.constraint === null ? "Undefined without contacts."
        : m.constraint >= 0.5 ? "High: their contacts mostly know each other, so they hear the same things; a contact outside that circle would open it up. Range about 0.1 (open network) to 1 (one closed circle)."
        : "Low: their contacts do not all know each other, so they hear from several circles. Range about 0.1 (open network) to 1 (one closed circle).",
    },
    {
      measure: "Economic connectedness (EC)",
      value: num(m.economicConnectedness),
      area: areaValue(a, a?.economicConnectedness, (v) => num(v), a?.economicConnectednessCiLow, a?.economicConnectednessCiHigh),
      meaning: m.economicConnectedness === null ? "Undefined: no contact's socio-economic background is known."
        : `${m.economicConnectedness >= 1 ? "At or above" : "Below"} 1, the share of higher-income contacts the whole population would give: ${m.economicConnectedness >= 1 ? "they know people better off" : "few of their contacts are better off"}. Range 0–2; the area value is for its lower-income residents.`,
    },
    {
      measure: "Work connectedness (WC)",
      value: num(m.workConnectedness),
      area: areaValue(a, a?.workConnectedness, (v) => num(v), a?.workConnectednessCiLow, a?.workConnectednessCiHigh),
      meaning: m.workConnectedness === null ? "Undefined: no contact's work status is known."
        : `${m.workConnectedness >= 1 ? "At or above" : "Below"} 1, the in-work share of the whole population: ${m.workConnectedness >= 1 ? "many of their contacts are in work" : "fewer of their contacts are in work than in the population"}. The area value is for its out-of-work residents.`,
    },
    {
      measure: "Clustering",
      value: num(m.clustering),
      area: areaValue(a, a?.clustering, (v) => num(v)),
      meaning: "Share of pairs of their contacts who know each other, 0–1: high means a close-knit circle that supports them.",
    },
  ];
  const body = el("tbody", {}, ...rows.map((r) => el("tr", {},
    el("th", { scope: "row" }, r.measure), el("td", { class: "num" }, r.value), el("td", { class: "num" }, r.area), el("td", {}, r.meaning))));
  replace(section,
    el("h2", { id: "measures-h" }, "Social capital in plain words"),
    el("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-label": "Measures" },
      el("table", { class: "data measures" },
        el("caption", {}, `Measures of ${m.id}, beside ${areaName}`),
        el("thead", {}, el("tr", {}, ...["Measure", "This person", `Area ${areaName}`, "What it means"].map((h) => el("th", { scope: "col" }, h)))),
        body)),
    a?.suppressed ? el("p", { class: "note" }, `The measures of ${areaName} are suppressed: too few residents to publish them.`) : null,
  );
}

/** An area value with its interval; "suppressed" (never 0) when the area is too small to publish. */
function areaValue(a: AreaMeasures | null, value: number | null | undefined, show: (v: number) => string, low?: number | null, high?: number | null): Node | string {
  if (!a) return "—";
  if (a.suppressed) return el("span", { class: "suppressed" }, "suppressed");
  if (value === null || value === undefined) return "—";
  return low != null && high != null ? `${show(value)} (${show(low)}–${show(high)})` : show(value);
}
