// The home page: what this user can do here, one card per page.
import { el } from "../lib/dom";
import { page, pagesFor } from "../lib/layout";

void page({ title: "SocialCapital", roles: [] }, (main, me) => {
  main.append(
    el("p", {}, "Strengthen the relationships that help people into work: citizens with their coaches, and citizens with each other — mentors, peers and groups."),
    el("ul", { class: "cards" }, ...pagesFor(me).map((p) => el("li", {}, el("h2", {}, el("a", { href: p.href }, p.label)), el("p", {}, p.about)))),
    el("p", { class: "note" }, "Developers: the API reference is at ", el("a", { href: "/docs" }, "/docs"), "."),
  );
});
