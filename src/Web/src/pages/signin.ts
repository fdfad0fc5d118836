// Development sign-in: pick a role and areas (the API issues a development identity). With an identity provider
// configured (Jwt:Authority), /auth/signin goes to the provider instead and this page is not used.
import { post } from "../lib/api";
import { el, field, statusLine } from "../lib/dom";
import { ready } from "../lib/layout";
import "../site.css";

const returnUrl = new URLSearchParams(location.search).get("returnUrl") ?? "/";
// Only a path of this site (the API's rule): not //host, /\host, nor one with a control character browsers drop.
const safeReturn = /^\/(?![/\\])[^\u0000-\u001f\u007f]*$/.test(returnUrl) ? returnUrl : "/";
const status = statusLine();
const role = el("select", { name: "role", required: true },
  el("option", { value: "coach" }, "Coach"), el("option", { value: "analyst" }, "Analyst"), el("option", { value: "admin" }, "Admin"));
const areas = el("input", { name: "areas", placeholder: "e.g. A01 A02, or * for every area", value: "*", required: true });
const subject = el("input", { name: "subject", placeholder: "e.g. p00112 (your coach id)", autocomplete: "username" });
const form = el("form", { class: "panel" },
  field("Role", role),
  field("Areas", areas, "Area codes separated by spaces or commas; * for every area."),
  field("Who you are", subject, "Optional: your id in the data (a coach's id shows their caseload)."),
  el("div", {}, el("button", { type: "submit" }, "Sign in")),
  status.element);

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  status.show("Signing in…", "busy");
  const body = {
    role: role.value,
    areas: areas.value.split(/[\s,]+/).filter((a) => a.length > 0),
    subject: subject.value.trim() || null,
  };
  try {
    await post("/auth/dev-signin", body);
    location.assign(safeReturn);
  } catch (error) {
    status.show((error as Error).message, "error");
  }
});

document.title = "Sign in — SocialCapital";
document.body.replaceChildren(el("main", { id: "main" },
  el("h1", {}, "Sign in (development)"),
  el("p", {}, "This service runs in Development: choose who to be. In production you sign in with your organisation's account."),
  form));
ready();
