// Applicant vetting verdicts: reused identities, photos, resumes and phone numbers, young profiles.
import { el } from "../dom.js";
import { api } from "../api.js";
import { riskBadge, text, items, number } from "../format.js";
import { table } from "../ui.js";

export async function applicantsPage() {
  const applicants = items(await api.applicants());
  applicants.sort((a, b) => (b.flagged === true) - (a.flagged === true) || (Number(b.risk_score) || 0) - (Number(a.risk_score) || 0));
  return el("section", { class: "page" },
    el("h1", {}, "Applicants"),
    el("p", { class: "lede" }, "Vetting verdicts before hire, flagged first. Applicant ids are pseudonymous."),
    table([
      { label: "Risk", cell: (a) => riskBadge(a.risk_score) },
      { label: "Applicant", cell: (a) => el("code", {}, text(a.display_name ?? a.applicant_id)) },
      { label: "Flagged", cell: (a) => (a.flagged ? el("span", { class: "flag" }, "flagged") : "no") },
      { label: "Reasons", cell: (a) => reasons(a.reasons) },
    ], applicants, { empty: "No applicants vetted yet." }));
}

function reasons(list) {
  if (!Array.isArray(list) || !list.length) return "—";
  return el("ul", { class: "reasons" }, list.map((r) =>
    el("li", {}, r && typeof r === "object" ? [r.points !== undefined ? el("span", { class: "points" }, number(r.points, 1)) : null, " ", text(r.summary ?? r.rule_id)] : text(r))));
}
