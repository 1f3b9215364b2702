// The shared-infrastructure graph of a farm: people joined to the networks, Wi-Fi access points,
// addresses and bank accounts they share. Laid out by a small force simulation (springs on edges,
// repulsion between all nodes, Fruchterman-Reingold cooling), deterministic so that the same farm
// always draws the same way. Farms are small (tens of nodes), so O(n²) per step is fine.
import { svg, el } from "../dom.js";
import { link } from "../router.js";

const W = 720, H = 400, ITERATIONS = 300;
const KINDS = ["person", "device", "applicant", "ip", "bssid", "address", "account", "bank_account_id", "phone", "email", "photo", "resume", "mfa_device"];

function layout(nodes, edges) {
  const k = Math.sqrt((W * H) / Math.max(nodes.length, 1)) * 0.6;
  nodes.forEach((n, i) => {
    const angle = (2 * Math.PI * i) / nodes.length;
    const radius = n.kind === "person" ? 120 : 200;
    n.x = W / 2 + radius * Math.cos(angle);
    n.y = H / 2 + radius * Math.sin(angle);
  });
  let temperature = W / 8;
  for (let step = 0; step < ITERATIONS; step++) {
    nodes.forEach((n) => { n.dx = 0; n.dy = 0; });
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const a = nodes[i], b = nodes[j];
        let dx = a.x - b.x, dy = a.y - b.y;
        const dist = Math.max(Math.hypot(dx, dy), 0.01);
        const force = (k * k) / dist;
        dx /= dist; dy /= dist;
        a.dx += dx * force; a.dy += dy * force;
        b.dx -= dx * force; b.dy -= dy * force;
      }
    }
    for (const e of edges) {
      let dx = e.a.x - e.b.x, dy = e.a.y - e.b.y;
      const dist = Math.max(Math.hypot(dx, dy), 0.01);
      const force = (dist * dist) / k;
      dx /= dist; dy /= dist;
      e.a.dx -= dx * force; e.a.dy -= dy * force;
      e.b.dx += dx * force; e.b.dy += dy * force;
    }
    for (const n of nodes) {
      const d = Math.max(Math.hypot(n.dx, n.dy), 0.01);
      n.x = Math.min(W - 80, Math.max(80, n.x + (n.dx / d) * Math.min(d, temperature)));
      n.y = Math.min(H - 24, Math.max(24, n.y + (n.dy / d) * Math.min(d, temperature)));
    }
    temperature *= 0.985;
  }
}

const shortLabel = (s) => (s.length > 28 ? s.slice(0, 27) + "…" : s);
const kindClass = (kind) => "kind-" + (KINDS.includes(kind) ? kind : "other");

/** graph = {nodes: [{id, kind, label}], edges: [{source, target, label}]} */
export function farmGraph(graph) {
  const rawNodes = graph && Array.isArray(graph.nodes) ? graph.nodes.slice(0, 300) : [];
  const byId = new Map();
  const nodes = [];
  for (const n of rawNodes) {
    const id = String(n && n.id);
    if (byId.has(id)) continue;
    const node = { id, kind: String(n.kind ?? "other"), label: String(n.label ?? n.id ?? "") };
    byId.set(id, node);
    nodes.push(node);
  }
  const edges = (graph && Array.isArray(graph.edges) ? graph.edges : [])
    .map((e) => ({ a: byId.get(String(e && e.source)), b: byId.get(String(e && e.target)), label: String(e && e.label != null ? e.label : "") }))
    .filter((e) => e.a && e.b && e.a !== e.b);
  if (!nodes.length) return el("p", { class: "empty" }, "This farm has no graph to draw.");
  layout(nodes, edges);
  const kinds = [...new Set(nodes.map((n) => n.kind))];
  return el("figure", { class: "figure" },
    svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart graph", role: "img", "aria-label": "Shared infrastructure graph" },
      edges.map((e) => svg("line", { x1: e.a.x, y1: e.a.y, x2: e.b.x, y2: e.b.y, class: "edge" }, svg("title", {}, e.label))),
      nodes.map((n) => {
        const node = svg("g", { class: ["node", kindClass(n.kind)], "data-kind": n.kind },
          n.kind === "person"
            ? svg("circle", { cx: n.x, cy: n.y, r: 9 })
            : svg("rect", { x: n.x - 6, y: n.y - 6, width: 12, height: 12, rx: 2 }),
          svg("title", {}, n.kind + ": " + n.label),
          svg("text", { x: n.x, y: n.y + 20, "text-anchor": "middle", class: "node-label" }, shortLabel(n.label)));
        // People are links to their page (and so reachable with the keyboard).
        return n.kind === "person" && n.id.startsWith("person:") ? svg("a", { href: link("persons", n.id.slice(7)) }, node) : node;
      })),
    el("figcaption", {}, "Circles are people; squares are what they share. ",
      el("span", { class: "legend" }, kinds.map((kind) => el("span", { class: ["legend-item", kindClass(kind)] }, kind)))));
}
