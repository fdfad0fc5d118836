// After signing out (of the web session and, with an identity provider, of the provider too): a page that does not sign
// anyone in by itself, so signing out stays signed out until the user asks.
import { el } from "../lib/dom";
import { ready } from "../lib/layout";
import "../site.css";

document.title = "Signed out — SocialCapital";
document.body.replaceChildren(el("main", { id: "main" },
  el("h1", {}, "Signed out"),
  el("p", {}, "You have signed out of SocialCapital."),
  el("p", {}, el("a", { href: "/auth/signin?returnUrl=%2F" }, "Sign in again"))));
ready();
