// Find a citizen: search the caller's areas by id or by words (area, employment, goals, skills, languages, …), then open
// the citizen's page. The query lives in the address (?q=&page=), so back and reload keep it.
import { get, query, type Paged } from "../lib/api";
import { busy, el, field, replace, statusLine } from "../lib/dom";
import { words } from "../lib/format";
import { page } from "../lib/layout";
import { table } from "../lib/table";
import type { Person } from "./citizen-api";

const PageSize = 25;

void page({ title: "Find a citizen", roles: ["coach", "admin"] }, async (main, me) => {
  const params = new URLSearchParams(location.search);
  const input = el("input", { type: "search", name: "q", autocomplete: "off", value: params.get("q") ?? "" });
  const form = el("form", { class: "panel", role: "search" },
    el("div", { class: "row" },
      field("Search citizens", input, "An id or its start (p0012), or words that must all match: area, employment, age band, goals, skills, languages."),
      el("button", { type: "submit" }, "Search")));
  const status = statusLine();
  const results = el("div", { class: "results" });
  const scope = me.areas.includes("*") ? "every area" : `your areas (${me.areas.join(", ")})`;
  main.append(el("p", {}, `Citizens of ${scope}. Open one to see their network, measures and mentor matches.`), form, status.element, results);

  async function show(q: string, number: number, push: boolean) {
    if (push) history.pushState(null, "", `/search.html${query({ q, page: number > 1 ? number : undefined })}`);
    const found = await busy(status, q ? `Searching for “${q}”` : "Listing citizens", () =>
      get<Paged<Person>>(`/people${query({ kind: "citizen", q, page: number, pageSize: PageSize })}`));
    if (!found) return;
    const first = (found.page - 1) * found.pageSize + 1;
    const last = first + found.items.length - 1;
    status.show(found.total === 0 ? (q ? `No citizen of ${scope} matches “${q}”.` : `No citizens in ${scope}.`)
      : `${found.total} citizen${found.total === 1 ? "" : "s"}${q ? ` match “${q}”` : ""}; showing ${first}–${last}.`);
    if (found.total === 0) { results.replaceChildren(); return; }
    const grid = table(q ? `Citizens matching “${q}”` : "Citizens", [
      { label: "Citizen", cell: (p) => el("a", { href: `/citizen.html${query({ id: p.id })}` }, p.id), sort: (p) => p.id },
      { label: "Area", cell: (p) => p.area ?? "—", sort: (p) => p.area },
      { label: "Employment", cell: (p) => (p.employment ? words(p.employment) : "—"), sort: (p) => p.employment },
      { label: "Age", cell: (p) => p.ageBand ?? "—", sort: (p) => p.ageBand },
      { label: "Goals and needs", cell: (p) => p.goals.map(words).join(", ") || "—" },
      { label: "Skills", cell: (p) => p.skills.map(words).join(", ") || "—" },
    ], found.items);
    const pages = Math.ceil(found.total / found.pageSize);
    const nav = el("nav", { class: "row pager", "aria-label": "Result pages" },
      el("button", { type: "button", class: "secondary", disabled: found.page <= 1, onclick: () => void show(q, found.page - 1, true) }, "Previous page"),
      el("span", {}, `Page ${found.page} of ${pages}`),
      el("button", { type: "button", class: "secondary", disabled: found.page >= pages, onclick: () => void show(q, found.page + 1, true) }, "Next page"));
    replace(results, el("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-label": "Search results" }, grid), nav);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void show(input.value.trim(), 1, true);
  });
  window.addEventListener("popstate", () => {
    const now = new URLSearchParams(location.search);
    input.value = now.get("q") ?? "";
    void show(input.value, Number(now.get("page") ?? "1"), false);
  });
  await show(input.value.trim(), Number(params.get("page") ?? "1") || 1, false);
});
