// The console's one door to the server: every call carries the bearer token and every failure
// becomes an ApiError with a sentence a person can read (the server's own message when it sent
// one, in its {"error":{status,code,message}} shape).

const TOKEN_KEY = "unmask.token";

// sessionStorage, not localStorage: the token dies with the tab, and is never written to a cookie
// (so no CSRF surface) nor to the URL (so never in history, logs or Referer headers).
export const session = {
  token: () => sessionStorage.getItem(TOKEN_KEY),
  save: (token) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function request(method, path, body, token = session.token()) {
  const headers = { Accept: "application/json" };
  if (token) headers.Authorization = "Bearer " + token;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch("/api/v1" + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "omit",
      cache: "no-store",
    });
  } catch (e) {
    throw new ApiError(0, "unreachable", "The Unmask server cannot be reached. Is it running?");
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = null;
  }
  if (!response.ok) {
    const error = json && json.error;
    const message = error && typeof error.message === "string" ? error.message : "The server answered " + response.status + ".";
    throw new ApiError(response.status, (error && error.code) || "http_" + response.status, message);
  }
  if (json === null) throw new ApiError(response.status, "bad_response", "The server's answer was not JSON.");
  return json;
}

const q = (params) => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") search.set(k, v);
  const s = search.toString();
  return s ? "?" + s : "";
};
const id = (value) => encodeURIComponent(value);

export const api = {
  me: (token) => request("GET", "/me", undefined, token),
  cases: (status, limit = 500) => request("GET", "/cases" + q({ status, limit })),
  caseById: (caseId) => request("GET", "/cases/" + id(caseId)),
  assign: (caseId, assignee) => request("POST", "/cases/" + id(caseId) + "/assign", { assignee }),
  note: (caseId, text) => request("POST", "/cases/" + id(caseId) + "/notes", { text }),
  escalate: (caseId) => request("POST", "/cases/" + id(caseId) + "/escalate", {}),
  close: (caseId, resolution, note, suppress) =>
    request("POST", "/cases/" + id(caseId) + "/close", suppress ? { resolution, note, suppress } : { resolution, note }),
  reveal: (caseId, reason) => request("POST", "/cases/" + id(caseId) + "/reveal", { reason }),
  persons: (limit = 500) => request("GET", "/persons" + q({ limit })),
  person: (personId) => request("GET", "/persons/" + id(personId)),
  farms: () => request("GET", "/farms"),
  farm: (farmId) => request("GET", "/farms/" + id(farmId)),
  applicants: () => request("GET", "/applicants"),
  audit: (limit = 200) => request("GET", "/audit" + q({ limit })),
};
