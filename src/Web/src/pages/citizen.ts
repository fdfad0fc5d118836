// A citizen's page: profile and goals, their coach and mentors, measures in plain words, their network as a picture, ranked
// mentors with "why not?", proposals (propose, accept, decline), peer groups and warm introductions.
import { ApiError, query } from "../lib/api";
import { el, replace } from "../lib/dom";
import { words } from "../lib/format";
import { page } from "../lib/layout";
import { citizenApi, type Capital, type Person } from "./citizen-api";
import { measuresSection } from "./citizen-measures";
import { matchesSection } from "./citizen-matches";
import { networkSection } from "./citizen-network";
import { suggestionsSection } from "./citizen-suggestions";

void page({ title: "Citizen", roles: ["coach", "admin"] }, async (main, me) => {
  const id = new URLSearchParams(location.search).get("id")?.trim() ?? "";
  const back = el("p", {}, el("a", { href: "/search.html" }, "Find another citizen"));
  if (!id) {
    main.append(el("p", { class: "status error", role: "alert" }, "No citizen named: open this page from the search."), back);
    return;
  }
  const scope = me.areas.includes("*") ? "" : ` They may not exist, or live outside your areas (${me.areas.join(", ")}).`;
  // Every section's first answer is asked for at once, beside the person: the page waits for the slowest, not the sum.
  const first = {
    capital: citizenApi.capital(id), network: citizenApi.network(id), matches: citizenApi.matches(id, false),
    proposals: citizenApi.proposals(id), groups: citizenApi.groups(id), introductions: citizenApi.introductions(id),
  };
  for (const answer of Object.values(first)) answer.catch(() => undefined); // a 404 is shown once, from the person
  let person: Person;
  try {
    person = await citizenApi.person(id);
  } catch (error) {
    const text = error instanceof ApiError && error.status === 404 ? `${error.message}${scope}` : (error as Error).message;
    main.append(el("p", { class: "status error", role: "alert" }, text), back);
    return;
  }
  if (person.kind !== "citizen") {
    main.append(el("p", { class: "status error", role: "alert" }, `'${id}' is a ${words(person.kind)}, not a citizen.`), back);
    return;
  }
  document.title = `Citizen ${id} — SocialCapital`;
  main.querySelector("h1")!.textContent = `Citizen ${id}`;

  const profile = el("section", { "aria-labelledby": "profile-h" });
  const measures = el("section", { "aria-labelledby": "measures-h" });
  const network = el("section", { "aria-labelledby": "network-h" });
  const matches = el("section", { "aria-labelledby": "matches-h" });
  const suggestions = el("section", { "aria-labelledby": "suggestions-h" });
  main.append(back, profile, measures, network, matches, suggestions);

  /** Everything that a decision can change: the ties (coach, mentors), measures and network. */
  async function refreshTies(capitalAnswer = citizenApi.capital(id), networkAnswer = citizenApi.network(id)) {
    const [capital, ego] = await Promise.all([capitalAnswer, networkAnswer]);
    renderProfile(profile, person, capital);
    measuresSection(measures, capital);
    networkSection(network, ego);
  }

  await Promise.all([
    refreshTies(first.capital, first.network),
    matchesSection(matches, id, () => refreshTies(), { matches: first.matches, proposals: first.proposals }),
    suggestionsSection(suggestions, first),
  ]);
});

function renderProfile(section: HTMLElement, person: Person, capital: Capital) {
  const coaches = capital.contacts.filter((c) => c.kind === "coach" && c.kinds.includes("coaching"));
  const mentors = capital.contacts.filter((c) => c.kind === "mentor" && c.kinds.includes("mentoring"));
  const who = (c: { id: string | null }) => c.id ?? "someone outside your areas";
  const needs = person.goals; // goals naming a coach specialism are needs; both are shown as the citizen stated them
  const row = (term: string, value: Node | string) => [el("dt", {}, term), el("dd", {}, value)];
  replace(section,
    el("h2", { id: "profile-h" }, "Profile"),
    el("dl", { class: "profile" },
      ...row("Area", person.area ?? "unknown"),
      ...row("Employment", person.employment ? words(person.employment) : "unknown"),
      ...row("Age band", person.ageBand ?? "unknown"),
      ...row("Sector", person.sector ? words(person.sector) : "none stated"),
      ...row("Goals and needs", needs.length > 0 ? needs.map(words).join(", ") : "none stated"),
      ...row("Skills", person.skills.length > 0 ? person.skills.map(words).join(", ") : "none stated"),
      ...row("Languages", person.languages.length > 0 ? person.languages.join(", ") : "none stated"),
      ...row("Work Hub", person.hub ?? "unknown"),
      ...row("Coach", coaches.length > 0 ? coaches.map(who).join(", ") : "no coach assigned"),
      ...row("Mentors", mentors.length > 0 ? el("span", { class: "mentors" }, mentors.map(who).join(", ")) : "none now"),
    ),
    el("p", { class: "note" }, "Find people like them: ",
      ...person.goals.slice(0, 3).flatMap((g, i) => [i > 0 ? ", " : "", el("a", { href: `/search.html${query({ q: `${person.area ?? ""} ${g}`.trim() })}` }, `${words(g)} in ${person.area ?? "any area"}`)]),
      person.goals.length === 0 ? "no goals stated." : "."),
  );
}
