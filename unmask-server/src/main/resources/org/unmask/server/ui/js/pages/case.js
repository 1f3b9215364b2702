// One case: why it opened, the findings with their evidence, notes, and the actions an analyst
// takes (assign, note, escalate, close, reveal). The person stays pseudonymised; a reveal needs a
// reason, is audited by the server, and shows the identity in this view only: it is held in this
// page's memory, never stored, and gone when the analyst navigates away.
import { el, on, replace } from "../dom.js";
import { api } from "../api.js";
import { when, riskBadge, statusBadge, text } from "../format.js";
import { link } from "../router.js";
import { facts, findingsList, section, actionForm, field, notice } from "../ui.js";

const RESOLUTIONS = [
  ["benign", "Benign: explained, nothing wrong"],
  ["false_positive", "False positive: the detection was wrong"],
  ["confirmed", "Confirmed: hand to HR, legal and security"],
];

export async function casePage({ id }, ctx) {
  const body = el("div", { class: "case-body" });
  const identity = identityPanel(id, ctx);
  const page = el("section", { class: "page" }, el("h1", {}, "Case ", el("span", { id: "case-id" }, id)), body);

  async function reload() {
    const c = await api.caseById(id);
    const [summary, ...rest] = caseView(c, ctx, reload);
    replace(body, summary, identity, ...rest);
  }
  await reload();
  return page;
}

function caseView(c, ctx, reload) {
  const closed = c.status === "closed";
  const analyst = ctx.can("analyst");
  return [
    el("div", { class: "case-summary panel" },
      el("div", { class: "headline" }, riskBadge(c.risk), statusBadge(c.status),
        el("span", {}, "Person ", el("a", { href: link("persons", c.person_id), id: "case-person" }, text(c.display_name ?? c.person_id)))),
      // The server joins the top reasons with "; "; one per line reads better.
      el("ul", { class: "reasons" }, text(c.summary).split("; ").filter(Boolean).map((part) => el("li", {}, part))),
      facts([
        ["Assignee", text(c.assignee)],
        ["Opened", when(c.opened_at)],
        ["Updated", when(c.updated_at)],
        c.resolution ? ["Resolution", text(c.resolution)] : null,
      ])),
    analyst ? actions(c, closed, reload) : notice("Viewers can read cases; analysts act on them."),
    section("Notes", notesList(c.notes), analyst ? noteForm(c, reload) : null),
    section("Findings", findingsList(c.findings)),
  ];
}

function actions(c, closed, reload) {
  if (closed) return section("Actions", notice("This case is closed. Notes are still accepted."));
  const assignee = el("input", { type: "text", name: "assignee", id: "assignee", required: true, maxlength: 200, value: c.assignee ?? "" });
  const assign = actionForm({ class: "inline", id: "assign-form" }, [field("Assign to", assignee),
    el("button", { type: "submit" }, "Assign")], async () => {
    await api.assign(c.case_id, assignee.value.trim());
    await reload();
  });
  const escalate = actionForm({ class: "inline", id: "escalate-form" }, [
    el("p", {}, "Escalating hands the case to HR and legal."),
    el("button", { type: "submit", disabled: c.status === "escalated" }, "Escalate")], async () => {
    await api.escalate(c.case_id);
    await reload();
  });
  const resolution = el("select", { id: "resolution", name: "resolution", required: true },
    el("option", { value: "" }, "Choose…"), RESOLUTIONS.map(([v, label]) => el("option", { value: v }, label)));
  const note = el("textarea", { id: "close-note", name: "note", required: true, rows: 3, maxlength: 4000 });
  // A benign or false-positive close may quiet the same rules for this person for a while, so the
  // next scan does not reopen what a person has just explained. The server records it in the audit log.
  const suppress = el("select", { id: "suppress", name: "suppress" },
    el("option", { value: "" }, "No"),
    el("option", { value: "person" }, "Yes: the rules behind this case, for this person"));
  const days = el("input", { type: "number", id: "suppress-days", name: "days", min: 1, max: 3650, value: 90 });
  const close = actionForm({ id: "close-form" }, [
    field("Resolution", resolution),
    field("Why (kept in the case and the audit log)", note),
    field("Suppress these alerts?", suppress, "Only for benign or false-positive closes."),
    field("For how many days", days),
    el("button", { type: "submit", id: "close-case" }, "Close case")], async () => {
    if (!resolution.value) throw new Error("Choose a resolution.");
    if (!note.value.trim()) throw new Error("Say why the case is closed.");
    let suppression;
    if (suppress.value) {
      if (resolution.value === "confirmed") throw new Error("A confirmed case cannot suppress alerts.");
      const n = Number(days.value);
      if (!Number.isInteger(n) || n < 1 || n > 3650) throw new Error("Days must be a whole number from 1 to 3650.");
      suppression = { days: n };
    }
    await api.close(c.case_id, resolution.value, note.value.trim(), suppression);
    await reload();
  });
  return section("Actions", el("div", { class: "actions" }, assign, escalate, close));
}

function notesList(notes) {
  if (!Array.isArray(notes) || !notes.length) return notice("No notes yet.");
  return el("ol", { class: "notes" }, notes.map((n) =>
    el("li", {}, el("div", { class: "note-meta" }, text(n.actor), " · ", when(n.at)), el("p", {}, text(n.text)))));
}

function noteForm(c, reload) {
  const textArea = el("textarea", { id: "note-text", name: "text", required: true, rows: 3, maxlength: 4000 });
  return actionForm({ id: "note-form" }, [field("Add a note", textArea), el("button", { type: "submit" }, "Add note")], async () => {
    if (!textArea.value.trim()) throw new Error("Write the note first.");
    await api.note(c.case_id, textArea.value.trim());
    await reload();
  });
}

function identityPanel(caseId, ctx) {
  const panel = el("section", { class: "panel identity", id: "identity" }, el("h2", {}, "Identity"));
  if (!ctx.can("analyst")) {
    panel.append(notice("Pseudonymised. Only analysts may reveal an identity."));
    return panel;
  }
  const reason = el("textarea", { id: "reveal-reason", name: "reason", required: true, rows: 2, maxlength: 1000 });
  const form = actionForm({ id: "reveal-form" }, [
    el("p", {}, "Pseudonymised. Revealing the real identity is recorded in the audit log with your reason."),
    field("Reason for the reveal", reason),
    el("button", { type: "submit", id: "reveal" }, "Reveal identity")], async () => {
    if (!reason.value.trim()) throw new Error("A reveal needs a reason.");
    const revealed = await api.reveal(caseId, reason.value.trim());
    const pairs = Object.entries(revealed && typeof revealed === "object" ? revealed : {})
      .map(([key, value]) => [key.replace(/_/g, " "), text(value)]);
    const hide = on(el("button", { type: "button", class: "quiet", id: "hide-identity" }, "Hide again"), "click", () => {
      replace(panel, el("h2", {}, "Identity"), notice("Hidden again. Revealing again is audited again."));
    });
    replace(panel, el("h2", {}, "Identity (revealed)"),
      el("div", { class: "revealed", id: "revealed" }, facts(pairs)),
      el("p", { class: "hint" }, "Shown in this view only; it is not stored in the browser. Reason: ", el("q", {}, reason.value.trim())),
      hide);
  });
  panel.append(form);
  return panel;
}
