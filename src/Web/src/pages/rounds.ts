// Mentor rounds: choose citizens from the caseload, preview an optimal round (who gets whom and why, who is left and
// why), publish it as proposals, and see the proposals pending with their expiry.
import { get, post, query, type Paged } from "../lib/api";
import { caseloadOwner, citizenLink, loadCaseload, scroller, type Unassigned } from "../lib/coaching";
import { el, field, replace, statusLine } from "../lib/dom";
import { count, date, days, num } from "../lib/format";
import { page } from "../lib/layout";
import { table } from "../lib/table";

interface RoundMatch { citizen: string; mentor: string; score: number; rank: number; eligible: number; reasons: string[] }
interface Proposal { id: string; citizen: string; mentor: string; status: string; proposed: string; expires: string }
interface RoundView {
  published: boolean;
  expires: string;
  proposals: Proposal[];
  matches: RoundMatch[];
  waiting: string[];
  unproposed: Unassigned[];
  notWaiting: Unassigned[];
  expired: number;
}

void page({ title: "Mentor rounds", roles: ["coach", "admin"] }, async (main, me) => {
  const pendingQuery = `/proposals${query({ status: "proposed", pageSize: 1000 })}`;
  const firstPending = get<Paged<Proposal>>(pendingQuery); // asked beside the caseload, not after it
  firstPending.catch(() => undefined); // its error, if any, is shown where it is awaited
  const view = await loadCaseload(me, caseloadOwner(me));
  const citizens = view.caseload.citizens.map((c) => c.citizen);
  const mine = new Set(citizens);
  const status = statusLine();
  const result = el("section", { "aria-label": "The round" });
  const pendingSection = el("section", { "aria-labelledby": "pending-h" });

  // The choice: one checkbox per citizen of the caseload, and one for all of them.
  const boxes = citizens.map((id) => el("input", { type: "checkbox", name: "citizen", value: id, checked: true }));
  const all = el("input", { type: "checkbox", checked: true });
  all.addEventListener("change", () => {
    for (const box of boxes) box.checked = all.checked;
    changed();
  });
  for (const box of boxes) box.addEventListener("change", () => {
    all.checked = boxes.every((b) => b.checked);
    all.indeterminate = !all.checked && boxes.some((b) => b.checked);
    changed();
  });
  const anyArea = el("input", { type: "checkbox" });
  const expires = el("input", { type: "number", min: "1", max: "90", value: "10", inputmode: "numeric" });
  const previewButton = el("button", { type: "submit" }, "Preview round");
  const publishButton = el("button", { type: "button", disabled: true }, "Publish as proposals");
  const chosen = () => boxes.filter((b) => b.checked).map((b) => b.value);
  const body = () => ({ citizens: chosen(), anyArea: anyArea.checked, expiresInDays: Number(expires.value) });
  const chosenCount = el("p", { class: "note", "aria-live": "polite" });
  let previewed: string | null = null; // the request the preview answered; publishing sends the same

  function changed() {
    chosenCount.textContent = `${chosen().length} of ${count(citizens.length, "citizen")} chosen.`;
    if (previewed !== null && previewed !== JSON.stringify(body())) {
      previewed = null;
      publishButton.disabled = true;
      status.show("The choice changed: preview the round again before publishing.", "ok");
    }
  }
  anyArea.addEventListener("change", changed);
  expires.addEventListener("change", changed);

  const form = el("form", { class: "panel" },
    el("fieldset", { class: "choose" },
      el("legend", {}, "Citizens for the round"),
      el("label", { class: "all" }, all, " Select all"),
      el("ul", { class: "checks" }, ...boxes.map((box) => el("li", {}, el("label", {}, box, ` ${box.value}`))))),
    chosenCount,
    el("div", { class: "row" },
      el("label", { class: "check" }, anyArea, " Mentors of any area"),
      field("Days to decide", expires, "1 to 90; the proposal lapses after.")),
    el("div", { class: "row" }, previewButton, publishButton),
    status.element);

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (chosen().length === 0) { status.show("Choose at least one citizen.", "error"); return; }
    const sent = body();
    previewButton.disabled = true;
    publishButton.disabled = true;
    status.show("Planning the round…", "busy");
    try {
      const round = await post<RoundView>("/rounds?preview=true", sent);
      previewed = JSON.stringify(sent);
      showRound(round);
      publishButton.disabled = round.matches.length === 0;
      status.show(round.matches.length === 0
        ? "No proposal is possible for these citizens now (see why below)."
        : `Preview: ${count(round.matches.length, "proposal")}, ${count(round.unproposed.length + round.notWaiting.length, "citizen")} left. Nothing is written until you publish.`, "ok");
    } catch (error) {
      status.show((error as Error).message, "error");
    } finally {
      previewButton.disabled = false;
    }
  });

  publishButton.addEventListener("click", async () => {
    if (previewed === null) return;
    publishButton.disabled = true;
    previewButton.disabled = true;
    status.show("Publishing the round…", "busy");
    try {
      const round = await post<RoundView>("/rounds", JSON.parse(previewed) as unknown);
      previewed = null;
      showRound(round);
      status.show(`Published ${count(round.proposals.length, "proposal")}; undecided, ${round.proposals.length === 1 ? "it expires" : "they expire"} on ${date(round.expires)}.`, "ok");
      await showPending();
    } catch (error) {
      status.show((error as Error).message, "error");
      publishButton.disabled = false;
    } finally {
      previewButton.disabled = false;
    }
  });

  function showRound(round: RoundView) {
    const left = [...round.unproposed, ...round.notWaiting];
    const pairs = round.matches;
    const heading = round.published ? "Proposals made" : "Preview: who would get whom";
    const proposals = new Map(round.proposals.map((p) => [p.citizen, p]));
    replace(result,
      el("h2", {}, heading),
      pairs.length === 0 ? el("p", {}, "No proposals.") : scroller(`${heading} (scrolls sideways)`, table(
        round.published ? `${count(pairs.length, "proposal")} made, expiring ${date(round.expires)}` : `${count(pairs.length, "proposal")} planned, expiring ${date(round.expires)} if published today`, [
          { label: "Citizen", cell: (m) => citizenLink(m.citizen), sort: (m) => m.citizen },
          { label: "Mentor", cell: (m) => m.mentor, sort: (m) => m.mentor },
          { label: "Score", cell: (m) => num(m.score, 2), sort: (m) => m.score, numeric: true },
          { label: "Their match", cell: (m) => `${ordinal(m.rank)} of ${m.eligible} eligible`, sort: (m) => m.rank, numeric: true },
          { label: "Why", cell: (m) => el("ul", { class: "reasons" }, ...m.reasons.map((r) => el("li", {}, r))) },
          ...(round.published ? [{ label: "Proposal", cell: (m: RoundMatch) => proposals.get(m.citizen)?.id ?? "—" }] : []),
        ], pairs)),
      el("h2", {}, "Left without a proposal"),
      left.length === 0 ? el("p", {}, "Every chosen citizen gets a proposal.") : scroller("Citizens left (scrolls sideways)", table(`${count(left.length, "citizen")} left, and why`, [
        { label: "Citizen", cell: (u) => citizenLink(u.citizen), sort: (u) => u.citizen },
        { label: "Why", cell: (u) => u.reason, sort: (u) => u.reason },
      ], left)),
      round.expired > 0 ? el("p", { class: "note" }, `${count(round.expired, "proposal")} past the expiry day ${round.published ? "recorded" : "will be recorded"} as expired.`) : null,
    );
  }

  async function showPending(asked?: Promise<Paged<Proposal>>) {
    // Proposals are listed for the caller's areas; this page shows those of the caseload.
    const answer = await (asked ?? get<Paged<Proposal>>(pendingQuery));
    const today = view.asOf;
    const rows = answer.items.filter((p) => mine.has(p.citizen));
    replace(pendingSection,
      el("h2", { id: "pending-h" }, "Pending proposals of your citizens"),
      rows.length === 0 ? el("p", {}, "None pending.") : scroller("Pending proposals (scrolls sideways)", table(`${count(rows.length, "pending proposal")}`, [
        { label: "Citizen", cell: (p) => citizenLink(p.citizen), sort: (p) => p.citizen },
        { label: "Mentor", cell: (p) => p.mentor, sort: (p) => p.mentor },
        { label: "Proposed", cell: (p) => date(p.proposed), sort: (p) => p.proposed },
        { label: "Expires", cell: (p) => `${date(p.expires)} (${expiresIn(daysBetween(today, p.expires))})`, sort: (p) => p.expires },
        { label: "Id", cell: (p) => p.id },
      ], rows, { column: 3 })),
    );
  }

  main.append(
    el("p", {}, "Choose citizens of your caseload, preview the round — the best mentors within their free places, waiting citizens first — then publish it as proposals for the citizens and mentors to accept or decline."),
    form, result, pendingSection);
  changed();
  await showPending(firstPending);
});

const ordinal = (n: number) => `${n}${n % 10 === 1 && n % 100 !== 11 ? "st" : n % 10 === 2 && n % 100 !== 12 ? "nd" : n % 10 === 3 && n % 100 !== 13 ? "rd" : "th"}`;

const expiresIn = (n: number) => (n <= 0 ? "today" : `in ${days(n)}`);

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
