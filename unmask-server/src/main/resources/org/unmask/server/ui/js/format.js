// Small, pure formatting helpers. They return strings or DOM nodes built by dom.js; never HTML.
import { el } from "./dom.js";

/** "2026-03-10 01:31 UTC" from an ISO instant; the raw value, as text, if it does not parse. */
export function when(value) {
  if (value === undefined || value === null || value === "") return "—";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return date.toISOString().slice(0, 16).replace("T", " ") + " UTC";
}

/** "2026-03-10" from an ISO instant, for ranges where the minute does not matter. */
export function day(value) {
  const full = when(value);
  return /^\d{4}-\d\d-\d\d /.test(full) ? full.slice(0, 10) : full;
}

export function number(value, digits = 0) {
  const n = Number(value);
  return Number.isFinite(n) ? n.toFixed(digits) : "—";
}

/** A risk score as a coloured badge; the colour comes from a class, the number is text. */
export function riskBadge(risk) {
  const n = Number(risk);
  const level = !Number.isFinite(n) ? "none" : n >= 70 ? "high" : n >= 40 ? "medium" : "low";
  return el("span", { class: ["risk", "risk-" + level], title: "risk " + number(n, 1) + " of 100" }, number(n, 0));
}

export function statusBadge(status) {
  const known = ["open", "investigating", "escalated", "closed"];
  const s = String(status ?? "unknown");
  return el("span", { class: ["status", known.includes(s) ? "status-" + s : "status-other"] }, s);
}

export function severityBadge(severity) {
  const known = ["informational", "low", "medium", "high", "critical"];
  const s = String(severity ?? "unknown");
  return el("span", { class: ["severity", known.includes(s) ? "sev-" + s : "sev-other"] }, s);
}

/** A list as text, safe whatever the API put in it. */
export function list(values) {
  return Array.isArray(values) && values.length ? values.map((v) => (typeof v === "object" ? JSON.stringify(v) : String(v))).join(", ") : "—";
}

/** A value for a table cell: objects as compact JSON text, missing as a dash. */
export function text(value) {
  if (value === undefined || value === null || value === "") return "—";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

export const items = (response) => (response && Array.isArray(response.items) ? response.items : []);
