// Peer-group suggestions and warm introductions to employers: who in the citizen's network (one or two hops) works where
// they want to work, and the people in their network in work who could introduce them.
import { el, replace } from "../lib/dom";
import { num, words } from "../lib/format";
import { table } from "../lib/table";
import type { GroupSuggestion, Introduction, Network, Suggestions } from "./citizen-api";

/** How many people in work are listed: the closest. */
const Shown = 20;

export async function suggestionsSection(section: HTMLElement,
  answers: { groups: Promise<Suggestions<GroupSuggestion>>; introductions: Promise<Suggestions<Introduction>>; network: Promise<Network> }) {
  const [groups, intros, network] = await Promise.all([answers.groups, answers.introductions, answers.network]);
  const wrap = (name: string, t: HTMLTableElement) => el("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-label": name }, t);

  const groupTable = groups.items.length === 0 ? el("p", {}, "No peer group with a free place would widen their network.")
    : wrap("Peer groups", table("Peer groups that would widen their network", [
      { label: "Rank", cell: (g) => String(g.rank), sort: (g) => g.rank, numeric: true },
      { label: "Group", cell: (g) => g.group, sort: (g) => g.group },
      { label: "Score", cell: (g) => num(g.score), sort: (g) => g.score, numeric: true },
      { label: "Free places", cell: (g) => String(g.freePlaces), sort: (g) => g.freePlaces, numeric: true },
      { label: "Why", cell: (g) => g.reasons.join("; ") },
    ], groups.items));

  const introTable = intros.items.length === 0
    ? el("p", {}, "No employer hiring in their goal sectors is within two steps of their network.")
    : wrap("Warm introductions", table("Employers hiring in their goal sectors, and who can introduce them", [
      { label: "Employer", cell: (i) => i.employer, sort: (i) => i.employer },
      { label: "Sector", cell: (i) => (i.sector ? words(i.sector) : "—"), sort: (i) => i.sector },
      { label: "Vacancies", cell: (i) => String(i.vacancies), sort: (i) => i.vacancies, numeric: true },
      { label: "Introduced by", cell: (i) => i.path.slice(1).join(" → "), sort: (i) => i.hops },
      { label: "Why", cell: (i) => i.reasons.join("; ") },
    ], intros.items));

  // People in their network who are in work or tied to an employer: anyone of them could pass on a job or an introduction.
  const keyed = new Map(network.nodes.map((n) => [n.key, n]));
  const employers = new Map<string, string[]>();
  for (const t of network.ties) {
    const [person, place] = [keyed.get(t.source), keyed.get(t.target)];
    if (person && place?.kind === "employer" && t.kinds.includes("employment")) employers.set(person.key, [...(employers.get(person.key) ?? []), place.id ?? "an employer outside your areas"]);
  }
  // Closest first, those tied to a named employer before the rest; the first few are the ones to ask.
  const all = network.nodes.slice(1).filter((n) => n.id && n.kind !== "employer" && n.kind !== "peer_group"
    && (employers.has(n.key) || n.employment === "employed" || n.employment === "self_employed"))
    .sort((a, b) => a.hops - b.hops || Number(employers.has(b.key)) - Number(employers.has(a.key)));
  const working = all.slice(0, Shown);
  const workingTable = working.length === 0 ? el("p", {}, "No one in their network (to two hops) is known to be in work.")
    : wrap("People in work in their network", table(`People in work in their network (${working.length}${all.length > working.length ? ` closest of ${all.length}` : ""})`, [
      { label: "Who", cell: (n) => n.id!, sort: (n) => n.id },
      { label: "Hops", cell: (n) => String(n.hops), sort: (n) => n.hops, numeric: true },
      { label: "Works", cell: (n) => (employers.get(n.key)?.join(", ") ?? words(n.employment ?? "in work")) },
    ], working, { column: 1 }));

  replace(section,
    el("h2", { id: "suggestions-h" }, "Peer groups and introductions"),
    el("h3", {}, "Peer groups"), groupTable,
    el("h3", {}, "Warm introductions to employers"), introTable,
    el("h3", {}, "People in work in their network"), workingTable);
}
