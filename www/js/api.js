// The one place the dashboard meets the package: it builds the client from the tab's settings
// and rebuilds it when they change. Views ask for `organizations()` and never see credentials.
import { Cloudflare } from "cloudflare-organizations";
import { loadSettings, onSettingsChange } from "./settings.js";

let cached = null;
onSettingsChange(() => { cached = null; });

/** Client options for the given settings: only the chosen kind of credentials is passed. */
export function clientOptions(settings) {
  const options = { baseUrl: settings.baseUrl, maxRetries: 1, timeoutMs: 20000 };
  if (settings.auth === "token") options.apiToken = settings.apiToken;
  if (settings.auth === "key") Object.assign(options, { apiEmail: settings.apiEmail, apiKey: settings.apiKey });
  return options;
}

/**
 * The `cf.organizations` resource for the current settings. `new Cloudflare` throws a
 * `ValidationError` for bad settings (a malformed base URL, a token with a newline); views show
 * it like any other error, with a way to the settings.
 */
export function organizations() {
  if (!cached) cached = new Cloudflare(clientOptions(loadSettings()));
  return cached.organizations;
}

/** Throws the package's ValidationError when these settings cannot make a client. */
export function checkSettings(settings) {
  void new Cloudflare(clientOptions(settings));
}

/** Checks settings without saving them: resolves to the number of organizations the API reports. */
export async function testConnection(settings, signal) {
  const cf = new Cloudflare(clientOptions(settings));
  const page = await cf.organizations.list({ page_size: 1 }, { signal });
  return page.result_info?.total_size ?? page.result.length;
}

/** Params without their undefined values: the API gets only what is set. */
export function compact(params) {
  return Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined));
}
