// Applicant vetting verdicts: reused identities, photos, resumes and phone numbers, young profiles.
import { el } from "../dom.js";
import { api } from "../api.js";
import { riskBadge, text, items, number } from "../format.js";
import { table } from "../ui.js";

export async function applicantsPage() {
  const applicants = items(await api.applicants());
  applicants.sort((a, b) => (b.flagged === true) - (a.flagged === true) || (Number(b.risk_score) || 0) - (Number(a.risk_score) || 0));
  const columns = [
    { label: "Risk", cell: (a) => riskBadge(a.risk_score) },
    { label: "Applicant", cell: (a) => el("code", {}, text(a.display_name ?? a.applicant_id)) },
    { label: "Flagged", cell: (a) => (a.flagged ? el("span", { class: "flag" }, "flagged") : "no") },
    { label: "Reasons", cell: (a) => reasons(a.reasons) },
  ];
  // Applicants with nothing against them are most of the list and none of the work: fold them away.
  const noted = applicants.filter((a) => a.flagged === true || Number(a.risk_score) > 0);
  const clean = applicants.filter((a) => !noted.includes(a));
  return el("section", { class: "page" },
    el("h1", {}, "Applicants"),
    el("p", { class: "lede" }, "Vetting verdicts before hire, flagged first. Applicant ids are pseudonymous."),
    table(columns, noted, { caption: noted.length + " with something found", empty: applicants.length ? "Nothing found against any applicant." : "No applicants vetted yet." }),
    clean.length ? el("details", { class: "more-rows" }, el("summary", {}, clean.length + " applicants with nothing found"), table(columns, clean)) : null);
}

function reasons(list) {
  if (!Array.isArray(list) || !list.length) return "—";
  return el("ul", { class: "reasons" }, list.map((r) =>
    el("li", {}, r && typeof r === "object" ? [r.points !== undefined ? el("span", { class: "points" }, number(r.points, 1)) : null, " ", text(r.summary ?? r.rule_id)] : text(r))));
}
