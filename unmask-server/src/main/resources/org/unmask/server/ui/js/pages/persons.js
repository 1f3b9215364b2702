// Everyone the last scan scored, riskiest first, by pseudonym.
import { el } from "../dom.js";
import { api } from "../api.js";
import { when, riskBadge, text, items } from "../format.js";
import { link } from "../router.js";
import { table } from "../ui.js";

export async function personsPage() {
  const persons = items(await api.persons());
  persons.sort((a, b) => (Number(b.risk_score) || 0) - (Number(a.risk_score) || 0));
  return el("section", { class: "page" },
    el("h1", {}, "People"),
    el("p", { class: "lede" }, "Every person scored, highest risk first. Names are pseudonyms."),
    table([
      { label: "Risk", cell: (p) => riskBadge(p.risk_score) },
      { label: "Person", cell: (p) => el("a", { href: link("persons", p.person_id) }, text(p.display_name ?? p.person_id)) },
      { label: "Case", cell: (p) => (p.case_opened ? el("a", { href: link("cases", "case-" + String(p.person_id)) }, "open") : "—") },
      { label: "Flagged at", cell: (p) => when(p.first_flagged_at) },
      { label: "Top reason", cell: (p) => text(Array.isArray(p.reasons) && p.reasons[0] ? p.reasons[0].summary : "") },
    ], persons, { empty: "No people scored yet." }));
}
