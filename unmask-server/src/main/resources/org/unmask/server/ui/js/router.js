// Hash routing: #/cases, #/cases/ID, #/persons/ID, #/farms, #/farms/ID, #/applicants, #/audit.
// Route parameters are decoded and handed to the page as plain strings; pages only ever put
// them into text nodes or encode them again for the API.

const routes = [];

export function route(pattern, render) {
  const names = [];
  const regex = new RegExp("^" + pattern.replace(/:(\w+)/g, (_, name) => (names.push(name), "([^/]+)")) + "$");
  routes.push({ regex, names, render });
}

export function resolve(hash) {
  const path = (hash || "").replace(/^#/, "") || "/cases";
  for (const { regex, names, render } of routes) {
    const match = regex.exec(path);
    if (!match) continue;
    const params = {};
    names.forEach((name, i) => {
      try {
        params[name] = decodeURIComponent(match[i + 1]);
      } catch (e) {
        params[name] = match[i + 1];
      }
    });
    return { render, params, path };
  }
  return null;
}

export const link = (...parts) => "#/" + parts.map((p) => encodeURIComponent(String(p))).join("/");
