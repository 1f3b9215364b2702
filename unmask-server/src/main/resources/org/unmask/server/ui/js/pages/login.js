// Log in with an API token. The token is checked with GET /api/v1/me before it is kept.
import { el } from "../dom.js";
import { api, session } from "../api.js";
import { actionForm, field } from "../ui.js";

export function loginPage({ message, onLogin }) {
  const token = el("input", { type: "password", id: "token", name: "token", autocomplete: "off", required: true, spellcheck: "false" });
  const form = actionForm({ class: "login-form", id: "login-form" }, [
    field("API token", token, "Ask an Unmask admin for a token (unmask serve tokens create). It stays in this tab only."),
    el("button", { type: "submit", id: "login" }, "Log in"),
  ], async (_, status) => {
    const value = token.value.trim();
    if (!value) throw new Error("Paste a token first.");
    const who = await api.me(value);
    session.save(value);
    status.replaceChildren();
    onLogin(who);
  });
  return el("main", { id: "main", class: "login" },
    el("h1", {}, "Unmask console"),
    el("p", { class: "lede" }, "Cases, people, farms and applicants flagged by Unmask. Everyone is shown by pseudonym."),
    message ? el("div", { class: "error", role: "alert" }, message) : null,
    form);
}
