// Memory (issue 5): 100,000 calls on ONE client in Node, successes and every kind of error mixed
// (404, 503 then a retry, HTML 200, a failed fetch, a timeout, an abort, validation errors,
// multi-page listings, iterators, 204s), through a `fetch` double so the run takes seconds (the
// emulator path is the same code; the load suite drives it). At each 10,000-call checkpoint,
// after forced garbage collections, it prints the wasm linear memory (reached through the
// instance's exports, which tests/resilience/wasm-instance.mjs keeps as pkg/node.js makes it), the wasm-bindgen
// externref table (a JS value kept by Rust and never dropped would grow it), and
// process.memoryUsage(); it asserts that they stay flat between the 20,000 and the 100,000 marks.
// MEMORY_CALLS overrides the number of calls (make soak runs a million).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import v8 from "node:v8";
import vm from "node:vm";
import { wasmExports } from "./wasm-instance.mjs"; // before the package: it watches its instance
import { pkg } from "./helpers.mjs";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc");
const wasm = wasmExports(); // the instance pkg/node.js made on import

const CALLS = Number(process.env.MEMORY_CALLS ?? 100_000);
const CHECKPOINT = Math.ceil(CALLS / 10);
const CONCURRENCY = 64;
const { Cloudflare } = pkg;

const ORG = { id: "0123456789abcdef0123456789abcdef", name: "Memory Ltd", create_time: "2026-01-01T00:00:00.000Z", meta: {} };
const PROFILE = { business_name: "a", business_email: "b", business_phone: "c", business_address: "d", external_metadata: "e" };
const envelope = (result, extra) => JSON.stringify({ success: true, errors: [], messages: [], result, ...extra });
const PAGE1 = envelope(Array.from({ length: 10 }, (_, i) => ({ ...ORG, id: `org-${i}` })), { result_info: { next_page_token: "p2", total_size: 12 } });
const PAGE2 = envelope([ORG, ORG], { result_info: { total_size: 12 } });

/** The double: answers by a `x-kind` header the test sets per call. */
function fetchDouble(request) {
  const kind = request.headers.get("x-kind");
  const url = new URL(request.url);
  switch (kind) {
    case "404": return new Response(JSON.stringify({ success: false, errors: [{ code: 1003, message: "Organization not found" }], messages: [], result: null }), { status: 404, headers: { "cf-ray": "0123456789abcdef-MEM" } });
    case "503-once": {
      if (!request.headers.get("x-retried") && !seenRetry.has(request.headers.get("x-call"))) {
        seenRetry.add(request.headers.get("x-call"));
        return new Response("<html>503</html>", { status: 503, headers: { "retry-after-ms": "0" } });
      }
      seenRetry.delete(request.headers.get("x-call"));
      return new Response(envelope(ORG));
    }
    case "html": return new Response("<!DOCTYPE html><html>not json</html>");
    case "refused": return Promise.reject(new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED") }));
    case "hang": return new Promise(() => {});
    case "204": return new Response(null, { status: 204 });
    case "profile": return new Response(envelope(PROFILE));
    case "list": return new Response(url.searchParams.get("page_token") === "p2" ? PAGE2 : PAGE1);
    default: return new Response(envelope(ORG));
  }
}
const seenRetry = new Set();

/** One call of the mix, by its index: what it does and the outcome it must have. */
async function oneCall(cf, i) {
  const o = cf.organizations; // the getter, as users write it (one object per client, js/entries/api.js)
  const opts = (kind, extra = {}) => ({ headers: { "x-kind": kind, "x-call": String(i) }, ...extra });
  switch (i % 20) {
    case 0: case 1: case 2: case 3: case 4: case 5:
      assert.equal((await o.get(ORG.id, opts("ok"))).id, ORG.id); return "ok";
    case 6: assert.equal((await o.list({ name: { contains: "x" } }, opts("list"))).result.length, 10); return "ok";
    case 7: assert.equal((await o.listAll({}, opts("list"))).length, 12); return "ok";
    case 8: {
      let n = 0;
      for await (const org of o.iterateAccounts(ORG.id, {}, opts("list"))) if (org.id && ++n === 3) break; // stops early
      return "ok";
    }
    case 9: assert.equal((await o.create({ name: `m${i}`, profile: PROFILE }, opts("ok"))).id, ORG.id); return "ok";
    case 10: assert.equal(await o.updateProfile(ORG.id, PROFILE, opts("204")), undefined); return "ok";
    case 11: assert.deepEqual(await o.getProfile(ORG.id, opts("profile")), PROFILE); return "ok";
    case 12: return expectError(o.get(ORG.id, opts("404")), "NotFoundError");
    case 13: assert.equal((await o.update(ORG.id, { name: "n" }, opts("503-once", { maxRetries: 1 }))).id, ORG.id); return "ok";
    case 14: return expectError(o.delete(ORG.id, opts("html")), "InvalidResponseError");
    case 15: return expectError(o.get(ORG.id, opts("refused", { maxRetries: 0 })), "ConnectionError");
    case 16: return expectError(o.get(ORG.id, opts("hang", { timeoutMs: 1, maxRetries: 0 })), "ConnectionTimeoutError");
    case 17: return expectError(o.listAccounts(ORG.id, {}, opts("hang", { signal: AbortSignal.abort() })), "UserAbortError");
    case 18: return expectError(o.get("..", opts("ok")), "ValidationError");
    default: return expectError(o.create({ name: "x", profile: { bussiness_name: "typo" } }, opts("ok")), "ValidationError");
  }
}

async function expectError(promise, name) {
  try {
    await promise;
  } catch (error) {
    assert.equal(error.name, name);
    return name;
  }
  assert.fail(`expected ${name}`);
}

async function settleGc() {
  for (let round = 0; round < 4; round++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve)); // FinalizationRegistry callbacks run here
  }
}

/**
 * The externref slots in use: allocates free slots until the table has to grow, then gives them
 * back. Exact, but it grows the table once, so it runs only at the start and the end.
 */
function liveExternrefs() {
  const table = wasm.__wbindgen_externrefs;
  const length = table.length;
  const taken = [];
  while (table.length === length) taken.push(wasm.__externref_table_alloc());
  for (const index of taken) wasm.__externref_table_dealloc(index);
  return length - (taken.length - 1);
}

function snapshot(calls) {
  const m = process.memoryUsage();
  return {
    calls,
    wasmBytes: wasm.memory.buffer.byteLength,
    externrefs: wasm.__wbindgen_externrefs.length,
    heapUsed: m.heapUsed,
    external: m.external,
    arrayBuffers: m.arrayBuffers,
    rss: m.rss,
  };
}

const MB = (n) => `${(n / 1048576).toFixed(2)} MB`;

describe("memory: calls on one client stay flat", () => {
  it(`${CALLS.toLocaleString("en")} calls, successes and errors mixed`, { timeout: Math.max(120_000, CALLS * 2) }, async () => {
    const cf = new Cloudflare({ baseUrl: "https://api.example.test/client/v4", apiToken: "sekret-TOKEN-123", fetch: fetchDouble, onRequest: () => {}, onResponse: () => {} });
    const outcomes = {};
    const points = [];
    await settleGc();
    const liveBefore = liveExternrefs();
    points.push(snapshot(0));
    const started = performance.now();
    let next = 0;
    while (next < CALLS) {
      const end = Math.min(next + CHECKPOINT, CALLS);
      const worker = async () => {
        while (next < end) {
          const outcome = await oneCall(cf, next++);
          outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      await settleGc();
      points.push(snapshot(end));
    }
    const seconds = (performance.now() - started) / 1000;
    const liveAfter = liveExternrefs();
    console.log(`# memory: ${CALLS} calls in ${seconds.toFixed(1)} s (${Math.round(CALLS / seconds)}/s), outcomes ${JSON.stringify(outcomes)}`);
    console.log("# memory:    calls  wasm linear  externrefs    heapUsed    external  arrayBuffers         rss");
    for (const p of points) {
      console.log(`# memory: ${String(p.calls).padStart(8)} ${MB(p.wasmBytes).padStart(12)} ${String(p.externrefs).padStart(11)} ${MB(p.heapUsed).padStart(11)} ${MB(p.external).padStart(11)} ${MB(p.arrayBuffers).padStart(13)} ${MB(p.rss).padStart(11)}`);
    }
    assert.equal(Object.values(outcomes).reduce((a, b) => a + b, 0), CALLS);

    // Flat between the 20% mark (everything warmed up) and the end.
    const from = points.find((p) => p.calls >= CALLS / 5);
    const to = points.at(-1);
    const grew = (key) => to[key] - from[key];
    console.log(`# memory: growth from ${from.calls} to ${to.calls} calls: wasm ${grew("wasmBytes")} B, externrefs ${grew("externrefs")}, heapUsed ${MB(grew("heapUsed"))}, arrayBuffers ${MB(grew("arrayBuffers"))}, rss ${MB(grew("rss"))}`);
    console.log(`# memory: externref slots in use: ${liveBefore} before, ${liveAfter} after`);
    assert.ok(liveAfter - liveBefore <= 64, `${liveAfter - liveBefore} externref slots were never freed`);
    assert.equal(grew("wasmBytes"), 0, "wasm linear memory grew");
    assert.ok(grew("externrefs") <= 0, "the externref table grew: JS values held by Rust were not dropped");
    assert.ok(grew("heapUsed") < 4 * 1048576, `the JS heap grew by ${MB(grew("heapUsed"))}`);
    assert.ok(grew("arrayBuffers") < 4 * 1048576, `array buffers grew by ${MB(grew("arrayBuffers"))}`);
  });
});
