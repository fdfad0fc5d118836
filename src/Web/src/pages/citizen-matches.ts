// Mentor matches for one citizen: the ranked mentors with score parts and reasons, "why not this mentor?" for any
// mentor, proposing a mentor, and the citizen's proposals with accept and decline (a reason is required) on their behalf.
import { busy, el, field, replace, statusLine } from "../lib/dom";
import { date, num, pct, words } from "../lib/format";
import { table } from "../lib/table";
import { citizenApi, type Explanation, type Matches, type Proposal } from "./citizen-api";

const ruleNames: Record<string, string> = {
  none: "Eligible", no_free_place: "No free place", other_area: "Another area", past_or_current_mentor: "Already paired",
  declined_before: "Declined before", already_proposed: "Already proposed", excluded_by_caller: "Excluded", no_shared_language: "No shared language",
};

export async function matchesSection(section: HTMLElement, citizen: string, tiesChanged: () => Promise<unknown>,
  first?: { matches: Promise<Matches>; proposals: Promise<{ items: Proposal[] }> }) {
  const anyArea = el("input", { type: "checkbox", name: "anyArea" });
  const ranked = el("div", {});
  const rankedStatus = statusLine();

  const whyInput = el("input", { type: "text", name: "whyMentor", autocomplete: "off", required: true });
  const whyOut = el("div", { class: "why", "aria-live": "polite" });
  const whyStatus = statusLine();
  const whyForm = el("form", { class: "panel" },
    el("div", { class: "row" }, field("Mentor id", whyInput, "Any mentor, of any area."), el("button", { type: "submit" }, "Explain")),
    whyStatus.element, whyOut);

  const mentorInput = el("input", { type: "text", name: "mentor", autocomplete: "off", required: true });
  const daysInput = el("input", { type: "number", name: "expiresInDays", min: "1", max: "90", value: "10", inputmode: "numeric" });
  const proposeStatus = statusLine();
  const proposeForm = el("form", { class: "panel" },
    el("div", { class: "row" },
      field("Mentor to propose", mentorInput),
      field("Days to decide", daysInput, "1 to 90; the proposal holds a place until then."),
      el("button", { type: "submit" }, "Propose")),
    proposeStatus.element);

  const proposals = el("div", {});
  const proposalStatus = statusLine();
  const decided = statusLine(); // the last decision, kept while the lists reload

  replace(section,
    el("h2", { id: "matches-h" }, "Mentor matches"),
    el("div", { class: "row" }, el("label", { class: "check" }, anyArea, " Include mentors of any area")),
    rankedStatus.element, ranked,
    el("h3", {}, "Why not this mentor?"), whyForm,
    el("h3", {}, "Propose a mentor"), proposeForm,
    el("h3", { id: "proposals-h" }, "Proposals"), decided.element, proposalStatus.element, proposals);

  async function loadRanked(answer?: Promise<Matches>) {
    const found = await busy(rankedStatus, "Ranking mentors", () => answer ?? citizenApi.matches(citizen, anyArea.checked));
    if (found) renderRanked(found);
  }

  function renderRanked(found: Matches) {
    const left = Object.entries(found.ineligible).filter(([, n]) => n > 0).map(([rule, n]) => `${n} ${words(rule.replace(/([A-Z])/g, "_$1").toLowerCase())}`);
    rankedStatus.show(`${found.eligible} eligible mentor${found.eligible === 1 ? "" : "s"}${left.length > 0 ? `; left out: ${left.join(", ")}` : ""}.`);
    if (found.matches.length === 0) { replace(ranked, el("p", {}, "No eligible mentor. Try any area, or ask why a mentor is not eligible.")); return; }
    const grid = table(`Best mentors for ${citizen}, best first`, [
      { label: "Rank", cell: (m) => String(m.rank), sort: (m) => m.rank, numeric: true },
      { label: "Mentor", cell: (m) => m.mentor, sort: (m) => m.mentor },
      { label: "Score", cell: (m) => num(m.score), sort: (m) => m.score, numeric: true },
      { label: "Goal fit", cell: (m) => pct(m.goalFit), sort: (m) => m.goalFit, numeric: true },
      { label: "Bridging", cell: (m) => num(m.bridging), sort: (m) => m.bridging, numeric: true },
      { label: "Proximity", cell: (m) => num(m.proximity), sort: (m) => m.proximity, numeric: true },
      { label: "Same area", cell: (m) => (m.locality > 0 ? "yes" : "no"), sort: (m) => m.locality },
      { label: "Places free", cell: (m) => pct(m.capacity), sort: (m) => m.capacity, numeric: true },
      { label: "Why", cell: (m) => el("ul", { class: "reasons" }, ...m.reasons.map((r) => el("li", {}, r))) },
      { label: "Action", cell: (m) => el("button", { type: "button", class: "secondary", "aria-label": `Propose ${m.mentor}`, onclick: () => { mentorInput.value = m.mentor; void propose(); } }, "Propose") },
    ], found.matches);
    replace(ranked, el("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-label": "Ranked mentors" }, grid));
  }

  function renderWhy(why: Explanation) {
    const parts = why.match
      ? el("dl", { class: "parts" },
        ...[["Score", num(why.match.score)], ["Goal fit", pct(why.match.goalFit)], ["Bridging", num(why.match.bridging)],
          ["Proximity", num(why.match.proximity)], ["Same area", why.match.locality > 0 ? "yes" : "no"], ["Places free", pct(why.match.capacity)]]
          .flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]))
      : null;
    replace(whyOut,
      el("p", { class: why.eligible ? "verdict ok" : "verdict no" },
        el("strong", {}, `${why.mentor}: ${ruleNames[why.rule] ?? words(why.rule)}`), ` — ${why.why}.`),
      parts,
      why.match ? el("ul", { class: "reasons" }, ...why.match.reasons.map((r) => el("li", {}, r))) : null);
  }

  whyForm.addEventListener("submit", (event) => {
    event.preventDefault();
    void (async () => {
      const why = await busy(whyStatus, `Checking ${whyInput.value.trim()}`, () => citizenApi.whyNot(citizen, whyInput.value.trim(), anyArea.checked));
      if (why) renderWhy(why); else whyOut.replaceChildren();
    })();
  });

  async function propose() {
    const mentor = mentorInput.value.trim();
    if (!mentor) { proposeStatus.show("Name a mentor to propose.", "error"); mentorInput.focus(); return; }
    const made = await busy(proposeStatus, `Proposing ${mentor}`, () => citizenApi.propose(citizen, mentor, Number(daysInput.value) || 10));
    if (!made) { mentorInput.focus(); return; }
    proposeStatus.show(`Proposed ${mentor} (${made.id}); it holds a place until ${date(made.expires)}.`, "ok");
    await Promise.all([loadProposals(), loadRanked()]);
  }

  proposeForm.addEventListener("submit", (event) => { event.preventDefault(); void propose(); });
  anyArea.addEventListener("change", () => void loadRanked());

  async function loadProposals(answer?: Promise<{ items: Proposal[] }>) {
    const found = await busy(proposalStatus, "Loading proposals", () => answer ?? citizenApi.proposals(citizen));
    if (!found) return;
    const pending = found.items.filter((p) => p.status === "proposed");
    proposalStatus.show(found.items.length === 0 ? "No proposals yet." : `${pending.length} pending of ${found.items.length}.`);
    if (found.items.length === 0) { proposals.replaceChildren(); return; }
    const grid = table(`Proposals for ${citizen}, newest first`, [
      { label: "Mentor", cell: (p) => p.mentor, sort: (p) => p.mentor },
      { label: "Status", cell: (p) => p.status, sort: (p) => p.status },
      { label: "Proposed", cell: (p) => date(p.proposed), sort: (p) => p.proposed },
      { label: "Expires", cell: (p) => (p.status === "proposed" ? `${date(p.expires)} (${untilDays(p.expires)})` : date(p.expires)), sort: (p) => p.expires },
      { label: "Decided", cell: (p) => (p.decided ? `${date(p.decided)}${p.reason ? ` — ${p.reason}` : ""}` : "—"), sort: (p) => p.decided },
      { label: "Decision", cell: (p) => (p.status === "proposed" ? decision(p) : "—") },
    ], found.items);
    replace(proposals, el("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-label": "Proposals" }, grid));
  }

  function decision(p: Proposal): HTMLElement {
    const reason = el("input", { type: "text", name: `reason-${p.id}`, autocomplete: "off", maxlength: "500" });
    const status = statusLine();
    const accept = el("button", { type: "button", onclick: () => void decide(() => citizenApi.accept(p.id), `Accepting ${p.mentor}`) }, `Accept ${p.mentor}`);
    const decline = el("button", { type: "button", class: "secondary", onclick: () => {
      if (!reason.value.trim()) { status.show("Say why it was declined.", "error"); reason.focus(); return; }
      void decide(() => citizenApi.decline(p.id, reason.value.trim()), `Declining ${p.mentor}`);
    } }, `Decline ${p.mentor}`);
    async function decide(work: () => ReturnType<typeof citizenApi.accept>, what: string) {
      const done = await busy(status, what, work);
      if (!done) return;
      decided.show(done.tie
        ? `Accepted: ${done.tie.source} now mentors ${done.tie.target} (a mentoring tie since ${date(done.tie.since)}).`
        : `Declined ${done.proposal.mentor}: ${done.proposal.reason ?? ""}`, "ok");
      await Promise.all([loadProposals(), loadRanked(), tiesChanged()]);
    }
    return el("div", { class: "decide" }, accept, field(`Reason to decline ${p.mentor}`, reason), decline, status.element);
  }

  await Promise.all([loadRanked(first?.matches), loadProposals(first?.proposals)]);
}

/** Days from today (the browser's) to an ISO date, in words. */
function untilDays(iso: string): string {
  const days = Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`)) / 86_400_000);
  return days <= 0 ? "today" : days === 1 ? "in 1 day" : `in ${days} days`;
}
