// Pieces several pages share: error boxes, key/value lists, tables and the findings list.
import { el, on } from "./dom.js";
import { when, number, severityBadge, text, list } from "./format.js";
import { link } from "./router.js";

export function errorBox(error) {
  const message = error && error.message ? error.message : String(error);
  return el("div", { class: "error", role: "alert" },
    el("strong", {}, error && error.status ? "Error " + error.status + ": " : "Error: "), message);
}

export function notice(message) {
  return el("p", { class: "empty" }, message);
}

/** A definition list from [label, value] pairs; values may be strings or nodes. */
export function facts(pairs) {
  return el("dl", { class: "facts" }, pairs.filter(Boolean).map(([label, value]) => [el("dt", {}, label), el("dd", {}, value)]));
}

/** A table from column definitions [{label, cell: row => string|Node}] and rows. */
export function table(columns, rows, { caption, empty = "Nothing to show.", rowClass } = {}) {
  if (!rows.length) return notice(empty);
  return el("div", { class: "table-wrap" },
    el("table", {},
      caption ? el("caption", {}, caption) : null,
      el("thead", {}, el("tr", {}, columns.map((c) => el("th", { scope: "col" }, c.label)))),
      el("tbody", {}, rows.map((row) =>
        el("tr", { class: rowClass ? rowClass(row) : undefined }, columns.map((c) => el("td", {}, c.cell(row))))))));
}

export function section(title, ...children) {
  return el("section", { class: "panel" }, el("h2", {}, title), ...children);
}

/** Evidence is a list of {file, line} references or event ids; shown as text either way. */
function evidence(items) {
  if (!Array.isArray(items) || !items.length) return "—";
  return el("ul", { class: "evidence" }, items.slice(0, 20).map((item) => {
    if (item && typeof item === "object" && "file" in item) {
      return el("li", {}, el("code", {}, text(item.file) + (item.line !== undefined ? ":" + text(item.line) : "")));
    }
    return el("li", {}, el("code", {}, text(item)));
  }), items.length > 20 ? el("li", {}, "… and " + (items.length - 20) + " more") : null);
}

function entityLink(entity) {
  if (!entity || typeof entity !== "object") return text(entity);
  const label = text(entity.type) + " " + text(entity.id);
  if (entity.type === "person") return el("a", { href: link("persons", entity.id) }, label);
  if (entity.type === "farm") return el("a", { href: link("farms", entity.id) }, label);
  return label;
}

/**
 * Findings with their evidence, grouped by rule so that a PiKVM seen on twelve days reads as one
 * line with "12 times" rather than twelve lines; the riskiest rule first, each occurrence (newest
 * first) with its time, sentence and evidence inside.
 */
export function findingsList(findings, { showEntity = false } = {}) {
  const rows = Array.isArray(findings) ? findings.filter((f) => f && typeof f === "object") : [];
  if (!rows.length) return notice("No findings.");
  const groups = new Map();
  for (const f of rows) {
    const key = text(f.rule_id) + "\u0000" + text(f.title);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(f);
  }
  const sorted = [...groups.values()].map((list) => {
    list.sort((a, b) => String(b["@timestamp"] ?? "").localeCompare(String(a["@timestamp"] ?? "")));
    const points = list.reduce((sum, f) => sum + (Number(f.risk) || 0), 0);
    return { list, points, rank: SEVERITY_RANK[list[0].severity] || 0 };
  }).sort((a, b) => b.rank - a.rank || b.points - a.points);
  return el("ol", { class: "findings" }, sorted.map(({ list, points }) => {
    const f = list[0];
    return el("li", { class: "finding" },
      el("div", { class: "finding-head" },
        severityBadge(f.severity),
        el("strong", { class: "finding-title" }, text(f.title)),
        list.length > 1 ? el("span", { class: "times" }, "× " + list.length) : null,
        el("span", { class: "points" }, "+" + number(points, 1) + " points"),
        el("span", { class: "when" }, list.length > 1 ? when(list[list.length - 1]["@timestamp"]) + " → " + when(f["@timestamp"]) : when(f["@timestamp"]))),
      el("p", { class: "finding-summary" }, text(f.summary)),
      el("details", {},
        el("summary", {}, list.length > 1 ? "Evidence for all " + list.length : "Evidence and details"),
        facts([["Rule", el("code", {}, text(f.rule_id))], ["ATT&CK", list_(f.attack)], showEntity ? ["About", entityLink(f.entity)] : null]),
        el("ol", { class: "occurrences" }, list.map((o) => el("li", {},
          el("div", { class: "note-meta" }, when(o["@timestamp"]), " · +", number(o.risk, 1), " · ", el("code", {}, text(o.id))),
          list.length > 1 ? el("p", { class: "finding-summary" }, text(o.summary)) : null,
          evidence(o.evidence))))));
  }));
}

const SEVERITY_RANK = { critical: 5, high: 4, medium: 3, low: 2, informational: 1 };
const list_ = list;

/** A small labelled form control row. */
export function field(label, control, hint) {
  const id = control.id || "f-" + Math.random().toString(36).slice(2);
  control.id = id;
  return el("div", { class: "field" }, el("label", { for: id }, label), control, hint ? el("small", {}, hint) : null);
}

/** A form whose submit runs action(); shows progress, then the outcome or the error, as text. */
export function actionForm(attrs, children, action) {
  const status = el("div", { class: "form-status", role: "status" });
  const form = el("form", attrs, children, status);
  on(form, "submit", async (event) => {
    event.preventDefault();
    const buttons = form.querySelectorAll("button");
    buttons.forEach((b) => (b.disabled = true));
    status.replaceChildren("Working…");
    try {
      await action(form, status);
    } catch (e) {
      status.replaceChildren(errorBox(e));
    } finally {
      buttons.forEach((b) => (b.disabled = false));
    }
  });
  return form;
}
