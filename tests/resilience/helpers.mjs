// Shared by the resilience suites (issue 5): the built package (pkg/node.js, the entry Node
// users get), the emulator that scripts/with-emulator.sh started, its request log filtered by a
// per-case marker header, and small timing helpers. The emulator part reuses tests/package's
// helpers (the same environment variables, the same skip message).
import assert from "node:assert/strict";
import { createServer } from "node:http";
import path from "node:path";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { emulator, emulatorAdmin, NO_EMULATOR, ROOT } from "../package/helpers.mjs";

export { emulator, NO_EMULATOR, ROOT };
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
 * tests/package/worker.test.mjs. Resolves to { call(body), dispose() }; `call` posts one
 * operation and resolves to the Worker's JSON answer.
 */
export async function startWorker() {
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
    bindings: { BASE_URL: emulator.url, TOKEN: SECRETS.apiToken },
  });
  await mf.ready;
  return {
    call: async (body) => (await mf.dispatchFetch("http://worker.test/", { method: "POST", body: JSON.stringify(body) })).json(),
    dispose: () => mf.dispose(),
  };
}
