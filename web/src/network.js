// The network widget (network page and the actor page's ego network): cytoscape over
// /api/graph. Hover an actor to see its links, click it to open its page; click a link
// to list its evidence, each sentence linking to its event or document span.
import cytoscape from "cytoscape";
import { cssVar, getJSON, h, showMessage } from "./dom.js";

const CY_STYLE_ID = "__________cytoscape_stylesheet";
const KINDS = ["state", "government", "military", "militia", "party", "person", "organisation", "media", "group"];

function style(maxDegree, maxCount) {
  const kindRules = KINDS.map((k) => ({
    selector: `node[kind = "${k}"]`, style: { "background-color": cssVar(`--k-${k}`, "#888") },
  }));
  return [
    { selector: "node", style: {
      "background-color": cssVar("--k-none", "#a0a7b1"), label: "data(label)", "font-size": 14, "min-zoomed-font-size": 6,
      color: "#1d2430", "text-valign": "bottom", "text-margin-y": 3, "text-wrap": "ellipsis",
      "text-max-width": 160, "text-background-color": "#fff", "text-background-opacity": 0.7,
      "text-background-padding": 1, width: `mapData(degree, 1, ${maxDegree}, 20, 56)`,
      height: `mapData(degree, 1, ${maxDegree}, 20, 56)`, "border-width": 1, "border-color": "#fff" } },
    ...kindRules,
    { selector: "node[?centre]", style: { "border-width": 4, "border-color": "#14324a", "font-weight": "bold" } },
    { selector: "edge", style: {
      width: `mapData(count, 1, ${maxCount}, 1.5, 7)`, "curve-style": "bezier",
      "target-arrow-shape": "triangle", "arrow-scale": 0.9, opacity: 0.85 } },
    { selector: "edge[layer = 'affiliations']", style: {
      "line-color": "data(color)", "target-arrow-color": "data(color)" } },
    { selector: "edge[layer = 'events']", style: {
      "line-style": "dashed", "line-color": "data(color)", "target-arrow-color": "data(color)" } },
    { selector: ".faded", style: { opacity: 0.12 } },
    { selector: "edge:selected", style: { "overlay-color": "#ffb000", "overlay-opacity": 0.35 } },
  ];
}

function edgeColor(e) {
  return e.layer === "affiliations" ? cssVar(`--rel-${e.label}`, "#1f78b4") : cssVar(`--t-${e.label}`, "#b2182b");
}

function nodePanel(panel, node) {
  const d = node.data();
  const links = node.connectedEdges().map((e) => {
    const other = e.source().id() === node.id() ? e.target() : e.source();
    const arrow = e.source().id() === node.id() ? "→" : "←";
    return h("li", {}, `${e.data("label")} ${arrow} `, h("a", { href: other.data("href") }, other.data("label")),
      h("span", { class: "muted" }, ` ×${e.data("count")}`));
  });
  panel.replaceChildren(
    h("h3", {}, h("a", { href: d.href }, d.label)),
    h("p", { class: "muted" }, [d.kind, d.country, `${d.mentions} mentions`].filter(Boolean).join(" · ")),
    h("p", {}, h("a", { href: d.href }, "Open the actor page →")),
    h("ul", {}, links),
  );
}

function edgePanel(panel, edge) {
  const d = edge.data();
  const items = d.evidence.map((ev) => h("li", {},
    h("a", { href: ev.href }, `“${ev.evidence}”`), h("span", { class: "muted" }, ` ${ev.day || ""} · ${ev.doc_id}`)));
  panel.replaceChildren(
    h("h3", {}, h("a", { href: edge.source().data("href") }, edge.source().data("label")),
      ` ${d.label} `, h("a", { href: edge.target().data("href") }, edge.target().data("label"))),
    h("p", { class: "muted" }, `${d.count} record${d.count === 1 ? "" : "s"}, ${d.first || "?"} to ${d.last || "?"}`
      + (d.count > items.length ? `; the ${items.length} newest:` : ":")),
    h("ul", { class: "evidence" }, items),
  );
}

async function main() {
  const box = document.getElementById("graph");
  if (!box) return;
  const panel = document.getElementById("panel");
  let data;
  try {
    data = await getJSON(box.dataset.src);
  } catch (err) {
    showMessage(box, `Could not load the graph: ${err.message}`);
    return;
  }
  if (!data.nodes.length) {
    showMessage(box, "No links under this filter.");
    return;
  }
  const n = data.nodes.length;
  // Start from a circle so the layout is the same on every load (cose alone starts at random).
  const nodes = data.nodes.map((node, i) => ({
    group: "nodes",
    data: { id: node.id, label: node.name, kind: node.kind || "none", country: node.country,
      mentions: node.mentions, degree: Math.max(1, Math.min(node.degree, 1000)), href: node.href,
      centre: node.centre },
    position: { x: 300 * Math.cos((2 * Math.PI * i) / n), y: 300 * Math.sin((2 * Math.PI * i) / n) },
  }));
  const edges = data.edges.map((e) => ({ group: "edges", data: { ...e, color: edgeColor(e) } }));
  const maxDegree = Math.max(8, ...nodes.map((x) => x.data.degree));
  const maxCount = Math.max(6, ...edges.map((x) => x.data.count));
  // cytoscape adds a <style> to <head> unless this id exists; the CSP blocks inline styles
  // and style.css already positions the container, so a marker element stands in for it.
  if (!document.getElementById(CY_STYLE_ID)) document.head.append(h("meta", { id: CY_STYLE_ID, name: "cytoscape" }));
  const cy = cytoscape({
    container: box, elements: [...nodes, ...edges], style: style(maxDegree, maxCount),
    layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: () => 250000,
      idealEdgeLength: () => 70, nodeOverlap: 20, gravity: 60, padding: 24, componentSpacing: 80,
      numIter: 2000, nestingFactor: 1.2 },
    minZoom: 0.2, maxZoom: 3, boxSelectionEnabled: false,
  });
  // A small ego network would fill the box with giant nodes: cap the fitted zoom.
  if (cy.zoom() > 1.4) { cy.zoom(1.4); cy.center(); }
  window.hudhudGraph = cy; // for the browser tests and the curious
  cy.on("mouseover", "node", (evt) => {
    const hood = evt.target.closedNeighborhood();
    cy.elements().not(hood).addClass("faded");
    if (panel) nodePanel(panel, evt.target);
    box.style.cursor = "pointer";
  });
  cy.on("mouseout", "node", () => { cy.elements().removeClass("faded"); box.style.cursor = ""; });
  cy.on("tap", "node", (evt) => { window.location.assign(evt.target.data("href")); });
  cy.on("tap", "edge", (evt) => {
    if (panel) edgePanel(panel, evt.target);
    else window.location.assign(evt.target.data("evidence")[0].href);
  });
  if (box.dataset.select && panel) nodePanel(panel, cy.getElementById(box.dataset.select));
  box.dataset.ready = "true";
}

main();
