// Suspected laptop farms and identity rings: groups of people who share infrastructure.
import { el } from "../dom.js";
import { api } from "../api.js";
import { text, items, number } from "../format.js";
import { link } from "../router.js";
import { table } from "../ui.js";

export const count = (v) => (Array.isArray(v) ? v.length : 0);
export const sharedKinds = (shared) =>
  Array.isArray(shared) && shared.length ? [...new Set(shared.map((s) => text(s && s.type)))].join(", ") : "—";

export async function farmsPage() {
  const response = await api.farms();
  const farms = Array.isArray(response) ? response : items(response);
  farms.sort((a, b) => (Number(b.score) || 0) - (Number(a.score) || 0));
  return el("section", { class: "page" },
    el("h1", {}, "Farms"),
    el("p", { class: "lede" }, "Groups of people and applicants behind the same networks, addresses or accounts."),
    table([
      { label: "Score", cell: (f) => number(f.score, 2) },
      { label: "Farm", cell: (f) => el("a", { href: link("farms", f.farm_id), class: "farm-link" }, text(f.farm_id)) },
      { label: "People", cell: (f) => String(count(f.persons)) },
      { label: "Devices", cell: (f) => String(count(f.devices)) },
      { label: "Applicants", cell: (f) => String(count(f.applicants)) },
      { label: "Shared", cell: (f) => sharedKinds(f.shared) },
    ], farms, { empty: "No farms found." }));
}
