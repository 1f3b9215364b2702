// One person, pseudonymised: how their risk grew, what was found, where they signed in from,
// when they work compared with the time zone they claim, and the hardware on their laptops.
import { el } from "../dom.js";
import { api } from "../api.js";
import { when, day, number, riskBadge, text } from "../format.js";
import { link } from "../router.js";
import { facts, findingsList, section, table, notice } from "../ui.js";
import { riskTimeline } from "../charts/timeline.js";
import { workHours } from "../charts/hours.js";
import { worldMap } from "../map/world-map.js";

export async function personPage({ id }) {
  const data = await api.person(id);
  const person = data && data.person && typeof data.person === "object" ? data.person : {};
  const name = text(person.display_name ?? person.person_id ?? id);
  return el("section", { class: "page" },
    el("h1", {}, "Person ", el("span", { id: "person-name" }, name)),
    el("div", { class: "panel" },
      el("div", { class: "headline" }, riskBadge(person.risk_score),
        person.case_opened ? el("a", { href: link("cases", "case-" + String(person.person_id ?? id)) }, "Open the case") : el("span", {}, "No case")),
      facts([
        ["Person", el("code", {}, text(person.person_id ?? id))],
        ["First crossed the threshold", when(person.first_flagged_at)],
      ]),
      reasons(person.reasons)),
    section("Risk over time", riskTimeline(data.risk_timeline)),
    el("div", { class: "two" },
      section("Sign-ins by country", worldMap(data.signins_by_country)),
      section("Working hours", workHours(data.work_hours))),
    section("Devices", devices(data.devices)),
    section("Findings", findingsList(data.findings)));
}

function reasons(list) {
  if (!Array.isArray(list) || !list.length) return notice("No findings carry weight for this person.");
  return el("div", {}, el("h2", {}, "What carries the score"),
    el("ul", { class: "reasons" }, list.map((r) =>
      el("li", {}, el("span", { class: "points" }, number(r && r.points, 1)), " ", text(r && r.summary), " ", el("code", { class: "rule" }, text(r && r.rule_id))))));
}

function devices(list) {
  const rows = Array.isArray(list) ? list.filter((d) => d && typeof d === "object") : [];
  if (!rows.length) return notice("No devices on record.");
  return rows.map((d) => el("article", { class: "device" },
    el("h3", {}, text(d.hostname ?? d.device_id)),
    facts([["Device", el("code", {}, text(d.device_id))], d.model ? ["Model", text(d.model)] : null, ["Shipped to", text(d.shipped_country)]]),
    el("div", { class: "two" },
      el("div", {}, el("h4", {}, "USB devices"),
        table([
          { label: "Product", cell: (g) => text(g.first.product) },
          { label: "Vendor:product", cell: (g) => el("code", {}, text(g.first.vendor_id) + ":" + text(g.first.product_id)) },
          { label: "Seen", cell: (g) => seen(g) },
        ], history(d.usb, (u) => [u.vendor_id, u.product_id, u.product]), { empty: "No USB history." })),
      el("div", {}, el("h4", {}, "Monitors"),
        table([
          { label: "Monitor", cell: (g) => text(g.first.monitor_name) },
          { label: "Maker", cell: (g) => text(g.first.manufacturer) },
          { label: "Seen", cell: (g) => seen(g) },
        ], history(d.displays, (m) => [m.monitor_name, m.manufacturer]), { empty: "No monitor history." })))));
}

// A device's hardware history collapsed to one row per distinct thing plugged in, with when it
// was first and last seen and how often: a PiKVM that appears mid-month stands out at once.
function history(entries, keyOf) {
  const groups = new Map();
  for (const e of Array.isArray(entries) ? entries : []) {
    if (!e || typeof e !== "object") continue;
    const key = JSON.stringify(keyOf(e));
    const at = String(e.at ?? "");
    const g = groups.get(key);
    if (!g) groups.set(key, { first: e, firstAt: at, lastAt: at, count: 1 });
    else {
      g.count++;
      if (at < g.firstAt) g.firstAt = at;
      if (at > g.lastAt) g.lastAt = at;
    }
  }
  return [...groups.values()].sort((a, b) => a.firstAt.localeCompare(b.firstAt));
}

function seen(g) {
  return g.count === 1 ? when(g.firstAt) : [day(g.firstAt), " → ", day(g.lastAt), el("span", { class: "times" }, " × " + g.count)];
}
