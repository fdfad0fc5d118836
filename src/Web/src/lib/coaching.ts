// The coaching answers the coach pages share (caseload, rounds, hub), and the one way they load a coach's caseload.
import { ApiError, get, type Me } from "./api";
import { el } from "./dom";

/** One citizen of a caseload (GET /coaches/{id}/caseload). */
export interface CitizenCoaching {
  citizen: string;
  coach: string | null;
  since: string | null;
  monthsWithCoach: number | null;
  distinctCoaches: number;
  lastContact: string | null;
  daysSinceContact: number | null;
  recentContacts: number;
  notMet: boolean;
}

export interface CaseloadView {
  asOf: string;
  caseload: {
    coach: string;
    hub: string | null;
    area: string | null;
    activeCaseload: number;
    capacity: number | null;
    overCapacity: boolean;
    notMet: number;
    citizens: CitizenCoaching[];
  };
  citizensOutsideYourAreas: number;
}

/** A citizen left out of an assignment or round, with why. */
export interface Unassigned { citizen: string; reason: string }

/** The days a citizen counts as not met after (the API's default, notMetDays). */
export const NotMetDays = 30;

/** Whose caseload a page shows: `?coach=ID` for an admin, else the signed-in coach (their subject). */
export function caseloadOwner(me: Me): string {
  const asked = new URLSearchParams(location.search).get("coach");
  return asked && me.roles.includes("admin") ? asked : me.subject;
}

/** Loads a coach's caseload; a user who is not a coach of the data gets an error that says what to do. */
export async function loadCaseload(me: Me, coach: string): Promise<CaseloadView> {
  try {
    return await get<CaseloadView>(`/coaches/${encodeURIComponent(coach)}/caseload`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      throw new Error(coach === me.subject
        ? `You are signed in as “${me.subject}”, which is not a coach of your areas in the data, so there is no caseload to show. Sign in with your coach id (“Who you are” on the sign-in page)${me.roles.includes("admin") ? ", or as an admin open caseload.html?coach=ID" : ""}.`
        : `There is no coach “${coach}” in your areas.`);
    }
    throw error;
  }
}

/** A link to a citizen's page. */
export const citizenLink = (id: string) => el("a", { href: `/citizen.html?id=${encodeURIComponent(id)}` }, id);

/** A scrolling container for a wide table, reachable and named for keyboard users (no page-wide scroll at 390 px). */
export const scroller = (label: string, content: HTMLElement) => el("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-label": label }, content);
