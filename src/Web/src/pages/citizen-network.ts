// The citizen's ego network to two hops as a picture (cytoscape), ties coloured bonding / bridging / linking, mentors,
// coaches, groups and employers marked by shape; with a legend and the same network as a table.
import cytoscape from "cytoscape";
import { el, replace } from "../lib/dom";
import { words } from "../lib/format";
import { table } from "../lib/table";
import type { Network, NetworkNode, NetworkTie } from "./citizen-api";

const classColours: Record<string, string> = { bonding: "#1d4f91", bridging: "#b34700", linking: "#6b3fa0" };
const placeColour = "#6e6e6e";
const shapes: Record<string, string> = { citizen: "ellipse", mentor: "diamond", coach: "triangle", peer_group: "hexagon", employer: "round-rectangle" };
const kindColours: Record<string, string> = { citizen: "#d9e3f0", mentor: "#ffd27a", coach: "#a8d5b0", peer_group: "#f2c4de", employer: "#cfcfcf" };

const label = (n: NetworkNode) => n.id ?? "outside your areas";

export function networkSection(section: HTMLElement, network: Network) {
  const byKey = new Map(network.nodes.map((n) => [n.key, n]));
  const center = network.nodes[0];
  const counts = { bonding: 0, bridging: 0, linking: 0, place: 0 };
  for (const t of network.ties) counts[(t.class ?? "place") as keyof typeof counts]++;
  const mentors = network.nodes.filter((n) => n.kind === "mentor").length;
  const groups = network.nodes.filter((n) => n.kind === "peer_group").length;
  const summary = `Network of ${network.center} to ${network.hops} hops: ${network.nodes.length - 1} people and places `
    + `(${mentors} mentor${mentors === 1 ? "" : "s"}, ${groups} peer group${groups === 1 ? "" : "s"}), `
    + `${counts.bonding} bonding, ${counts.bridging} bridging and ${counts.linking} linking ties, ${counts.place} memberships or jobs.`;
  const picture = el("div", { class: "network", role: "img", "aria-label": summary });

  const tieTo = (n: NetworkNode) => network.ties.filter((t) => (t.source === n.key && t.target === center.key) || (t.target === n.key && t.source === center.key));
  const describe = (ties: NetworkTie[]) => ties.map((t) => `${t.class ?? "place"}: ${t.kinds.map(words).join(", ")}`).join("; ");
  const list = table(`Everyone in ${network.center}'s network (${network.nodes.length - 1})`, [
    { label: "Who", cell: (n) => (n.id && n.kind === "citizen" ? el("a", { href: `/citizen.html?id=${encodeURIComponent(n.id)}` }, n.id) : label(n)), sort: (n) => n.id },
    { label: "Kind", cell: (n) => words(n.kind), sort: (n) => n.kind },
    { label: "Hops", cell: (n) => String(n.hops), sort: (n) => n.hops, numeric: true },
    { label: "Employment", cell: (n) => (n.employment ? words(n.employment) : "—"), sort: (n) => n.employment },
    { label: "Tie to them", cell: (n) => describe(tieTo(n)) || "through a contact" },
  ], network.nodes.slice(1), { column: 2 });

  replace(section,
    el("h2", { id: "network-h" }, "Network"),
    el("p", {}, summary),
    network.truncated ? el("p", { class: "note" }, `Showing the closest ${network.nodes.length} of ${network.reached}: their places, their strongest contacts, then the best-connected two hops away.`) : null,
    el("p", { class: "note" }, "People outside your areas show only as the citizen's own contacts, without their id."),
    el("div", { class: "network-box" }, picture, legend()),
    el("details", { class: "network-list" }, el("summary", {}, "The network as a list"),
      el("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-label": "Network list" }, list)),
  );
  draw(picture, network, byKey);
}

function legend(): HTMLElement {
  const line = (colour: string, text: string, dashed = false) =>
    el("li", {}, el("span", { class: `swatch-line${dashed ? " dashed" : ""}`, style: `border-color:${colour}`, "aria-hidden": "true" }), text);
  const shape = (kind: string, text: string) =>
    el("li", {}, el("span", { class: `swatch-shape ${kind}`, style: `background:${kindColours[kind]}`, "aria-hidden": "true" }), text);
  return el("div", { class: "legend" },
    el("h3", {}, "Key"),
    el("ul", {},
      line(classColours.bonding, "bonding tie (people alike)"),
      line(classColours.bridging, "bridging tie (people unlike each other)"),
      line(classColours.linking, "linking tie (across power: coach, mentor, employer)"),
      line(placeColour, "member of a group or works at an employer", true)),
    el("ul", {},
      shape("citizen", "citizen"), shape("mentor", "mentor"), shape("coach", "coach"),
      shape("peer_group", "peer group"), shape("employer", "employer")),
    el("p", { class: "note" }, "The citizen is the large node with a thick outline; two-hop nodes are smaller."));
}

function draw(container: HTMLElement, network: Network, byKey: Map<string, NetworkNode>) {
  const elements: cytoscape.ElementDefinition[] = [
    ...network.nodes.map((n) => ({ data: { id: n.key, label: label(n), kind: n.kind, hops: n.hops } })),
    ...network.ties.filter((t) => byKey.has(t.source) && byKey.has(t.target)).map((t, i) => ({
      data: { id: `t${i}`, source: t.source, target: t.target, colour: t.class ? classColours[t.class] : placeColour, place: t.class ? 0 : 1 },
    })),
  ];
  cytoscape({
    container,
    elements,
    userZoomingEnabled: false, // the page scrolls; zoom stays with the browser
    boxSelectionEnabled: false,
    autoungrabify: true,
    style: [
      { selector: "node", style: {
        label: "data(label)", "font-size": 9, color: "#1b1b1b", "text-valign": "bottom", "text-margin-y": 2,
        shape: (n: cytoscape.NodeSingular) => shapes[n.data("kind") as string] ?? "ellipse",
        "background-color": (n: cytoscape.NodeSingular) => kindColours[n.data("kind") as string] ?? "#d9e3f0",
        "border-width": 1, "border-color": "#4a4a4a",
        width: (n: cytoscape.NodeSingular) => (n.data("hops") === 0 ? 34 : n.data("hops") === 1 ? 20 : 13),
        height: (n: cytoscape.NodeSingular) => (n.data("hops") === 0 ? 34 : n.data("hops") === 1 ? 20 : 13),
      } as cytoscape.Css.Node },
      { selector: "node[hops = 0]", style: { "border-width": 4, "border-color": "#1b1b1b", "font-weight": "bold", "font-size": 12 } },
      { selector: "node[hops = 2]", style: { "font-size": 7 } },
      { selector: "edge", style: { "line-color": "data(colour)", width: 1.5, "curve-style": "straight", opacity: 0.85 } },
      { selector: "edge[place = 1]", style: { "line-style": "dashed", width: 1 } },
    ],
    layout: {
      name: "concentric",
      concentric: (n: cytoscape.NodeSingular) => 3 - (n.data("hops") as number),
      levelWidth: () => 1,
      minNodeSpacing: 6,
      animate: false,
    } as cytoscape.LayoutOptions,
  });
}
