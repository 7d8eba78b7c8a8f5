// Shared by the resilience suites (issue 5): the built package (pkg/node.js, the entry Node
// users get), the emulator that scripts/with-emulator.sh started, its request log filtered by a
// per-case marker header, and small timing helpers. The emulator part reuses tests/package's
// helpers (the same environment variables, the same skip message).
import assert from "node:assert/strict";
import { createServer, request as httpRequest } from "node:http";
import path from "node:path";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { emulator, emulatorAdmin, NO_EMULATOR, organizationWithAccounts, ROOT, skipWithoutEmulator } from "../package/helpers.mjs";

export { emulator, NO_EMULATOR, organizationWithAccounts, ROOT };
/** The `skip` option of these suites: they need the emulator (and fail without it under make test). */
export const withoutEmulator = () => skipWithoutEmulator(emulator, NO_EMULATOR);
export * as pkg from "../../pkg/node.js";

/**
 * The credentials of these suites. mk/resilience.mk starts the emulator with them
 * (EMULATOR_TOKEN, EMULATOR_EMAIL, EMULATOR_KEY, EMULATOR_SERVICE_KEY), so every request of
 * every suite carries them and every leak check has something distinctive to look for.
 */
export const SECRETS = {
  apiToken: process.env.EMULATOR_TOKEN ?? "dev-token",
  apiEmail: process.env.EMULATOR_EMAIL ?? "dev@example.com",
  apiKey: process.env.EMULATOR_KEY ?? "dev-api-key",
  userServiceKey: process.env.EMULATOR_SERVICE_KEY ?? "dev-service-key",
};
/** The secret values a leak check looks for (the email is not secret, and so not checked). */
export const SECRET_VALUES = [SECRETS.apiToken, SECRETS.apiKey, SECRETS.userServiceKey];

/** The header that marks one test case's requests in the emulator's log. */
export const CASE_HEADER = "x-resilience-case";
let caseCounter = 0;
/** A marker unique to this process and case. */
export const newCase = (label) => `${label}-${process.pid}-${++caseCounter}`.replace(/[^A-Za-z0-9._-]/g, "_");

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Calls an admin route of the emulator; resolves to its JSON. */
export const admin = emulatorAdmin;

let logSince = 0;
/**
 * Skips what earlier suites left in the emulator's request log (it keeps the last 10,000
 * requests, and reading all of them for every case is slow after a load run).
 */
export async function skipEarlierRequests() {
  const { requests } = await admin("/requests");
  logSince = requests.at(-1)?.seq ?? 0;
}

/** The log entries of one case. */
export async function requestsOf(marker) {
  const { requests } = await admin(`/requests?since=${logSince}`);
  return requests.filter((r) => r.headers[CASE_HEADER] === marker);
}

/** How often a wait on the log (or on what a server received) looks again. */
const POLL_MS = 25;

/**
 * Polls `read()` until `done(value)` holds, and resolves to that value: the wait for an event
 * (a request reaching a server, a delayed one reaching the log). Fails, showing the last
 * value, when `withinMs` pass first.
 */
export async function until(read, done, withinMs, what = "the awaited event") {
  const deadline = performance.now() + withinMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    assert.ok(performance.now() < deadline, `${what}: not within ${withinMs} ms: ${JSON.stringify(value)?.slice(0, 500)}`);
    await sleep(POLL_MS);
  }
}

/**
 * Reads `read()` for `forMs`, failing as soon as `ok(value)` is false: "nothing more arrives"
 * over a window a test has shown (first) to be long enough for it to arrive. Resolves to the
 * last value.
 */
export async function holds(read, ok, forMs, what = "the condition") {
  const deadline = performance.now() + forMs;
  for (;;) {
    const value = await read();
    assert.ok(ok(value), `${what}: broken: ${JSON.stringify(value)?.slice(0, 500)}`);
    if (performance.now() >= deadline) return value;
    await sleep(POLL_MS);
  }
}

/** The log entries of one case once `count` of them have arrived (exactly `count`). */
export async function requestsArrive(marker, count, withinMs = 10_000) {
  const entries = await until(() => requestsOf(marker), (e) => e.length >= count, withinMs, `${count} requests of ${marker} in the log`);
  assert.equal(entries.length, count, `requests of ${marker}: ${JSON.stringify(entries.map((r) => [r.method, r.status]))}`);
  return entries;
}

/**
 * A proxy in front of the emulator (a free loopback port; `url` is its base URL) that lets no
 * request go: when a client gives up on one (a timeout, an abort), it still runs to its end
 * at the emulator, which logs it then (the emulator alone logs a request whose client went away
 * during an injected delay only when that delay ends, which may be after the test has read the
 * log). Through it the log holds every attempt, exactly.
 * `arrived(marker)` resolves when a request of that case has reached the proxy, so it is in
 * flight: no earlier; `received(marker)` counts that case's requests so far.
 */
export async function steadfastProxy() {
  const target = new URL(emulator.url);
  const arrivals = new Map();
  const arrival = (marker) => {
    if (!arrivals.has(marker)) {
      let resolve;
      const promise = new Promise((r) => { resolve = r; });
      arrivals.set(marker, { promise, resolve, count: 0 });
    }
    return arrivals.get(marker);
  };
  const server = createServer((req, res) => {
    const entry = arrival(req.headers[CASE_HEADER]);
    entry.count += 1;
    entry.resolve();
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
      (answer) => {
        // A body cut short or a closed connection reaches the client as the same failure.
        answer.on("error", () => res.destroy());
        answer.on("aborted", () => res.destroy());
        if (res.destroyed) return answer.resume();
        res.writeHead(answer.statusCode, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}${target.pathname}`,
    arrived: (marker) => arrival(marker).promise,
    received: (marker) => arrivals.get(marker)?.count ?? 0,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

/** Calls the emulator's API directly, not through the package (test setup and checks). */
export async function api(method, route, body) {
  const response = await fetch(`${emulator.url}${route}`, {
    method,
    headers: {
      authorization: `Bearer ${SECRETS.apiToken}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  assert.ok(json.success, `emulator ${method} ${route}: ${response.status} ${JSON.stringify(json)}`);
  return json.result;
}

export const PROFILE = {
  business_name: "Resilience Ltd",
  business_email: "ops@example.com",
  business_phone: "+1 555 0100",
  business_address: "1 Fault Lane",
  external_metadata: "{}",
};

/** A fresh organization (through the API directly), optionally with a profile. */
export const freshOrganization = (name, { profile = false } = {}) =>
  api("POST", "/organizations", profile ? { name, profile: PROFILE } : { name });

/** Awaits `promise`; resolves to { value } or { error }, and the milliseconds it took. */
export async function settle(promise, started = performance.now()) {
  try {
    const value = await promise;
    return { value, ms: performance.now() - started };
  } catch (error) {
    return { error, ms: performance.now() - started };
  }
}

/** Collects an AsyncIterable into an array (for iterate and iterateAccounts). */
export async function collect(iterable) {
  const items = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** A plain HTTP server on a free loopback port that records what reaches it. */
export async function recordingServer(answer = (req, res) => res.writeHead(200, { "content-type": "text/plain" }).end("ok")) {
  const received = [];
  const server = createServer((req, res) => {
    received.push({ method: req.method, url: req.url, headers: req.headers });
    answer(req, res);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    received,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

/**
 * The class chain of an error, from CloudflareError down: each class's own prototype `name`
 * (js/errors.js defines it per class, so minified class names do not matter).
 */
export function chainOf(error) {
  const chain = [];
  for (let proto = Object.getPrototypeOf(error); proto && proto !== Error.prototype; proto = Object.getPrototypeOf(proto)) {
    chain.unshift(Object.hasOwn(proto, "name") ? proto.name : proto.constructor.name);
  }
  return chain;
}

/**
 * fixtures/worker.js bundled the way Worker projects bundle (esbuild, the workerd condition, the
 * .wasm as its own module) and run in workerd by Miniflare, with the setup of
 * tests/package/worker.test.mjs. Its client talks to `baseUrl` (the emulator unless told).
 * Resolves to { call(body), dispose() }; `call` posts one operation and resolves to the
 * Worker's JSON answer.
 */
export async function startWorker({ baseUrl = emulator.url } = {}) {
  const outdir = path.join(ROOT, "target", "resilience", "worker");
  await build({
    entryPoints: [path.join(ROOT, "tests/resilience/fixtures/worker.js")],
    outdir, bundle: true, format: "esm", platform: "neutral",
    conditions: ["workerd", "worker", "browser"], loader: { ".wasm": "copy" }, logLevel: "error",
  });
  const mf = new Miniflare({
    modules: true,
    scriptPath: path.join(outdir, "worker.js"),
    modulesRoot: outdir,
    modulesRules: [
      { type: "ESModule", include: ["**/*.js", "**/*.mjs"] },
      { type: "CompiledWasm", include: ["**/*.wasm"] },
    ],
    compatibilityDate: "2025-09-01",
    bindings: { BASE_URL: baseUrl, TOKEN: SECRETS.apiToken },
  });
  await mf.ready;
  return {
    call: async (body) => (await mf.dispatchFetch("http://worker.test/", { method: "POST", body: JSON.stringify(body) })).json(),
    dispose: () => mf.dispose(),
  };
}
