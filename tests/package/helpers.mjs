// Shared by the package tests: where the packed package and the throwaway projects live, the
// emulator (from scripts/with-emulator.sh's environment), child processes, a static server, and
// the check of what fixtures/scenario.js reports from each runtime.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const PKG = path.join(ROOT, "pkg");
/** Everything the tests make: the tarball, throwaway projects, bundles (under the ignored target/). */
export const OUT = path.join(ROOT, "target", "package-test");
const FIXTURES = fileURLToPath(new URL("fixtures/", import.meta.url));
/** Node 22 and wrangler 4, installed by `make package-tools` (not on every machine). */
const TOOLS = path.join(ROOT, ".tools", "package");
export const NODE22 = path.join(TOOLS, "node_modules", "node", "bin", "node");
export const WRANGLER = path.join(TOOLS, "node_modules", "wrangler", "bin", "wrangler.js");
/** Deno and Bun, the versions package.json pins (their npm packages ship the binaries). */
export const DENO = path.join(ROOT, "node_modules", ".bin", "deno");
export const BUN = path.join(ROOT, "node_modules", ".bin", "bun");

/** Fails (never skips) when a runtime's binary is missing: `make setup` must have installed it. */
export function assertInstalled(binary) {
  assert.ok(existsSync(binary), `${binary} is missing: \`make setup\` (npm install) installs it`);
  return binary;
}

const env = process.env;
/** The emulator started by scripts/with-emulator.sh, or null when run without it. */
export const emulator = env.EMULATOR_URL
  ? {
      url: env.EMULATOR_URL,
      admin: env.EMULATOR_ADMIN,
      token: env.EMULATOR_TOKEN ?? "dev-token",
    }
  : null;
export const NO_EMULATOR = "no emulator: run under scripts/with-emulator.sh (make test-package does)";
export { skipWithoutEmulator } from "../../demo/harness.mjs";

/** Calls an admin route of the emulator (`/reset`, `/faults`, `/requests`) and returns its JSON. */
export async function emulatorAdmin(route, { method = "GET", body } = {}) {
  const response = await fetch(`${emulator.admin}${route}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  assert.ok(response.ok, `emulator admin ${method} ${route}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Calls the emulator's API directly (not through the package), to check what a test observed. */
export async function emulatorApi(route) {
  const response = await fetch(`${emulator.url}${route}`, { headers: { authorization: `Bearer ${emulator.token}` } });
  assert.ok(response.ok, `emulator GET ${route}: ${response.status}`);
  return (await response.json()).result;
}

/** The id of a seeded organization holding at least `min` accounts. */
export async function organizationWithAccounts(min = 2) {
  const orgs = await emulatorApi("/organizations?page_size=1000");
  for (const org of orgs) {
    const accounts = await emulatorApi(`/organizations/${org.id}/accounts?page_size=1000`);
    if (accounts.length >= min) return { id: org.id, name: org.name, accounts: accounts.length };
  }
  throw new Error(`no organization with ${min} accounts: run the emulator with --seed demo`);
}

/** A unique prefix for the names of what one test creates. */
export const uniqueTag = (what) => `${what}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** Queues a fault (the `cf-emulator-fault` grammar) for the next matching request. */
export const queueFault = (fault, match = {}) =>
  emulatorAdmin("/faults", { method: "POST", body: { fault, times: 1, ...match } });

/** Runs a command; resolves to { code, stdout, stderr } (never rejects on a non-zero exit). */
export function run(command, args, { cwd = ROOT, env: extra = {}, timeout = 120_000 } = {}) {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env: { ...env, ...extra }, timeout, maxBuffer: 32 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? (error.code ?? 1) : 0, signal: error?.signal, stdout, stderr });
    });
  });
}

/** Like run(), but fails the test with the output when the command fails. */
export async function runOk(command, args, options) {
  const result = await run(command, args, options);
  assert.equal(result.code, 0, `${command} ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  return result;
}

/** The tarball `npm pack` made of pkg/ (by prepare.mjs). */
export function tarball() {
  const name = existsSync(OUT) && readdirSync(OUT).find((f) => /^cloudflare-organizations-.*\.tgz$/.test(f));
  assert.ok(name, `no packed package in ${OUT}: run \`node tests/package/prepare.mjs\` (make test-package does)`);
  return path.join(OUT, name);
}

/** How a project gets the packed package by default: npm, offline (the tarball needs nothing). */
const npmInstall = (tgz) => ["npm", ["install", "--offline", "--no-audit", "--no-fund", "--loglevel=error", tgz]];

/**
 * A fresh project in OUT/<name> (emptied first) holding `files` ({ relative path: text }) and
 * the packed package installed from its tarball as a user would install it: by `install`, a
 * function of the tarball's path giving [command, args] (npm by default).
 */
export async function freshProject(name, files = {}, { packageJson = {}, install = npmInstall, env: extra } = {}) {
  const dir = path.join(OUT, name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const manifest = { name: `consumer-${name}`, private: true, type: "module", ...packageJson };
  await writeFile(path.join(dir, "package.json"), JSON.stringify(manifest, null, 2));
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
  const [command, args] = install(tarball());
  await runOk(command, args, { cwd: dir, env: extra });
  return dir;
}

/** A fixture file's text (tests/package/fixtures/<name>). */
export const fixture = (name) => readFileSync(path.join(FIXTURES, name), "utf8");

/** The files fixtures/cli.js needs beside a runtime's script, for freshProject. */
export const cliFixtures = () => Object.fromEntries(["cli.js", "console.js", "scenario.js"].map((f) => [f, fixture(f)]));

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".json": "application/json", ".css": "text/css" };

/** Serves `dir` on 127.0.0.1 (a free port) as plain static files; resolves to { url, close }. */
export async function serveStatic(dir) {
  const root = path.resolve(dir);
  const server = createServer((req, res) => {
    const file = path.join(root, decodeURIComponent(new URL(req.url, "http://x").pathname));
    let target = file.startsWith(root) && existsSync(file) ? file : null;
    if (target && statSync(target).isDirectory()) target = existsSync(path.join(target, "index.html")) ? path.join(target, "index.html") : null;
    if (!target) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(target)] ?? "application/octet-stream" });
    createReadStream(target).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

/** What fixtures/scenario.js needs to reach the emulator. */
export const scenarioConfig = () => ({ baseUrl: emulator.url, apiToken: emulator.token });

/** The classes every error must be an instance of, from the base down, per kind of failure. */
const CHAINS = {
  notFound: ["CloudflareError", "ApiError", "NotFoundError"],
  validationCall: ["CloudflareError", "ValidationError"],
  validationConstructor: ["CloudflareError", "ValidationError"],
  conflict: ["CloudflareError", "ApiError", "ConflictError"],
  authentication: ["CloudflareError", "ApiError", "AuthenticationError"],
  serverHtml: ["CloudflareError", "ApiError", "InternalServerError"],
  successFalse: ["CloudflareError", "ApiError"],
  redirect: ["CloudflareError", "InvalidResponseError"],
  connection: ["CloudflareError", "ConnectionError"],
  // A body cut short (Content-Length unmet) fails while fetch reads it: a ConnectionError.
  truncated: ["CloudflareError", "ConnectionError"],
  timeout: ["CloudflareError", "ConnectionError", "ConnectionTimeoutError"],
  abort: ["CloudflareError", "UserAbortError"],
};

/** Asserts the report fixtures/scenario.js produced, in whichever runtime it ran. */
export function assertScenario(report) {
  assert.deepEqual(report.exports, [
    "ApiError", "AuthenticationError", "BadRequestError", "Cloudflare", "CloudflareError",
    "ConflictError", "ConnectionError", "ConnectionTimeoutError", "InternalServerError",
    "InvalidResponseError", "NotFoundError", "PermissionDeniedError", "RateLimitError",
    "UnprocessableEntityError", "UserAbortError", "ValidationError",
  ]);
  const { tag } = report;
  assert.deepEqual(report.classNames, ["Cloudflare", "Organizations"], "constructor names kept through minification");
  assert.deepEqual(report.sameResources, [true, true, true, true, true, true], "each resource is one object per client");
  assert.deepEqual(report.create, { parent: `${tag} parent`, child: `${tag} child`, childParent: true, profile: "Scenario Ltd" });
  assert.deepEqual(report.list, { size: 1, total: 2, next: true });
  assert.deepEqual(report.listAll, [`${tag} child`, `${tag} parent`]);
  assert.deepEqual(report.iterate, [`${tag} child`]);
  assert.equal(report.get, `${tag} child`);
  assert.equal(report.update, `${tag} renamed`);
  assert.deepEqual(report.updateProfile, { returned: "undefined", business_name: "Renamed Ltd" });
  assert.equal(report.pathFor, `organizations/${report.childId}/accounts`);
  assert.ok(report.accounts.total > 1, `an organization with accounts: ${JSON.stringify(report.accounts)}`);
  assert.deepEqual(report.accounts, { total: report.accounts.total, page: 1, all: report.accounts.total, iterated: report.accounts.total });
  assert.deepEqual(report.delete, { child: report.childId, parent: report.parentId, gone: "NotFoundError" });
  assert.ok(report.usage.records > 0, `billable usage of an organization with accounts: ${JSON.stringify(report.usage)}`);
  assert.deepEqual(report.usage, { records: report.usage.records, currencies: ["USD"], costs: true });
  assert.ok(report.shares.total > 1, `an organization with shares: ${JSON.stringify(report.shares)}`);
  assert.deepEqual(report.shares, { total: report.shares.total, page: 1, all: report.shares.total, iterated: report.shares.total });
  const email = (name) => `${name}-${tag}@scenario.example`;
  assert.deepEqual(report.members, {
    created: ["pending", "active", "pending"], got: email("ann"), page: 1, next: true,
    all: [email("ann"), email("bob"), email("cy")], active: [email("bob")], deleted: "undefined", gone: "NotFoundError",
  });
  assert.deepEqual(report.audit, {
    page: 1, cursor: true, iterated: 7, history: ["exact", 1], historyAll: 1,
    descriptions: ["Add member", "Add member", "Add member", "Create organization", "Remove member", "Update organization", "Update organization profile"],
  });
  for (const [kind, chain] of Object.entries(CHAINS)) {
    const error = report.errors[kind];
    assert.ok(error, `no error recorded for ${kind}`);
    assert.deepEqual(error.chain, chain, `${kind}: ${JSON.stringify(error)}`);
    assert.equal(error.name, chain.at(-1), `${kind}: name`);
    assert.equal(error.constructorName, chain.at(-1), `${kind}: constructor.name, kept through minification`);
    assert.equal(error.isError, true, `${kind}: instanceof Error`);
    assert.equal(error.json.name, error.name, `${kind}: JSON.stringify keeps the name`);
  }
  assert.equal(report.errors.notFound.json.status, 404);
  assert.equal(report.errors.conflict.json.status, 409);
  assert.equal(report.errors.validationCall.json.field, "name");
  assert.equal(report.errors.serverHtml.json.status, 502);
  assert.equal(report.errors.timeout.json.timeoutMs, 300);
}

/**
 * Asserts what fixtures/console.js printed: the client as `String(cf)` shows it (base URL, which
 * credentials are set), its resources as paths from it, the error class by its own name, and the
 * error printed with its class and fields; no credential and none of the glue's internals.
 */
export function assertConsole(stdout, { baseUrl }) {
  const client = `Cloudflare { baseUrl: ${baseUrl}, apiToken: ***, apiEmail: ***, apiKey: ***, userServiceKey: *** }`;
  const [shownClient, shownOrganizations, shownMembers, constructorName, ...error] = stdout.split("\n");
  assert.equal(shownClient, client);
  assert.equal(shownOrganizations, `${client}.organizations`);
  assert.equal(shownMembers, `${client}.organizations.members`);
  assert.equal(constructorName, "NotFoundError", "the class keeps its name through minification");
  const printed = error.join("\n");
  assert.match(printed, /^NotFoundError: /m, "the error prints under its class name");
  assert.match(printed, /status: 404/, "and with its fields");
  assert.match(printed, /\bat (new )?NotFoundError\b|\bat createError\b/, `the stack names its functions:\n${printed}`);
  assert.doesNotMatch(stdout, /sekret|__wbg_ptr/, "no credential, no glue internals");
}
