// Connection settings for this tab only. sessionStorage dies with the tab, and nothing here is
// ever put in a URL, so a token cannot leak through history, bookmarks or Referer headers.

const KEY = "cf-orgs-dashboard.connection";

/** The demo server's same-origin proxy: it adds the credentials on the server. */
export const PROXY_BASE_URL = "/client/v4";
/** The local emulator, reachable directly because it answers CORS. */
export const EMULATOR_BASE_URL = "http://127.0.0.1:8787/client/v4";

const DEFAULTS = Object.freeze({ baseUrl: PROXY_BASE_URL, auth: "none", apiToken: "", apiEmail: "", apiKey: "" });

const listeners = new Set();

/** The saved settings, or the defaults (the proxy, no credentials in the page). */
export function loadSettings() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) ?? "null");
    return { ...DEFAULTS, ...(saved && typeof saved === "object" ? saved : {}) };
  } catch {
    return { ...DEFAULTS };
  }
}

/** Saves settings, keeping only the credentials of the chosen kind. */
export function saveSettings(next) {
  const clean = { ...DEFAULTS, baseUrl: String(next.baseUrl ?? "").trim() || PROXY_BASE_URL, auth: next.auth };
  if (next.auth === "token") clean.apiToken = String(next.apiToken ?? "");
  if (next.auth === "key") {
    clean.apiEmail = String(next.apiEmail ?? "").trim();
    clean.apiKey = String(next.apiKey ?? "");
  }
  sessionStorage.setItem(KEY, JSON.stringify(clean));
  for (const listener of listeners) listener(clean);
  return clean;
}

/** Drops everything saved for this tab. */
export function forgetSettings() {
  sessionStorage.removeItem(KEY);
  const defaults = loadSettings();
  for (const listener of listeners) listener(defaults);
  return defaults;
}

/** Calls `listener(settings)` after each change; returns an unsubscribe function. */
export function onSettingsChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A short, credential-free description such as "proxy /client/v4 · credentials added by the server". */
export function describeConnection(settings) {
  const where = settings.baseUrl.startsWith("/") ? `proxy ${settings.baseUrl}` : settings.baseUrl;
  const who = { none: "credentials added by the server", token: "API token", key: "email + API key" }[settings.auth]
    ?? "no credentials";
  return `${where} · ${who}`;
}
