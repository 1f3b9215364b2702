// The console's entry point: checks the session, draws the frame (navigation, who is signed in,
// log out) and hands each hash route to its page. Pages are async functions that return a DOM
// node; a page that fails shows the API's message as text, never as markup.
import { el, on, replace } from "./dom.js";
import { api, session, ApiError } from "./api.js";
import { route, resolve } from "./router.js";
import { errorBox } from "./ui.js";
import { loginPage } from "./pages/login.js";
import { casesPage } from "./pages/cases.js";
import { casePage } from "./pages/case.js";
import { personPage } from "./pages/person.js";
import { personsPage } from "./pages/persons.js";
import { farmsPage } from "./pages/farms.js";
import { farmPage } from "./pages/farm.js";
import { applicantsPage } from "./pages/applicants.js";
import { auditPage } from "./pages/audit.js";

route("/cases", casesPage);
route("/cases/:id", casePage);
route("/persons", personsPage);
route("/persons/:id", personPage);
route("/farms", farmsPage);
route("/farms/:id", farmPage);
route("/applicants", applicantsPage);
route("/audit", auditPage);

const root = document.getElementById("app");
let me = null;
let generation = 0;

const ROLE_RANK = { viewer: 1, analyst: 2, admin: 3 };
export const can = (role) => me !== null && (ROLE_RANK[me.role] || 0) >= ROLE_RANK[role];

function frame(main) {
  const nav = [
    ["#/cases", "Cases"],
    ["#/persons", "People"],
    ["#/farms", "Farms"],
    ["#/applicants", "Applicants"],
    can("analyst") ? ["#/audit", "Audit log"] : null,
  ].filter(Boolean);
  const current = location.hash.split("/").slice(0, 2).join("/") || "#/cases";
  return [
    el("header", { class: "top" },
      el("a", { class: "brand", href: "#/cases" }, "Unmask"),
      el("nav", { "aria-label": "Main" },
        el("ul", {}, nav.map(([href, label]) =>
          el("li", {}, el("a", { href, "aria-current": href === current ? "page" : undefined }, label))))),
      el("div", { class: "who" },
        el("span", { id: "whoami" }, String(me.token_name ?? "token"), " · ", el("span", { class: "role" }, String(me.role ?? "?"))),
        on(el("button", { type: "button", id: "logout", class: "quiet" }, "Log out"), "click", logout))),
    el("main", { id: "main", tabindex: "-1" }, main),
    el("footer", {},
      "Identities are pseudonymised; a reveal needs a reason and is written to the audit log. ",
      el("a", { href: "https://db-ip.com", rel: "noopener noreferrer" }, "IP Geolocation by DB-IP")),
  ];
}

function logout() {
  session.clear();
  me = null;
  location.hash = "#/cases";
  showLogin();
}

function showLogin(message) {
  replace(root, loginPage({ message, onLogin: (who) => { me = who; render(); } }));
}

async function render() {
  const mine = ++generation;
  if (!session.token()) return showLogin();
  if (me === null) {
    try {
      me = await api.me();
    } catch (e) {
      if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
        session.clear();
        return showLogin("Your token was not accepted (" + e.message + "). Paste a valid one.");
      }
      return replace(root, el("main", { id: "main" }, errorBox(e)));
    }
  }
  const match = resolve(location.hash.startsWith("#/") ? location.hash : "#/cases");
  const main = el("div", { class: "loading", role: "status" }, "Loading…");
  replace(root, ...frame(main));
  let page;
  try {
    page = match ? await match.render(match.params, { can, me, refresh: render }) : el("p", {}, "There is no such page.");
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      session.clear();
      me = null;
      return showLogin("Your session ended: " + e.message);
    }
    page = el("section", {}, el("h1", {}, "Something went wrong"), errorBox(e));
  }
  if (mine !== generation) return; // the analyst has moved on; drop the stale page
  main.replaceWith(page);
  const heading = page.querySelector && page.querySelector("h1");
  if (heading) {
    heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: true });
  }
  document.title = (heading ? heading.textContent + " · " : "") + "Unmask console";
}

// Only "#/..." hashes are routes; "#main" (the skip link) just moves focus.
window.addEventListener("hashchange", () => {
  if (location.hash === "" || location.hash.startsWith("#/")) render();
});
render();
