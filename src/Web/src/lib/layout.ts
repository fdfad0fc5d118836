// The frame of every page: skip link, header with the pages this user may open, who is signed in, sign out.
import { post, signIn, whoAmI, type Me } from "./api";
import { el, replace } from "./dom";
import "../site.css";

interface NavItem { href: string; label: string; roles: string[] }

/** Every page of the app, for whom. One list: the header and the home page both read it. */
export const pages: (NavItem & { about: string })[] = [
  { href: "/caseload.html", label: "My caseload", roles: ["coach", "admin"], about: "Your citizens, who is overdue a meeting, record a meeting." },
  { href: "/search.html", label: "Find a citizen", roles: ["coach", "admin"], about: "Search citizens in your areas; open their page, network and matches." },
  { href: "/rounds.html", label: "Mentor rounds", roles: ["coach", "admin"], about: "Choose citizens, preview an optimal round of mentor matches, publish it." },
  { href: "/hubs.html", label: "Hub", roles: ["coach", "admin"], about: "Caseloads across a hub, handovers and the coach-assignment preview." },
  { href: "/areas.html", label: "Areas", roles: ["analyst", "admin"], about: "Every area's social capital: a sortable table, charts and a glossary." },
  { href: "/compare.html", label: "Compare", roles: ["analyst", "admin"], about: "Two or more areas side by side, and a map of every area." },
  { href: "/whatif.html", label: "What-if", roles: ["coach", "analyst", "admin"], about: "Describe a programme; see each area before and after." },
  { href: "/programme.html", label: "Programme", roles: ["analyst", "admin"], about: "Mentoring proposals, time to match and outcomes as charts." },
];

/** The pages a user may open. */
export const pagesFor = (me: Me) => pages.filter((p) => p.roles.some((r) => me.roles.includes(r)));

export interface PageOptions {
  /** The page's title (also its h1). */
  title: string;
  /** Roles that may use the page; others are told so. Empty: anyone signed in. */
  roles: string[];
}

/** Renders the frame, signs the user in if needed, and calls render with the main element. */
export async function page(options: PageOptions, render: (main: HTMLElement, me: Me) => Promise<void> | void): Promise<void> {
  document.title = `${options.title} — SocialCapital`;
  const main = el("main", { id: "main", tabindex: "-1" });
  const header = el("header", { class: "top" });
  document.body.replaceChildren(el("a", { class: "skip", href: "#main" }, "Skip to content"), header, main);
  let me: Me | null;
  try {
    me = await whoAmI();
  } catch (error) {
    replace(main, el("h1", {}, options.title), el("p", { class: "status error", role: "alert" }, (error as Error).message));
    ready();
    return;
  }
  if (me === null) { signIn(); return; }
  renderHeader(header, me);
  main.append(el("h1", {}, options.title));
  if (options.roles.length > 0 && !options.roles.some((r) => me.roles.includes(r))) {
    main.append(el("p", { class: "status error", role: "alert" }, `This page is for the ${options.roles.join(" or ")} role; you are signed in as ${me.roles.join(", ") || "no role"}.`));
    ready();
    return;
  }
  try {
    await render(main, me);
  } catch (error) {
    main.append(el("p", { class: "status error", role: "alert" }, (error as Error).message));
  }
  ready();
}

/** Marks the page ready (its data shown): body[data-ready] holds the milliseconds since navigation started, which the
 * browser tests wait for and report. */
export function ready(): void {
  document.body.dataset.ready = String(Math.round(performance.now()));
}

function renderHeader(header: HTMLElement, me: Me): void {
  const here = location.pathname;
  const links = pagesFor(me).map((p) => el("li", {}, el("a", { href: p.href, "aria-current": p.href === here ? "page" : null }, p.label)));
  const signOut = el("form", { method: "post", action: "/auth/signout", class: "signout" },
    el("button", { type: "submit", class: "link" }, "Sign out"));
  // The sign-out form posts from this page's own script, with the app header (a plain form post cannot carry it).
  // The API says where to go next: the identity provider's end-session page, or the signed-out page.
  signOut.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const { next } = await post<{ next: string }>("/auth/signout");
      location.assign(next);
    } catch (error) {
      signOut.append(el("span", { class: "status error", role: "alert" }, (error as Error).message));
    }
  });
  const areas = me.areas.includes("*") ? "every area" : me.areas.length === 0 ? "no area" : `areas ${me.areas.join(", ")}`;
  header.replaceChildren(
    el("a", { href: "/", class: "brand" }, "SocialCapital"),
    el("nav", { "aria-label": "Pages" }, el("ul", {}, ...links)),
    el("p", { class: "who" }, `${me.name} · ${me.roles.join(", ")} · ${areas}`),
    signOut,
  );
}
