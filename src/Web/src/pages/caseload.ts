// My caseload: the signed-in coach's citizens, who is overdue a meeting, and recording a meeting in two clicks.
import { post } from "../lib/api";
import { caseloadOwner, citizenLink, loadCaseload, NotMetDays, scroller, type CitizenCoaching } from "../lib/coaching";
import { el, replace, statusLine } from "../lib/dom";
import { count, date, days, num, words } from "../lib/format";
import { page } from "../lib/layout";
import { table } from "../lib/table";

interface MeetingWriteResult {
  write: { effect: string };
  contact: { coach: string; citizen: string; date: string; channel: string };
}

const channels = ["in_person", "phone", "video", "message"];

void page({ title: "My caseload", roles: ["coach", "admin"] }, async (main, me) => {
  const coach = caseloadOwner(me);
  const view = await loadCaseload(me, coach);
  const { caseload } = view;
  const status = statusLine();
  const summary = el("p", { class: "summary" });

  // Each row's changing cells are made once and updated in place, so a recorded meeting shows at once and survives a re-sort.
  const cells = new Map<CitizenCoaching, { last: HTMLElement; since: HTMLElement; recent: HTMLElement }>();
  const cellsOf = (row: CitizenCoaching) => {
    let c = cells.get(row);
    if (!c) {
      c = { last: el("span"), since: el("span"), recent: el("span") };
      cells.set(row, c);
      draw(row, c);
    }
    return c;
  };
  function draw(row: CitizenCoaching, c: { last: HTMLElement; since: HTMLElement; recent: HTMLElement }) {
    c.last.textContent = date(row.lastContact);
    replace(c.since, days(row.daysSinceContact), row.notMet ? el("span", { class: "tag overdue" }, "overdue") : null);
    c.since.className = row.notMet ? "overdue" : "";
    c.recent.textContent = String(row.recentContacts);
  }
  function drawSummary() {
    const overdue = caseload.citizens.filter((c) => c.notMet).length;
    const capacity = caseload.capacity === null ? "no stated capacity" : `capacity ${caseload.capacity}`;
    replace(summary,
      `${count(caseload.activeCaseload, "citizen")} (${capacity})`, caseload.overCapacity ? el("strong", { class: "overdue" }, " — over capacity") : null,
      ` · ${overdue} not met for more than ${NotMetDays} days`,
      caseload.hub ? ` · ${caseload.hub}` : null);
  }

  async function record(row: CitizenCoaching, channel: HTMLSelectElement, button: HTMLButtonElement) {
    button.disabled = true;
    status.show(`Recording a meeting with ${row.citizen}…`, "busy");
    try {
      const result = await post<MeetingWriteResult>(`/coaches/${encodeURIComponent(coach)}/contacts`, { citizen: row.citizen, channel: channel.value });
      const again = result.write.effect === "unchanged";
      if (!again) row.recentContacts += 1;
      row.lastContact = result.contact.date;
      row.daysSinceContact = 0;
      row.notMet = false;
      draw(row, cellsOf(row));
      drawSummary();
      status.show(again
        ? `A meeting with ${row.citizen} today (${words(result.contact.channel)}) was already recorded.`
        : `Recorded: met ${row.citizen} today (${words(result.contact.channel)}).`, "ok");
    } catch (error) {
      status.show(`Could not record the meeting with ${row.citizen}: ${(error as Error).message}`, "error");
    } finally {
      button.disabled = false;
    }
  }

  const actions = new Map<CitizenCoaching, HTMLElement>();
  const actionOf = (row: CitizenCoaching) => {
    let cell = actions.get(row);
    if (!cell) {
      const channel = el("select", { "aria-label": `How you met ${row.citizen}` }, ...channels.map((c) => el("option", { value: c }, words(c))));
      const button = el("button", { type: "button", class: "secondary", "aria-label": `Met today: ${row.citizen}` }, "Met today");
      button.addEventListener("click", () => void record(row, channel, button));
      cell = el("span", { class: "meeting" }, channel, button);
      actions.set(row, cell);
    }
    return cell;
  };

  const never = Number.MAX_SAFE_INTEGER; // never met: the most overdue
  const rows = caseload.citizens;
  main.append(
    summary,
    el("p", { class: "note" }, `Overdue: not met for more than ${NotMetDays} days, or never. Record a meeting with “Met today” (choose how you met first if not in person).`),
    status.element,
  );
  drawSummary();
  if (rows.length === 0) main.append(el("p", {}, "No citizens of your areas in this caseload."));
  else {
    main.append(scroller("Caseload table (scrolls sideways)", table(`Citizens of ${coach}'s caseload, ${num(rows.length, 0)} listed`, [
      { label: "Citizen", cell: (r) => citizenLink(r.citizen), sort: (r) => r.citizen },
      { label: "Days since contact", cell: (r) => cellsOf(r).since, sort: (r) => r.daysSinceContact ?? never, numeric: true },
      // The action comes early so that it is on screen at 390 px without scrolling the table sideways.
      { label: "Record a meeting", cell: actionOf },
      { label: "Last contact", cell: (r) => cellsOf(r).last, sort: (r) => r.lastContact },
      { label: "Contacts (90 days)", cell: (r) => cellsOf(r).recent, sort: (r) => r.recentContacts, numeric: true },
      { label: "Months with coach", cell: (r) => (r.monthsWithCoach === null ? "unknown" : String(r.monthsWithCoach)), sort: (r) => r.monthsWithCoach, numeric: true },
      { label: "Coaches in 12 months", cell: (r) => String(r.distinctCoaches), sort: (r) => r.distinctCoaches, numeric: true },
    ], rows, { column: 1, descending: true })));
  }
  if (view.citizensOutsideYourAreas > 0) {
    main.append(el("p", { class: "note" }, `${count(view.citizensOutsideYourAreas, "more citizen")} of this caseload outside your areas: counted in the caseload, not listed.`));
  }
});
