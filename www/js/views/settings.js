// Connection settings: where requests go and which credentials (if any) the page sends.
// Kept in sessionStorage for this tab only; never in the URL.
import { h, replace } from "../dom.js";
import { testConnection, checkSettings } from "../api.js";
import { loadSettings, saveSettings, forgetSettings, PROXY_BASE_URL, EMULATOR_BASE_URL } from "../settings.js";
import { pageHeading, section } from "../components/page.js";
import { field, whileSubmitting, showFieldProblems, clearFieldProblems } from "../components/fields.js";
import { errorPanel } from "../components/status.js";
import { notify } from "../components/notice.js";

const AUTH_KINDS = [
  ["none", "None: the proxy adds them on the server"],
  ["token", "API token"],
  ["key", "Email + API key"],
];

export function settingsView({ root, signal }) {
  const settings = loadSettings();
  const outcome = h("div", { class: "region", "data-testid": "settings-outcome" });
  const serverInfo = h("p", { class: "muted", "data-testid": "proxy-info" }, "Looking for the demo server's proxy…");

  const tokenFields = h("div", { class: "auth-fields", dataset: { auth: "token" } },
    field({ label: "API token", name: "apiToken", type: "password", value: settings.apiToken, autocomplete: "off" }));
  const keyFields = h("div", { class: "auth-fields", dataset: { auth: "key" } },
    field({ label: "Email", name: "apiEmail", type: "email", value: settings.apiEmail, autocomplete: "off" }),
    field({ label: "API key", name: "apiKey", type: "password", value: settings.apiKey, autocomplete: "off" }));
  const showAuthFields = (kind) => {
    tokenFields.hidden = kind !== "token";
    keyFields.hidden = kind !== "key";
  };

  const baseUrlField = field({ label: "Base URL", name: "baseUrl", value: settings.baseUrl, required: true,
    hint: `A same-origin path such as ${PROXY_BASE_URL} (the demo server's proxy), or a full URL such as the emulator's.` });
  const setBaseUrl = (value) => { form.elements.namedItem("baseUrl").value = value; };

  const read = () => {
    const data = new FormData(form);
    return Object.fromEntries(["baseUrl", "auth", "apiToken", "apiEmail", "apiKey"].map((key) => [key, String(data.get(key) ?? "")]));
  };

  const form = h("form", { class: "form", method: "post", autocomplete: "off", "data-testid": "settings-form", onsubmit: (event) => {
    event.preventDefault();
    outcome.replaceChildren();
    clearFieldProblems(form);
    const draft = read();
    if (showFieldProblems(form, missingCredentials(draft))) return;
    try {
      checkSettings(draft);
    } catch (error) {
      replace(outcome, errorPanel(error, { titlePrefix: "Not saved" }));
      return;
    }
    saveSettings(draft);
    replace(outcome, h("p", { class: "ok", role: "status" }, "Saved for this tab."));
    notify("Connection settings saved for this tab.");
  } },
  h("fieldset", { class: "form-body" },
    h("legend", {}, "Where requests go"),
    baseUrlField,
    h("p", { class: "actions" },
      h("button", { type: "button", class: "button button-quiet", onclick: () => setBaseUrl(PROXY_BASE_URL) }, `Use the proxy (${PROXY_BASE_URL})`),
      h("button", { type: "button", class: "button button-quiet", onclick: () => setBaseUrl(EMULATOR_BASE_URL) }, "Use the emulator directly"),
    ),
  ),
  h("fieldset", { class: "form-body" },
    h("legend", {}, "Credentials sent by this page"),
    h("div", { class: "radios" }, AUTH_KINDS.map(([value, label]) => h("label", { class: "check" },
      h("input", { type: "radio", name: "auth", value, checked: settings.auth === value, onchange: () => showAuthFields(value) }), label))),
    tokenFields,
    keyFields,
  ),
  outcome,
  h("p", { class: "actions" },
    h("button", { type: "submit", class: "button button-primary" }, "Save for this tab"),
    h("button", { type: "button", class: "button", onclick: async (event) => {
      const button = event.currentTarget;
      const draft = read(); // before whileSubmitting disables the fields (FormData skips those)
      await whileSubmitting(form, "Testing…", async () => {
        try {
          const total = await testConnection({ ...draft, baseUrl: draft.baseUrl.trim() || PROXY_BASE_URL }, signal);
          replace(outcome, h("p", { class: "ok", role: "status" }, `Connected: the API reports ${total} organization${total === 1 ? "" : "s"}.`));
        } catch (error) {
          replace(outcome, errorPanel(error, { titlePrefix: "Connection test failed" }));
        }
      }, button);
      button.focus();
    } }, "Test connection"),
    h("button", { type: "button", class: "button button-quiet", onclick: () => {
      forgetSettings();
      notify("Settings and credentials forgotten.");
      settingsView({ root, signal });
    } }, "Forget"),
  ));
  showAuthFields(settings.auth);

  replace(root,
    pageHeading("Connection"),
    section("How this page reaches the API", { testid: "proxy-explainer" },
      h("p", {}, "Cloudflare's API sends no CORS headers, so a web page cannot call api.cloudflare.com directly. " +
        "This dashboard therefore talks to the demo server's proxy at ", h("code", {}, PROXY_BASE_URL),
        ": the server forwards each request to its configured upstream and adds the API token there, so the token never reaches this page."),
      h("p", {}, "The local emulator does answer CORS, so the page can also call it directly with the emulator's development credentials."),
      serverInfo,
    ),
    section("Settings for this tab", {},
      h("p", { class: "hint" }, "Kept in this tab's session storage only: gone when the tab closes, never put in a URL."),
      form),
  );
  describeProxy(serverInfo, signal);
}

/** { field: message } for the credentials the chosen kind needs but lacks. */
function missingCredentials(draft) {
  const problems = {};
  if (!draft.baseUrl.trim()) problems.baseUrl = "Enter a base URL, such as /client/v4.";
  if (draft.auth === "token" && !draft.apiToken) problems.apiToken = "Enter the API token, or choose None.";
  if (draft.auth === "key" && !draft.apiEmail.trim()) problems.apiEmail = "Enter the account's email.";
  if (draft.auth === "key" && !draft.apiKey) problems.apiKey = "Enter the API key.";
  return problems;
}

/** Asks the demo server what its proxy forwards to (it never tells the credentials). */
async function describeProxy(target, signal) {
  try {
    const response = await fetch("/__demo/config", { signal, headers: { accept: "application/json" } });
    if (!response.ok) throw new Error(String(response.status));
    const config = await response.json();
    replace(target, `This server forwards ${config.proxyPath} to ${config.upstream} (${config.upstreamKind}); credentials: ${config.credentials}.`);
  } catch (error) {
    if (signal.aborted) return;
    replace(target, "No demo-server proxy answers at this origin: use a full base URL (the emulator) instead.");
  }
}
