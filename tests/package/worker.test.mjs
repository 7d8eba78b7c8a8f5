// Workers: examples/worker in a fresh project with the packed package, bundled the way Worker
// projects bundle (esbuild with the workerd condition and the .wasm as a separate module;
// wrangler 4 when `make package-tools` installed it), run in the real workerd through Miniflare
// against the emulator on loopback: every method, and one error of each kind. Then the example's
// own tests (`npm test`: Vitest with @cloudflare/vitest-plugin, inside workerd), with the shared
// scenario and console check added beside them.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import {
  assertConsole, assertInstalled, assertScenario, emulator, emulatorApi, fixture, freshProject, NO_EMULATOR, NODE22,
  organizationWithAccounts, queueFault, ROOT, runOk, scenarioConfig, skipWithoutEmulator, uniqueTag, WRANGLER,
} from "./helpers.mjs";

const example = (file) => readFileSync(path.join(ROOT, "examples/worker", file), "utf8");
const TIMEOUT_MS = 1500;

/** Runs the bundle in `dir` (its entry `index.js`) in workerd; resolves to { fetch, dispose }. */
async function startWorker(dir) {
  const mf = new Miniflare({
    modules: true,
    scriptPath: path.join(dir, "index.js"),
    modulesRoot: dir,
    // Without these rules Miniflare reads .js as CommonJS and does not compile .wasm.
    modulesRules: [
      { type: "ESModule", include: ["**/*.js", "**/*.mjs"] },
      { type: "CompiledWasm", include: ["**/*.wasm"] },
    ],
    compatibilityDate: "2025-09-01",
    bindings: {
      CLOUDFLARE_API_TOKEN: emulator.token,
      CLOUDFLARE_BASE_URL: emulator.url,
      CLOUDFLARE_TIMEOUT_MS: String(TIMEOUT_MS),
      CLOUDFLARE_MAX_RETRIES: "0",
    },
  });
  await mf.ready;
  const call = async (method, route, body) => {
    const response = await mf.dispatchFetch(`http://worker.test${route}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
  return { call, dispose: () => mf.dispose() };
}

describe("workerd: examples/worker", { skip: skipWithoutEmulator(emulator, NO_EMULATOR) }, () => {
  let dir, worker, seeded;
  before(async () => {
    dir = await freshProject("worker", { "src/index.js": example("src/index.js"), "wrangler.jsonc": example("wrangler.jsonc") });
    seeded = await organizationWithAccounts(2);
  });
  after(() => worker?.dispose());

  it("bundles with esbuild: the workerd entry, the .wasm kept as its own module", async () => {
    const outdir = path.join(dir, "dist-esbuild");
    await build({
      entryPoints: [path.join(dir, "src/index.js")],
      outdir,
      bundle: true,
      format: "esm",
      platform: "neutral",
      conditions: ["workerd", "worker", "browser"],
      loader: { ".wasm": "copy" },
      logLevel: "error",
    });
    const files = readdirSync(outdir);
    const wasm = files.find((f) => f.endsWith(".wasm"));
    assert.ok(wasm, `a .wasm beside the bundle: ${files}`);
    const bundle = readFileSync(path.join(outdir, "index.js"), "utf8");
    assert.match(bundle, new RegExp(`import \\w+ from "\\./${wasm.replace(".", "\\.")}"`), "the .wasm stays a static import");
    assert.doesNotMatch(bundle, /readFileSync|import\.meta\.url/, "the workerd entry, not the node or browser one");
    worker = await startWorker(outdir);
  });

  it("GET /tree: listAll, nested by parent", async () => {
    const { status, body } = await worker.call("GET", "/tree");
    assert.equal(status, 200);
    const all = await emulatorApi("/organizations?page_size=1000");
    assert.equal(body.count, all.length);
    const count = (nodes) => nodes.reduce((n, node) => n + 1 + count(node.children), 0);
    assert.equal(count(body.roots), all.length, "every organization appears once in the tree");
    const child = all.find((o) => o.parent && all.some((p) => p.id === o.parent.id));
    const parentNode = (function find(nodes) {
      for (const node of nodes) if (node.id === child.parent.id) return node; else { const hit = find(node.children); if (hit) return hit; }
    })(body.roots);
    assert.ok(parentNode.children.some((n) => n.id === child.id), "a child sits under its parent");
  });

  it("GET /orgs (list) and /orgs/first (iterate, stopping early)", async () => {
    const page = await worker.call("GET", "/orgs?page_size=2&parent=root");
    assert.equal(page.status, 200);
    assert.equal(page.body.organizations.length, 2);
    assert.ok(page.body.organizations.every((o) => !o.parent), "parent=root lists roots only");
    const first = await worker.call("GET", "/orgs/first?n=3");
    assert.equal(first.status, 200);
    assert.equal(first.body.items.length, 3);
  });

  it("GET /orgs/:id: get, listAllAccounts, getProfile and pathFor together", async () => {
    const { status, body } = await worker.call("GET", `/orgs/${seeded.id}`);
    assert.equal(status, 200);
    assert.equal(body.organization.name, seeded.name);
    assert.equal(body.accounts.length, seeded.accounts);
    assert.equal(typeof body.profile.business_name, "string");
    assert.deepEqual(body.links, { self: `organizations/${seeded.id}`, accounts: `organizations/${seeded.id}/accounts`, profile: `organizations/${seeded.id}/profile` });
  });

  it("GET /orgs/:id/accounts (listAccounts) and /accounts/first (iterateAccounts)", async () => {
    const page = await worker.call("GET", `/orgs/${seeded.id}/accounts?page_size=1&direction=desc`);
    assert.equal(page.status, 200);
    assert.equal(page.body.accounts.length, 1);
    assert.equal(page.body.total, seeded.accounts);
    assert.ok(page.body.next_page_token);
    const first = await worker.call("GET", `/orgs/${seeded.id}/accounts/first?n=2`);
    assert.deepEqual(first.body.items.length, 2);
  });

  it("POST, PUT, PUT profile, DELETE: create, update, updateProfile, delete; and a ConflictError", async () => {
    const tag = uniqueTag("worker");
    const parent = await worker.call("POST", "/orgs", { name: `${tag} parent` });
    assert.equal(parent.status, 201);
    const child = await worker.call("POST", "/orgs", { name: `${tag} child`, parent: { id: parent.body.id } });
    assert.equal(child.body.parent.id, parent.body.id);

    const renamed = await worker.call("PUT", `/orgs/${child.body.id}`, { name: `${tag} renamed` });
    assert.equal(renamed.status, 200);
    assert.equal(renamed.body.name, `${tag} renamed`);
    const profile = { business_name: "Worker Ltd", business_email: "w@example.com", business_phone: "+1 555 0199", business_address: "1 Edge Way", external_metadata: "{}" };
    assert.equal((await worker.call("PUT", `/orgs/${child.body.id}/profile`, profile)).status, 204);
    assert.deepEqual((await worker.call("GET", `/orgs/${child.body.id}`)).body.profile, profile);
    const listed = await worker.call("GET", `/orgs?name=${encodeURIComponent(`${tag} renamed`)}`);
    assert.deepEqual(listed.body.organizations.map((o) => o.id), [child.body.id], "exact name filter");

    const conflict = await worker.call("DELETE", `/orgs/${parent.body.id}`);
    assert.equal(conflict.status, 409, "ConflictError: the parent still holds its child");
    assert.equal(conflict.body.error.name, "ConflictError");

    assert.deepEqual((await worker.call("DELETE", `/orgs/${child.body.id}`)).body, { id: child.body.id });
    assert.deepEqual((await worker.call("DELETE", `/orgs/${parent.body.id}`)).body, { id: parent.body.id });
  });

  it("NotFoundError and ValidationError (a bad body, an encoded dot-dot id) by instanceof", async () => {
    const missing = await worker.call("GET", `/orgs/${"0".repeat(32)}`);
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.name, "NotFoundError");
    assert.equal(missing.body.error.status, 404);

    const empty = await worker.call("POST", "/orgs", { name: "" });
    assert.equal(empty.status, 400);
    assert.deepEqual([empty.body.error.name, empty.body.error.field], ["ValidationError", "name"]);
    const typo = await worker.call("POST", "/orgs", { name: "x", profile: { bussiness_name: "typo" } });
    assert.equal(typo.status, 400);
    assert.equal(typo.body.error.name, "ValidationError");
    // The URL parser folds a literal %2e%2E segment away, so this id reaches the client as "%2e%2E".
    const dots = await worker.call("GET", "/orgs/%252e%252E");
    assert.equal(dots.status, 400);
    assert.equal(dots.body.error.name, "ValidationError");
  });

  it("InvalidResponseError (a redirect), ConnectionError (a closed connection), ConnectionTimeoutError", async () => {
    const route = `/organizations/${seeded.id}`;
    await queueFault("redirect", { method: "GET", path: route });
    const redirect = await worker.call("GET", `/orgs/${seeded.id}`);
    assert.equal(redirect.status, 502);
    assert.equal(redirect.body.error.name, "InvalidResponseError");

    await queueFault("close", { method: "GET", path: route });
    const closed = await worker.call("GET", `/orgs/${seeded.id}`);
    assert.equal(closed.status, 502);
    assert.equal(closed.body.error.name, "ConnectionError");

    await queueFault(`delay=${TIMEOUT_MS + 2000}`, { method: "GET", path: route });
    const slow = await worker.call("GET", `/orgs/${seeded.id}`);
    assert.equal(slow.status, 504, JSON.stringify(slow.body));
    assert.equal(slow.body.error.name, "ConnectionTimeoutError");
    assert.equal(slow.body.error.timeoutMs, TIMEOUT_MS);
  });

  const wrangler = existsSync(NODE22) && existsSync(WRANGLER);
  it("bundles with wrangler 4 (deploy --dry-run), and that bundle runs too", { skip: wrangler ? false : "no wrangler in .tools/ (make package-tools installs it)" }, async () => {
    const outdir = path.join(dir, "dist-wrangler");
    await runOk(NODE22, [WRANGLER, "deploy", "--dry-run", "--outdir", outdir], {
      cwd: dir,
      env: { WRANGLER_SEND_METRICS: "false", CI: "true", NO_UPDATE_NOTIFIER: "1", WRANGLER_LOG_PATH: path.join(dir, "wrangler-logs") },
      timeout: 90_000,
    });
    const files = readdirSync(outdir);
    assert.ok(files.some((f) => f.endsWith(".wasm")), `wrangler uploads the .wasm as a module: ${files}`);
    const bundled = await startWorker(outdir);
    try {
      const tree = await bundled.call("GET", "/tree");
      assert.equal(tree.status, 200);
      assert.ok(tree.body.count > 0);
      const missing = await bundled.call("GET", `/orgs/${"0".repeat(32)}`);
      assert.equal(missing.status, 404);
    } finally {
      await bundled.dispose();
    }
  });
});

describe("workerd: examples/worker's own tests, in Vitest's Workers pool", { skip: skipWithoutEmulator(emulator, NO_EMULATOR) }, () => {
  const manifest = (dir) => JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"));
  let dir, vitest;
  before(async () => {
    const files = ["src/index.js", "wrangler.jsonc", "vitest.config.js", "test/index.spec.js"];
    dir = await freshProject("worker-vitest", {
      ...Object.fromEntries(files.map((f) => [f, example(f)])),
      "test/workers-scenario.spec.js": fixture("workers-scenario.spec.js"),
      "test/scenario.js": fixture("scenario.js"),
      "test/console.js": fixture("console.js"),
    });
    // Vitest and the plugin come from the repository's node_modules (package.json pins them),
    // found up the tree from the project; they need Node 22.
    const { stdout } = await runOk(assertInstalled(NODE22), [path.join(ROOT, "node_modules/vitest/vitest.mjs"), "run"], {
      cwd: dir,
      env: { CLOUDFLARE_BASE_URL: emulator.url, CLOUDFLARE_API_TOKEN: emulator.token, NO_COLOR: "1", CI: "true" },
      timeout: 180_000,
    });
    vitest = stdout.replace(/\x1b\[[0-9;]*m/g, ""); // Vitest colours some output even with NO_COLOR
  });

  it("the example pins the Vitest and plugin versions the repository tests with", () => {
    const pinned = manifest(ROOT).devDependencies;
    const { devDependencies } = manifest(path.join(ROOT, "examples/worker"));
    for (const name of ["vitest", "@cloudflare/vitest-plugin"]) assert.equal(devDependencies[name], pinned[name], name);
  });

  it("every test passes inside workerd: the example's own and the shared scenario", () => {
    assert.match(vitest, /Test Files\s+2 passed \(2\)/, vitest);
    assert.match(vitest, /Tests\s+(\d+) passed \(\1\)/, "no test failed or was skipped");
    const line = vitest.split("\n").find((l) => l.startsWith("SCENARIO "));
    assert.ok(line, `the scenario's report:\n${vitest}`);
    assertScenario(JSON.parse(line.slice("SCENARIO ".length)));
  });

  it("console.log in workerd shows the client as String(cf) does, and errors by their class names", () => {
    // Vitest prints each test's console output under "stdout | <file> > <test>", up to a blank line.
    const shown = vitest.split(/^stdout \| /m).filter((block) => block.includes("> shows the client in the console"));
    const printed = shown.map((block) => block.slice(block.indexOf("\n") + 1).split("\n\n")[0]).join("\n");
    assertConsole(printed, scenarioConfig());
  });
});
