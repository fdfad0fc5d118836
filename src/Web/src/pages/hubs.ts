// Hub: a hub manager's view of the caseloads across their coaches, the handovers still to be made, and the
// coach-assignment preview (new citizens, or a leaving coach's caseload) to publish after confirmation.
import { get, post } from "../lib/api";
import { citizenLink, NotMetDays, scroller, type Unassigned } from "../lib/coaching";
import { el, field, replace, statusLine } from "../lib/dom";
import { count, date, pct } from "../lib/format";
import { page } from "../lib/layout";
import { table } from "../lib/table";

interface HubCoach {
  coach: string; area: string | null; hub: string | null; activeCaseload: number; capacity: number | null; overCapacity: boolean;
  notMet: number; citizensOutsideYourAreas: number; leaving: string | null;
}
interface PendingHandover { coach: string; hub: string | null; day: string; reason: string; citizens: string[]; citizensOutsideYourAreas: number }
interface HubCaseloads { asOf: string; coaches: HubCoach[]; pendingHandovers: PendingHandover[] }
interface CoachPair { citizen: string; coach: string; since: string; continuity: boolean; reasons: string[] }
interface Assignment {
  published: boolean; since: string; citizens: number; pairs: CoachPair[]; continuityPairs: number; unassigned: Unassigned[];
  ended: { source: string; target: string }[];
}
type AssignmentBody = { citizens?: string[]; anyHub?: boolean; handover?: { coach: string; leaving: string } };

void page({ title: "Hub", roles: ["coach", "admin"] }, async (main, me) => {
  const isAdmin = me.roles.includes("admin");
  let hub = await get<HubCaseloads>("/hubs/caseloads");
  const overview = el("section", { "aria-labelledby": "caseloads-h" });
  const pendingSection = el("section", { "aria-labelledby": "pending-h" });

  function drawCaseloads() {
    const over = hub.coaches.filter((c) => c.overCapacity).length;
    replace(overview,
      el("h2", { id: "caseloads-h" }, "Caseloads"),
      el("p", { class: "summary" }, `${count(hub.coaches.length, "coach", "coaches")} · ${over} over capacity · ${count(hub.pendingHandovers.length, "pending handover")} · as of ${date(hub.asOf)}`),
      hub.coaches.length === 0 ? el("p", {}, "No coaches in your areas.") : scroller("Caseloads table (scrolls sideways)", table("Caseload against capacity per coach", [
        { label: "Coach", cell: (c) => (isAdmin ? el("a", { href: `/caseload.html?coach=${encodeURIComponent(c.coach)}` }, c.coach) : c.coach), sort: (c) => c.coach },
        { label: "Hub", cell: (c) => c.hub ?? "—", sort: (c) => c.hub },
        { label: "Caseload", cell: (c) => String(c.activeCaseload), sort: (c) => c.activeCaseload, numeric: true },
        { label: "Capacity", cell: (c) => (c.capacity === null ? "not stated" : String(c.capacity)), sort: (c) => c.capacity, numeric: true },
        { label: "Use", cell: (c) => use(c), sort: (c) => (c.capacity ? c.activeCaseload / c.capacity : null), numeric: true },
        { label: `Not met (${NotMetDays}+ days)`, cell: (c) => String(c.notMet), sort: (c) => c.notMet, numeric: true },
        { label: "Leaving", cell: (c) => (c.leaving ? date(c.leaving) : "—"), sort: (c) => c.leaving },
      ], hub.coaches, { column: 4, descending: true })),
    );
    replace(pendingSection,
      el("h2", { id: "pending-h" }, "Pending handovers"),
      el("p", { class: "note" }, "Citizens whose coaching ends with no coach to take them on: a coach marked with capacity 0 who still coaches, or coaching spells that end with no other coach from that day."),
      hub.pendingHandovers.length === 0 ? el("p", {}, "None: every coaching that ends has a coach to follow.") : scroller("Pending handovers (scrolls sideways)", table("Pending handovers per coach and day", [
        { label: "Coach", cell: (p) => p.coach, sort: (p) => p.coach },
        { label: "From", cell: (p) => date(p.day), sort: (p) => p.day },
        { label: "Citizens", cell: (p) => citizenList(p), sort: (p) => p.citizens.length + p.citizensOutsideYourAreas, numeric: true },
        { label: "Why", cell: (p) => p.reason },
        { label: "Hand over", cell: (p) => el("button", { type: "button", class: "secondary", "aria-label": `Prepare handover of ${p.coach} from ${date(p.day)}`, onclick: () => prepareHandover(p) }, "Prepare handover") },
      ], hub.pendingHandovers)),
    );
  }

  async function refresh() {
    hub = await get<HubCaseloads>("/hubs/caseloads");
    drawCaseloads();
    fillCoaches();
  }

  // The two previews share one result panel: a plan to read, then publish after a confirmation.
  const status = statusLine();
  const result = el("section", { "aria-label": "Assignment preview", class: "assignment" });
  let planned: AssignmentBody | null = null;

  async function preview(body: AssignmentBody, what: string) {
    planned = null;
    replace(result);
    status.show(`Planning ${what}…`, "busy");
    try {
      const plan = await post<Assignment>("/coach-assignments", body);
      planned = body;
      status.show(`Preview of ${what}: nothing is written until you publish.`, "ok");
      showPlan(plan, what);
    } catch (error) {
      status.show((error as Error).message, "error");
    }
  }

  function showPlan(plan: Assignment, what: string) {
    const publish = el("button", { type: "button", disabled: plan.pairs.length + plan.ended.length === 0 }, "Publish…");
    const confirmBox = el("div", { class: "confirm", role: "group", "aria-label": "Confirm publishing", hidden: true },
      el("p", {}, `Publish ${what}? This writes ${count(plan.pairs.length, "coaching tie")} from ${date(plan.since)}${plan.ended.length > 0 ? ` and ends ${plan.ended.length} running` : ""}.`),
      el("div", { class: "row" },
        el("button", { type: "button", onclick: () => void doPublish() }, "Confirm publish"),
        el("button", { type: "button", class: "secondary", onclick: () => { confirmBox.hidden = true; publish.focus(); } }, "Cancel")));
    publish.addEventListener("click", () => {
      confirmBox.hidden = false;
      (confirmBox.querySelector("button") as HTMLButtonElement).focus();
    });
    replace(result,
      el("h2", {}, plan.published ? `Published: ${what}` : `Preview: ${what}`),
      el("p", { class: "summary" }, `${plan.pairs.length} of ${count(plan.citizens, "citizen")} placed from ${date(plan.since)}, ${plan.continuityPairs} with a coach who knows them; ${plan.unassigned.length} left.`),
      plan.pairs.length === 0 ? null : scroller("Assignment pairs (scrolls sideways)", table(`${count(plan.pairs.length, "citizen")} and their new coach`, [
        { label: "Citizen", cell: (p) => citizenLink(p.citizen), sort: (p) => p.citizen },
        { label: "Coach", cell: (p) => p.coach, sort: (p) => p.coach },
        { label: "Knows them", cell: (p) => (p.continuity ? "yes" : "no"), sort: (p) => (p.continuity ? 0 : 1) },
        { label: "Why", cell: (p) => el("ul", { class: "reasons" }, ...p.reasons.map((r) => el("li", {}, r))) },
      ], plan.pairs)),
      plan.unassigned.length === 0 ? null : scroller("Citizens left (scrolls sideways)", table(`${count(plan.unassigned.length, "citizen")} left without a coach, and why`, [
        { label: "Citizen", cell: (u) => citizenLink(u.citizen), sort: (u) => u.citizen },
        { label: "Why", cell: (u) => u.reason, sort: (u) => u.reason },
      ], plan.unassigned)),
      plan.published ? null : el("div", { class: "row" }, publish),
      plan.published ? null : confirmBox,
    );
  }

  async function doPublish() {
    if (planned === null) return;
    const body = planned;
    planned = null;
    status.show("Publishing…", "busy");
    try {
      const done = await post<Assignment>("/coach-assignments?publish=true", body);
      showPlan(done, body.handover ? `the handover of ${body.handover.coach}` : "the coach assignment");
      status.show(`Published: ${count(done.pairs.length, "citizen")} with a new coach from ${date(done.since)}${done.ended.length > 0 ? `; ${count(done.ended.length, "coaching tie")} ended` : ""}.`, "ok");
      await refresh();
    } catch (error) {
      status.show((error as Error).message, "error");
    }
  }

  // New citizens: the listed ones, or every citizen of your areas without a coach.
  const citizens = el("textarea", { rows: 2, placeholder: "e.g. p00123 p00456" });
  const anyHub = el("input", { type: "checkbox" });
  const assignForm = el("form", { class: "panel", "aria-labelledby": "assign-h" },
    el("h2", { id: "assign-h" }, "Assign coaches"),
    field("Citizens", citizens, "Ids separated by spaces or commas; leave empty for every citizen of your areas without a coach."),
    el("label", { class: "check" }, anyHub, " Coaches of any hub"),
    el("div", {}, el("button", { type: "submit" }, "Preview assignment")));
  assignForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const ids = citizens.value.split(/[\s,]+/).filter((id) => id.length > 0);
    void preview({ citizens: ids.length > 0 ? ids : undefined, anyHub: anyHub.checked }, "the coach assignment");
  });

  // A leaving coach's caseload.
  const leavingCoach = el("select", {});
  const leavingDay = el("input", { type: "date", value: hub.asOf, min: hub.asOf, required: true });
  function fillCoaches() {
    const keep = leavingCoach.value;
    replace(leavingCoach, ...hub.coaches.map((c) => el("option", { value: c.coach }, `${c.coach} (${count(c.activeCaseload, "citizen")})`)));
    if (keep) leavingCoach.value = keep;
  }
  const handoverForm = el("form", { class: "panel", "aria-labelledby": "handover-h" },
    el("h2", { id: "handover-h" }, "Hand a caseload over"),
    el("div", { class: "row" }, field("Leaving coach", leavingCoach), field("Leaving day", leavingDay, "The first day they no longer coach; not before today.")),
    isAdmin ? null : el("p", { class: "note" }, "Only an admin or the leaving coach themself may hand a caseload over."),
    el("div", {}, el("button", { type: "submit" }, "Preview handover")));
  handoverForm.addEventListener("submit", (event) => {
    event.preventDefault();
    void preview({ handover: { coach: leavingCoach.value, leaving: leavingDay.value } }, `the handover of ${leavingCoach.value}`);
  });
  function prepareHandover(p: PendingHandover) {
    leavingCoach.value = p.coach;
    leavingDay.value = p.day < hub.asOf ? hub.asOf : p.day;
    leavingCoach.focus();
    handoverForm.scrollIntoView({ block: "start" });
  }

  drawCaseloads();
  fillCoaches();
  main.append(overview, pendingSection, el("div", { class: "plans" }, assignForm, handoverForm), status.element, result);
});

function use(c: HubCoach): Node | string {
  if (!c.capacity) return c.activeCaseload > 0 ? el("span", { class: "overdue" }, "no places") : "—";
  const share = pct(c.activeCaseload / c.capacity);
  return c.overCapacity ? el("span", { class: "overdue" }, `${share} — over capacity`) : share;
}

function citizenList(p: PendingHandover): Node {
  const list = el("span", { class: "ids" }, `${p.citizens.length + p.citizensOutsideYourAreas}: `);
  p.citizens.forEach((id, i) => list.append(i > 0 ? ", " : "", citizenLink(id)));
  if (p.citizensOutsideYourAreas > 0) list.append(` and ${p.citizensOutsideYourAreas} outside your areas`);
  return list;
}
