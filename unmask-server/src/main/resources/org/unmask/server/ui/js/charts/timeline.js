// The risk timeline: score over time as a stepped line, with the case threshold marked.
import { svg, el } from "../dom.js";
import { when, number } from "../format.js";

const W = 720, H = 170, PAD = { left: 40, right: 16, top: 12, bottom: 28 };
const THRESHOLD = 70;

export function riskTimeline(points) {
  const data = (Array.isArray(points) ? points : [])
    .map((p) => ({ at: new Date(p && p.at), risk: Number(p && p.risk), raw: p && p.at }))
    .filter((p) => !Number.isNaN(p.at.getTime()) && Number.isFinite(p.risk))
    .sort((a, b) => a.at - b.at);
  if (!data.length) return el("p", { class: "empty" }, "No risk history yet.");
  const t0 = data[0].at.getTime();
  const t1 = Math.max(data[data.length - 1].at.getTime(), t0 + 1);
  const x = (t) => PAD.left + ((t - t0) / (t1 - t0)) * (W - PAD.left - PAD.right);
  const y = (r) => PAD.top + (1 - Math.min(Math.max(r, 0), 100) / 100) * (H - PAD.top - PAD.bottom);

  let d = "M" + x(data[0].at.getTime()) + " " + y(data[0].risk);
  for (let i = 1; i < data.length; i++) d += "L" + x(data[i].at.getTime()) + " " + y(data[i].risk);

  const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart timeline", role: "img", "aria-label": "Risk over time" },
    [0, 25, 50, 75, 100].map((r) => [
      svg("line", { x1: PAD.left, x2: W - PAD.right, y1: y(r), y2: y(r), class: "grid" }),
      svg("text", { x: PAD.left - 6, y: y(r) + 4, class: "axis", "text-anchor": "end" }, String(r)),
    ]),
    svg("line", { x1: PAD.left, x2: W - PAD.right, y1: y(THRESHOLD), y2: y(THRESHOLD), class: "threshold" }),
    svg("text", { x: W - PAD.right, y: y(THRESHOLD) - 4, class: "axis threshold-label", "text-anchor": "end" }, "case threshold " + THRESHOLD),
    svg("path", { d, class: "line" }),
    data.map((p) => svg("circle", { cx: x(p.at.getTime()), cy: y(p.risk), r: 3, class: "dot" },
      svg("title", {}, when(p.raw) + ": risk " + number(p.risk, 1)))),
    svg("text", { x: PAD.left, y: H - 8, class: "axis" }, when(data[0].raw)),
    data.length > 1 ? svg("text", { x: W - PAD.right, y: H - 8, class: "axis", "text-anchor": "end" }, when(data[data.length - 1].raw)) : null);
  const caption = data.length === 1
    ? "One score so far: " + number(data[0].risk, 1) + " at " + when(data[0].raw) + ". The line grows with each new finding."
    : "Risk score as of each finding and each re-scoring (0–100). Points decay over time; a case opens at " + THRESHOLD + ".";
  return el("figure", { class: "figure" }, chart, el("figcaption", {}, caption));
}
