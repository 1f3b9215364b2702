// Work hours: a 24-hour histogram of activity in the claimed time zone's local hours, with the
// normal working day (09–17) shaded. A remote worker who really lives where they claim fills the
// shaded band; one working a Pyongyang day from "Chicago" fills the night.
import { svg, el } from "../dom.js";

const W = 720, H = 200, PAD = { left: 40, right: 12, top: 12, bottom: 30 };
const WORK_START = 9, WORK_END = 17;

function counts(values) {
  const out = new Array(24).fill(0);
  if (Array.isArray(values)) values.slice(0, 24).forEach((v, i) => { const n = Number(v); out[i] = Number.isFinite(n) && n > 0 ? n : 0; });
  return out;
}

function histogram(values, label, shaded) {
  const max = Math.max(1, ...values);
  const bw = (W - PAD.left - PAD.right) / 24;
  const y = (v) => PAD.top + (1 - v / max) * (H - PAD.top - PAD.bottom);
  return svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart hours", role: "img", "aria-label": label },
    shaded ? svg("rect", { x: PAD.left + WORK_START * bw, y: PAD.top, width: (WORK_END - WORK_START) * bw, height: H - PAD.top - PAD.bottom, class: "workband" },
      svg("title", {}, "claimed working hours 09:00–17:00")) : null,
    values.map((v, h) => svg("rect", {
      x: PAD.left + h * bw + 1, y: y(v), width: Math.max(bw - 2, 1), height: H - PAD.bottom - y(v),
      class: shaded && (h < WORK_START || h >= WORK_END) ? "bar off-hours" : "bar",
    }, svg("title", {}, String(h).padStart(2, "0") + ":00 — " + v + " events"))),
    [0, 3, 6, 9, 12, 15, 18, 21].map((h) => svg("text", { x: PAD.left + h * bw + bw / 2, y: H - 10, class: "axis", "text-anchor": "middle" }, String(h).padStart(2, "0"))),
    svg("text", { x: PAD.left - 6, y: PAD.top + 10, class: "axis", "text-anchor": "end" }, String(max)),
    svg("line", { x1: PAD.left, x2: W - PAD.right, y1: H - PAD.bottom, y2: H - PAD.bottom, class: "grid" }));
}

export function workHours(workHoursData) {
  const data = workHoursData && typeof workHoursData === "object" ? workHoursData : {};
  const local = counts(data.local_hour_histogram);
  const utc = counts(data.utc_hour_histogram);
  const total = local.reduce((a, b) => a + b, 0);
  if (!total && !utc.some((v) => v > 0)) return el("p", { class: "empty" }, "No timed activity yet.");
  const inHours = local.slice(WORK_START, WORK_END).reduce((a, b) => a + b, 0);
  const zone = data.claimed_timezone ? String(data.claimed_timezone) : "unknown time zone";
  return el("div", { class: "hours-block" },
    el("figure", { class: "figure" },
      histogram(local, "Activity by local hour in the claimed time zone", true),
      el("figcaption", {}, "Activity by hour in the claimed time zone ", el("strong", {}, zone), ": ",
        total ? Math.round((100 * inHours) / total) + "% inside 09:00–17:00 (shaded); off-hours bars in orange." : "no activity.")),
    el("details", {}, el("summary", {}, "Same activity in UTC"),
      el("figure", { class: "figure" }, histogram(utc, "Activity by UTC hour", false), el("figcaption", {}, "Activity by UTC hour."))));
}
