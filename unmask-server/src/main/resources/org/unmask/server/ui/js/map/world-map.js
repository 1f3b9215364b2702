// Sign-ins by country on an equirectangular world map: a circle at each country's population
// centre, sized by count. Countries that matter most here (North Korea, China, Russia) are drawn
// in the alarm colour and named in the legend, whatever their count.
import { svg, el } from "../dom.js";
import { CENTROIDS } from "./centroids.js";
import { LAND_PATH } from "./world-outline.js";

const FLAGGED = new Set(["KP", "CN", "RU"]);
const NAMES = { KP: "North Korea", CN: "China", RU: "Russia" };

// Country codes come from logs: look them up only as own keys, so "__proto__" or "constructor"
// never reach the prototype.
const centroid = (code) => (Object.prototype.hasOwnProperty.call(CENTROIDS, code.toUpperCase()) ? CENTROIDS[code.toUpperCase()] : null);

export function worldMap(signins) {
  const rows = (Array.isArray(signins) ? signins : [])
    .map((r) => ({ country: String(r && r.country != null ? r.country : ""), count: Number(r && r.count) || 0 }))
    .filter((r) => r.count > 0)
    .sort((a, b) => b.count - a.count);
  if (!rows.length) return el("p", { class: "empty" }, "No sign-ins with a known country.");
  const max = Math.max(...rows.map((r) => r.count));
  const placed = rows.filter((r) => centroid(r.country));
  const unplaced = rows.filter((r) => !centroid(r.country));
  const map = svg("svg", { viewBox: "0 6 360 144", class: "chart worldmap", role: "img", "aria-label": "Sign-ins by country" },
    svg("rect", { x: 0, y: 6, width: 360, height: 144, class: "sea" }),
    svg("path", { d: LAND_PATH, class: "land" }),
    placed.slice().reverse().map((r) => {
      const [lat, lon] = centroid(r.country);
      const flagged = FLAGGED.has(r.country.toUpperCase());
      return svg("g", { class: flagged ? "marker flagged" : "marker", "data-country": r.country },
        svg("circle", { cx: lon + 180, cy: 90 - lat, r: 2 + 8 * Math.sqrt(r.count / max) },
          svg("title", {}, r.country + ": " + r.count + " sign-ins" + (flagged ? " (" + NAMES[r.country.toUpperCase()] + ")" : ""))),
        svg("text", { x: lon + 180, y: 90 - lat - 3 - 8 * Math.sqrt(r.count / max), class: "marker-label", "text-anchor": "middle" }, r.country));
    }));
  return el("div", { class: "map-block" },
    el("figure", { class: "figure" }, map,
      el("figcaption", {}, "Sign-ins by country (circle area by count). ", el("span", { class: "flag-key" }, "Red"), ": North Korea, China or Russia.")),
    el("ul", { class: "country-list" }, rows.map((r) =>
      el("li", { class: FLAGGED.has(r.country.toUpperCase()) ? "flagged" : undefined },
        el("code", {}, r.country), " ", String(r.count), FLAGGED.has(r.country.toUpperCase()) ? " ⚑ " + NAMES[r.country.toUpperCase()] : "",
        centroid(r.country) ? "" : " (not on the map)"))),
    unplaced.length ? el("p", { class: "hint" }, unplaced.length + " countr" + (unplaced.length === 1 ? "y has" : "ies have") + " no map position and are listed only.") : null);
}
