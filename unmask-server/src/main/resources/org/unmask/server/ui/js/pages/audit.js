// The audit log, newest first, with the server's verdict on its hash chain.
import { el } from "../dom.js";
import { api } from "../api.js";
import { when, text, items } from "../format.js";
import { table, notice } from "../ui.js";

export async function auditPage(_, ctx) {
  if (!ctx.can("analyst")) return el("section", { class: "page" }, el("h1", {}, "Audit log"), notice("Only analysts and admins may read the audit log."));
  const response = await api.audit(200);
  const entries = items(response);
  const verified = response && response.verified === true;
  return el("section", { class: "page" },
    el("h1", {}, "Audit log"),
    el("p", { class: verified ? "verified ok" : "verified bad", id: "audit-verified", role: "status" },
      verified ? "✔ The hash chain verifies: no entry was changed or removed." : "✘ The hash chain does NOT verify. Someone changed or removed entries; tell your admin."),
    table([
      { label: "#", cell: (e) => text(e.seq) },
      { label: "When", cell: (e) => when(e.at) },
      { label: "Who", cell: (e) => text(e.actor) },
      { label: "Action", cell: (e) => el("span", { class: "action" }, text(e.action)) },
      { label: "Target", cell: (e) => el("code", {}, text(e.target)) },
      { label: "Details", cell: (e) => el("span", { class: "details" }, text(e.details)) },
    ], entries, { empty: "The audit log is empty.", rowClass: () => "audit-row" }));
}
