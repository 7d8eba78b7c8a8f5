// The same-origin proxy the dashboard uses: `/client/v4/*` is forwarded to one configured
// upstream, with the server's credentials added. The real API sends no CORS headers, and this
// way the token never reaches the browser.
//
// What it guards against:
// - a page script that goes wrong using the token's other permissions: only the Organizations
//   API (`/organizations` and below) is forwarded, the rest of the API is refused;
// - credentials from the browser: only a short list of request headers is forwarded;
// - other origins using it (it adds credentials!): cross-site and non-loopback-Host requests
//   are refused, and bodies must be JSON, so a plain HTML form on another site cannot post;
// - escaping the upstream: dot segments are refused and the final URL is checked;
// - redirects: never followed (a 3xx becomes a 502), so credentials go nowhere else.

const FORWARDED_REQUEST_HEADERS = ["accept", "content-type", "user-agent"];
const FORWARDED_RESPONSE_HEADERS = ["content-type", "cf-ray", "retry-after", "retry-after-ms", "ratelimit", "ratelimit-policy"];
const METHODS = new Set(["GET", "POST", "PUT", "DELETE", "PATCH"]);
const MAX_BODY_BYTES = 1 << 20;
/** The one part of the API the proxy forwards: this path and everything below it. */
export const FORWARDED_API_ROOT = "/organizations";
const UPSTREAM_TIMEOUT_MS = 65_000;

/** Authorization headers for client-option style credentials. */
export function credentialHeaders(credentials = {}) {
  if (credentials.apiToken) return { authorization: `Bearer ${credentials.apiToken}` };
  if (credentials.apiEmail && credentials.apiKey) return { "x-auth-email": credentials.apiEmail, "x-auth-key": credentials.apiKey };
  return {};
}

/**
 * A request handler for `prefix` (e.g. "/client/v4"): (req, res) => Promise<void>.
 * `allowedHosts` are the Host header values accepted (DNS-rebinding guard).
 */
export function createProxy({ prefix, upstream, credentials, allowedHosts, log = () => {} }) {
  const upstreamUrl = checkUpstream(upstream, credentials);
  const basePath = upstreamUrl.pathname.replace(/\/+$/, "");
  const added = credentialHeaders(credentials);

  return async function proxy(req, res) {
    const started = Date.now();
    const refuse = (status, message) => {
      sendEnvelopeError(res, status, message);
      log(`[proxy] ${req.method} ${req.url} → ${status} (${message})`);
    };
    if (!METHODS.has(req.method)) return refuse(405, `Method ${req.method} is not forwarded`);
    const crossSite = checkSameOrigin(req, allowedHosts);
    if (crossSite) return refuse(403, crossSite);

    const target = targetUrl(req.url.slice(prefix.length), upstreamUrl, basePath);
    if (!target) return refuse(400, "The path is not one the proxy forwards");
    if (!isOrganizationsPath(req.url.slice(prefix.length))) {
      return refuse(403, `Only the Organizations API (${prefix}${FORWARDED_API_ROOT} and below) is forwarded`);
    }

    let body;
    if (req.method !== "GET" && req.method !== "DELETE") {
      const type = String(req.headers["content-type"] ?? "");
      body = await readBody(req).catch(() => null);
      if (body === null) return refuse(413, `Request bodies are limited to ${MAX_BODY_BYTES} bytes`);
      if (body.length > 0 && !/^application\/json\b/i.test(type)) return refuse(415, "Request bodies must be application/json");
    }

    const headers = { ...pick(req.headers, FORWARDED_REQUEST_HEADERS), ...added };
    let upstreamResponse;
    try {
      upstreamResponse = await fetch(target, {
        method: req.method, headers, body, redirect: "manual", signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS),
      });
    } catch (error) {
      const timedOut = error?.name === "TimeoutError";
      return refuse(timedOut ? 504 : 502, timedOut ? "The upstream did not answer in time" : `The upstream could not be reached (${error?.cause?.code ?? error?.message})`);
    }
    if (upstreamResponse.status >= 300 && upstreamResponse.status < 400) {
      await upstreamResponse.body?.cancel();
      return refuse(502, `The upstream answered a redirect (${upstreamResponse.status}), which the proxy does not follow`);
    }

    const responseHeaders = { "cache-control": "no-store" };
    for (const name of FORWARDED_RESPONSE_HEADERS) {
      const value = upstreamResponse.headers.get(name);
      if (value !== null) responseHeaders[name] = value;
    }
    res.writeHead(upstreamResponse.status, responseHeaders);
    try {
      // Streamed as it comes: a body the upstream cuts short stays cut short for the client.
      for await (const chunk of upstreamResponse.body ?? []) res.write(chunk);
      res.end();
      log(`[proxy] ${req.method} ${req.url} → ${upstreamResponse.status} ${Date.now() - started} ms`);
    } catch {
      res.destroy();
      log(`[proxy] ${req.method} ${req.url} → ${upstreamResponse.status}, body cut short upstream`);
    }
  };
}

const LOOPBACK = /^(127(\.\d{1,3}){3}|localhost|\[::1\])$/;

/**
 * The upstream as a URL, refusing what the package itself refuses: anything but http(s), and
 * credentials over plain http to a host that is not loopback.
 */
export function checkUpstream(upstream, credentials) {
  const url = new URL(upstream);
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error(`the upstream must be an http(s) URL, not ${url.protocol}`);
  if (url.protocol === "http:" && !LOOPBACK.test(url.hostname) && Object.keys(credentialHeaders(credentials)).length) {
    throw new Error(`refusing to send credentials over plain http to ${url.host}: use https`);
  }
  return url;
}

/** The upstream URL for the part of the path after the prefix, or null when it must not be sent. */
export function targetUrl(rest, upstreamUrl, basePath) {
  if (rest !== "" && !rest.startsWith("/") && !rest.startsWith("?")) return null;
  const [path, query = ""] = rest.split(/\?(.*)/s);
  for (const segment of path.split("/")) {
    let decoded;
    try { decoded = decodeURIComponent(segment); } catch { return null; }
    if (decoded === "." || decoded === ".." || decoded.includes("/") || decoded.includes("\\")) return null;
  }
  const target = new URL(`${upstreamUrl.origin}${basePath}${path}${query ? `?${query}` : ""}`);
  const inside = target.pathname === basePath || target.pathname.startsWith(`${basePath}/`);
  return target.origin === upstreamUrl.origin && inside ? target : null;
}

/** True when the path after the prefix is the Organizations API's root or below it (query aside). */
export function isOrganizationsPath(rest) {
  const [path] = rest.split("?");
  return path === FORWARDED_API_ROOT || path.startsWith(`${FORWARDED_API_ROOT}/`);
}

/** A reason to refuse a request that did not come from this server's own pages, else null. */
function checkSameOrigin(req, allowedHosts) {
  const host = String(req.headers.host ?? "").toLowerCase();
  if (allowedHosts && !allowedHosts.has(host)) return `Host ${host || "(none)"} is not served by this proxy`;
  const site = req.headers["sec-fetch-site"];
  if (site && site !== "same-origin" && site !== "none") return "Cross-site requests are not forwarded";
  const origin = req.headers.origin;
  if (origin && origin !== `http://${host}`) return "Requests from other origins are not forwarded";
  return null;
}

function pick(headers, names) {
  const out = {};
  for (const name of names) if (typeof headers[name] === "string") out[name] = headers[name];
  return out;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) { reject(new Error("too large")); req.destroy(); return; }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** The proxy's own errors in Cloudflare's envelope, so the client reports them like the API's. */
function sendEnvelopeError(res, status, message) {
  const body = JSON.stringify({ success: false, errors: [{ code: status, message: `Demo proxy: ${message}` }], messages: [], result: null });
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(body);
}
