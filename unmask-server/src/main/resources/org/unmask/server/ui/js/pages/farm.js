// One farm: its members and the graph of what they share.
import { el } from "../dom.js";
import { api } from "../api.js";
import { text, number } from "../format.js";
import { link } from "../router.js";
import { facts, section, table, notice } from "../ui.js";
import { farmGraph } from "../charts/graph.js";

export async function farmPage({ id }) {
  const farm = await api.farm(id);
  const persons = Array.isArray(farm.persons) ? farm.persons : [];
  return el("section", { class: "page" },
    el("h1", {}, "Farm ", el("span", { id: "farm-id" }, text(farm.farm_id ?? id))),
    el("div", { class: "panel" }, facts([
      ["Score", number(farm.score, 2)],
      ["People", persons.length ? el("ul", { class: "inline-list" }, persons.map((p) => el("li", {}, el("a", { href: link("persons", personId(p)) }, text(personLabel(p)))))) : "—"],
      ["Devices", Array.isArray(farm.devices) && farm.devices.length ? farm.devices.map(text).join(", ") : "—"],
      ["Applicants", Array.isArray(farm.applicants) && farm.applicants.length ? farm.applicants.map(text).join(", ") : "—"],
    ])),
    section("Shared infrastructure", farm.graph ? farmGraph(farm.graph) : notice("The server sent no graph for this farm.")),
    section("What they share", table([
      { label: "Kind", cell: (s) => text(s && s.type) },
      { label: "Value", cell: (s) => el("code", {}, text(s && s.value)) },
    ], Array.isArray(farm.shared) ? farm.shared : [], { empty: "Nothing listed." })));
}

// Members may be plain ids or {person_id, display_name} objects, depending on the server.
const personId = (p) => (p && typeof p === "object" ? p.person_id ?? p.id : p);
const personLabel = (p) => (p && typeof p === "object" ? p.display_name ?? p.person_id ?? p.id : p);
