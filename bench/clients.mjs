// The three clients the benchmark compares, each doing the same four operations and resolving to
// the same thing a caller wants (the organization, the page's 1000 organizations, the page's 1000
// audit log entries, the new organization):
//   raw   global fetch + JSON.parse, checking `success`: the floor, no client at all
//   pkg   this package (pkg/node.js, what Node's `node` condition resolves to)
//   sdk   the official `cloudflare` npm SDK (7.x), pointed at the same server with `baseURL`
// Default options everywhere (retries on, default timeouts), as a user would have them.
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PKG } from "./lib.mjs";

export const CLIENTS = ["raw", "pkg", "sdk"];
export const OPERATIONS = ["get", "list", "audit", "create"];
export const PAGE_SIZE = 1000;
/** The operations that answer a page of PAGE_SIZE items (fewer calls per batch). */
export const PAGED = new Set(["list", "audit"]);

/**
 * The audit log window every client asks for: the day before to the day after the process
 * started, as RFC 3339 times (the form all three send unchanged), so it holds what bench/seed.mjs
 * recorded a moment earlier.
 */
const DAY_MS = 86_400_000;
const started = Date.now();
export const AUDIT_WINDOW = {
  since: new Date(started - DAY_MS).toISOString().replace(/\.\d+Z$/, "Z"),
  before: new Date(started + DAY_MS).toISOString().replace(/\.\d+Z$/, "Z"),
};

/** A realistic create body (~300 bytes, with a profile), the one the emulator bench seeds with. */
export const createBody = (n = 0) => ({
  name: `Bench organization ${n}`,
  profile: {
    business_name: `Bench ${n} Ltd`,
    business_email: `billing${n}@bench.example`,
    business_phone: "+1 555 0100",
    business_address: `${n} Loopback Road, Localhost`,
    external_metadata: JSON.stringify({ n }),
  },
});

// The SDK reads these from the environment; a stray one would change what it sends.
for (const name of ["CLOUDFLARE_API_TOKEN", "CLOUDFLARE_API_KEY", "CLOUDFLARE_EMAIL", "CLOUDFLARE_API_USER_SERVICE_KEY", "CLOUDFLARE_BASE_URL", "CLOUDFLARE_LOG"]) {
  delete process.env[name];
}

export const importPackage = () => import(pathToFileURL(path.join(PKG, "node.js")).href);
export const importSdk = () => import("cloudflare");

let created = 0;
/** The package's four operations on client `cf`, as makeClients's `pkg` does them. */
export function packageCalls(cf, id) {
  const orgs = cf.organizations;
  const auditParams = { ...AUDIT_WINDOW, limit: PAGE_SIZE };
  return {
    get: () => orgs.get(id),
    list: async () => (await orgs.list({ page_size: PAGE_SIZE })).result,
    audit: async () => (await orgs.logs.audit.list(id, auditParams)).result,
    create: () => orgs.create(createBody(created++)),
  };
}

/**
 * Raw fetch's four operations: `fetchFn(url, init)` and `JSON.parse` of the text, checking
 * `success`. `fetchFn` defaults to the global fetch, looked up at each call.
 * `deadline`: each request also carries what API.md has the package send besides, a controller's
 * signal with a timer that covers the body too (`timeoutMs`, the caller's abort) and
 * `redirect: "manual"` (credentials go only to the base URL): the floor for any client that keeps
 * those promises.
 * `asRequest` (with `deadline`): each request is handed over as one `Request`, as API.md has the
 * package do for a caller's `fetch` option: the floor of that path.
 */
export function rawCalls({ baseUrl, token, id, fetch: fetchFn, deadline = false, asRequest = false }) {
  const doFetch = fetchFn ?? ((...args) => globalThis.fetch(...args));
  const auth = { authorization: `Bearer ${token}` };
  const postHeaders = { ...auth, "content-type": "application/json" };
  const listUrl = `${baseUrl}/organizations?page_size=${PAGE_SIZE}`;
  const oneUrl = `${baseUrl}/organizations/${encodeURIComponent(id)}`;
  const createUrl = `${baseUrl}/organizations`;
  const auditQuery = new URLSearchParams({ ...AUDIT_WINDOW, limit: String(PAGE_SIZE) });
  const auditUrl = `${oneUrl}/logs/audit?${auditQuery}`;
  const unwrap = async (response) => {
    const envelope = JSON.parse(await response.text());
    if (!envelope.success) throw new Error(`raw: ${response.status}`);
    return envelope.result;
  };
  const send = async (url, init) => {
    if (!deadline) return unwrap(await doFetch(url, init));
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 60_000);
    try {
      const full = { ...init, signal: controller.signal, redirect: "manual" };
      return await unwrap(await (asRequest ? doFetch(new Request(url, full)) : doFetch(url, full)));
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    get: () => send(oneUrl, { headers: auth }),
    list: () => send(listUrl, { headers: auth }),
    audit: () => send(auditUrl, { headers: auth }),
    create: () => send(createUrl, { method: "POST", headers: postHeaders, body: JSON.stringify(createBody(created++)) }),
  };
}

/**
 * { raw, pkg, sdk }, each { get(), list(), audit(), create() } returning promises.
 * `fetch` replaces the global fetch in all three (an in-process double), when given.
 */
export async function makeClients({ baseUrl, token, id, fetch: fetchFn }) {
  const { Cloudflare: Package } = await importPackage();
  const { default: Sdk } = await importSdk();
  const raw = rawCalls({ baseUrl, token, id, fetch: fetchFn });
  const pkg = packageCalls(new Package({ apiToken: token, baseUrl, ...(fetchFn && { fetch: fetchFn }) }), id);

  const auditParams = { ...AUDIT_WINDOW, limit: PAGE_SIZE };
  const client = new Sdk({ apiToken: token, baseURL: baseUrl, ...(fetchFn && { fetch: fetchFn }) });
  const sdk = {
    get: () => client.organizations.get(id),
    // `list` is a PagePromise; awaited, a SinglePage whose `result` is the page's items.
    list: async () => (await client.organizations.list({ page_size: PAGE_SIZE })).result,
    // A PagePromise too; awaited, its first page (a CursorPaginationAfter) only.
    audit: async () => (await client.organizations.logs.audit.list(id, auditParams)).result,
    create: () => client.organizations.create(createBody(created++)),
  };
  return { raw, pkg, sdk };
}

/** Checks that every client does what it should before anything is timed. */
export async function checkClients(clients, id) {
  for (const [name, c] of Object.entries(clients)) {
    const one = await c.get();
    if (one?.id !== id) throw new Error(`${name}.get: got ${JSON.stringify(one)?.slice(0, 200)}`);
    const page = await c.list();
    if (!Array.isArray(page) || page.length !== PAGE_SIZE || typeof page[PAGE_SIZE - 1].id !== "string") {
      throw new Error(`${name}.list: expected ${PAGE_SIZE} organizations, got ${Array.isArray(page) ? page.length : typeof page}`);
    }
    const entries = await c.audit();
    if (!Array.isArray(entries) || entries.length !== PAGE_SIZE || typeof entries[PAGE_SIZE - 1].action?.type !== "string") {
      throw new Error(`${name}.audit: expected ${PAGE_SIZE} audit log entries, got ${Array.isArray(entries) ? entries.length : typeof entries}`);
    }
    const created = await c.create();
    if (typeof created?.id !== "string" || !created.name.startsWith("Bench organization")) {
      throw new Error(`${name}.create: got ${JSON.stringify(created)?.slice(0, 200)}`);
    }
  }
}

const CANNED_HEADERS = { "content-type": "application/json", "cf-ray": "0123456789abcdef-EMU" };

/**
 * A `Response` whose `text()` and `json()` hand back a string already in memory: a real
 * Response (`instanceof` holds, the headers are real) without the cost of a body stream.
 */
export class Prebuilt extends Response {
  #text;
  constructor(text) {
    super(null, { status: 200, headers: CANNED_HEADERS });
    this.#text = text;
  }
  text() {
    return Promise.resolve(this.#text);
  }
  json() {
    return Promise.resolve(JSON.parse(this.#text));
  }
}

/** Which captured body answers a request: one per operation (bench/out/canned/OP.json). */
export function cannedOperation(method, url) {
  if (method === "POST") return "create";
  const path = url.split("?", 1)[0];
  if (path.endsWith("/logs/audit")) return "audit";
  return url.includes("?") ? "list" : "get";
}

/**
 * The bodies bench/seed.mjs captured (bench/out/canned/) and an in-process `fetch` double over
 * them, routed by {@link cannedOperation}.
 * `kind` "prebuilt" answers with a {@link Prebuilt}, "response" with a real `new Response(text)`.
 * Works with fetch's two calling conventions: a Request, or a URL and an init.
 */
export function canned(dir) {
  const text = Object.fromEntries(OPERATIONS.map((op) => [op, readFileSync(path.join(dir, `${op}.json`), "utf8")]));
  const id = readFileSync(path.join(dir, "id"), "utf8").trim();
  const route = (input, init) => {
    const method = (init?.method ?? input.method ?? "GET").toUpperCase();
    const url = typeof input === "string" ? input : (input.url ?? String(input));
    return text[cannedOperation(method, url)];
  };
  const doubles = {
    prebuilt: async (input, init) => new Prebuilt(route(input, init)),
    response: async (input, init) => new Response(route(input, init), { status: 200, headers: CANNED_HEADERS }),
  };
  return { text, id, doubles };
}
