// The case queue: every case, riskiest first, filtered by status.
import { el, on } from "../dom.js";
import { api } from "../api.js";
import { when, riskBadge, statusBadge, text, items } from "../format.js";
import { link } from "../router.js";
import { table, field } from "../ui.js";

const FILTERS = [["open", "Open, investigating and escalated"], ["all", "All, including closed"]];
const FILTER_KEY = "unmask.caseFilter";

export async function casesPage(_, ctx) {
  const status = sessionStorage.getItem(FILTER_KEY) === "all" ? "all" : "open";
  const cases = items(await api.cases(status));
  cases.sort((a, b) => (Number(b.risk) || 0) - (Number(a.risk) || 0));
  const select = el("select", { id: "status-filter" },
    FILTERS.map(([value, label]) => el("option", { value, selected: value === status }, label)));
  on(select, "change", () => {
    sessionStorage.setItem(FILTER_KEY, select.value);
    ctx.refresh();
  });
  return el("section", { class: "page" },
    el("h1", {}, "Case queue"),
    el("p", { class: "lede" }, "A case means the person needs HR and identity review, never that they are guilty. Highest risk first."),
    el("div", { class: "toolbar" }, field("Show", select),
      // The server opens cases while events stream in; a refresh shows the latest queue.
      on(el("button", { type: "button", class: "quiet", id: "refresh" }, "Refresh"), "click", () => ctx.refresh())),
    table([
      { label: "Risk", cell: (c) => riskBadge(c.risk) },
      { label: "Case", cell: (c) => el("a", { href: link("cases", c.case_id), class: "case-link" }, text(c.case_id)) },
      { label: "Person", cell: (c) => el("a", { href: link("persons", c.person_id) }, text(c.display_name ?? c.person_id)) },
      { label: "Status", cell: (c) => statusBadge(c.status) },
      { label: "Assignee", cell: (c) => text(c.assignee) },
      { label: "Why", cell: (c) => why(c.summary) },
      { label: "Opened", cell: (c) => when(c.opened_at) },
      { label: "Updated", cell: (c) => when(c.updated_at) },
    ], cases, { caption: cases.length + (status === "open" ? " open cases" : " cases"), empty: "No cases. Nothing has crossed the threshold.", rowClass: () => "case-row" }));
}

// The server joins the top reasons with "; ". The queue shows the first and how many more, so a
// row stays one glance; the case page has them all.
function why(summary) {
  const parts = text(summary).split("; ").filter(Boolean);
  return el("span", { class: "summary" }, parts[0] ?? "—", parts.length > 1 ? el("span", { class: "more" }, " (+" + (parts.length - 1) + " more)") : null);
}
