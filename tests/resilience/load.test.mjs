// Load (issue 5): 10,000 requests at concurrency 256 against the emulator, in Node (one client,
// 256 calls in flight) and in workerd (Miniflare running a Worker that uses the package's workerd
// entry; 256 dispatchFetch calls in flight, each making one call on the isolate's one client).
// Zero failures, with retries off so that nothing is papered over, and no create lost or
// duplicated: afterwards the emulator's state holds exactly the expected set of names.
// LOAD_REQUESTS and LOAD_CONCURRENCY override the figures.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { pkg, emulator, withoutEmulator, SECRETS, admin, api, freshOrganization, organizationWithAccounts, startWorker } from "./helpers.mjs";

const { Cloudflare } = pkg;
const REQUESTS = Number(process.env.LOAD_REQUESTS ?? 10_000);
const CONCURRENCY = Number(process.env.LOAD_CONCURRENCY ?? 256);

/** The mix: a quarter creates, the rest reads and updates of a small fixed set. */
function operation(i, prefix, t) {
  switch (i % 8) {
    case 0: case 4: return ["create", { name: `${prefix}-${i}` }];
    case 1: return ["get", { id: t.org }];
    case 2: return ["list", { id: t.parent }];
    case 3: return ["listAccounts", { id: t.accounts }];
    case 5: return ["getProfile", { id: t.org }];
    case 6: return ["update", { id: t.org, name: "load target" }];
    default: return ["listAll", { id: t.parent }];
  }
}
const expectedCreates = (prefix) => {
  const names = [];
  for (let i = 0; i < REQUESTS; i++) if (i % 4 === 0) names.push(`${prefix}-${i}`);
  return names.sort();
};

/** Runs `REQUESTS` operations with `CONCURRENCY` in flight; resolves to figures and failures. */
async function drive(run) {
  const failures = [];
  const latencies = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < REQUESTS) {
      const i = next++;
      const t0 = performance.now();
      try {
        await run(i);
      } catch (error) {
        failures.push(`${i}: ${error?.name}: ${error?.message}`);
      }
      latencies.push(performance.now() - t0);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))].toFixed(1);
  return { failures, figures: `${REQUESTS} requests, ${CONCURRENCY} in flight: ${seconds.toFixed(1)} s, ${Math.round(REQUESTS / seconds)}/s, latency p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms, max ${pct(1)} ms` };
}

async function assertCreates(prefix) {
  const { organizations } = await admin("/state");
  const made = organizations.filter((o) => o.name.startsWith(`${prefix}-`)).map((o) => o.name).sort();
  const expected = expectedCreates(prefix);
  assert.equal(new Set(made).size, made.length, "a create was duplicated");
  assert.deepEqual(made, expected, "the created names are exactly the expected set");
  return made.length;
}

async function targets() {
  const parent = await freshOrganization("load parent");
  for (const n of [1, 2, 3]) await api("POST", "/organizations", { name: `load child ${n}`, parent: { id: parent.id } });
  const org = await freshOrganization("load target", { profile: true });
  return { parent: parent.id, org: org.id, accounts: (await organizationWithAccounts(5)).id };
}

const OPS = {
  create: (o, a) => o.create({ name: a.name }).then((org) => assert.equal(org.name, a.name)),
  get: (o, a) => o.get(a.id).then((org) => assert.equal(org.id, a.id)),
  list: (o, a) => o.list({ parent: { id: a.id }, page_size: 2 }).then((page) => assert.equal(page.result.length, 2)),
  listAll: (o, a) => o.listAll({ parent: { id: a.id }, page_size: 2 }).then((all) => assert.equal(all.length, 3)),
  listAccounts: (o, a) => o.listAccounts(a.id, { page_size: 5 }).then((page) => assert.equal(page.result.length, 5)),
  getProfile: (o, a) => o.getProfile(a.id).then((p) => assert.equal(typeof p.business_name, "string")),
  update: (o, a) => o.update(a.id, { name: a.name }).then((org) => assert.equal(org.name, a.name)),
};

describe("load", { skip: withoutEmulator() }, () => {
  it(`Node: ${REQUESTS} requests at concurrency ${CONCURRENCY} on one client, zero failures, every create exactly once`, { timeout: 300_000 }, async () => {
    const t = await targets();
    const prefix = `load-node-${Date.now().toString(36)}`;
    const cf = new Cloudflare({ baseUrl: emulator.url, apiToken: SECRETS.apiToken, maxRetries: 0, timeoutMs: 30_000 });
    const { failures, figures } = await drive((i) => {
      const [op, arg] = operation(i, prefix, t);
      return OPS[op](cf.organizations, arg);
    });
    console.log(`# load (Node): ${figures}`);
    assert.deepEqual(failures.slice(0, 10), [], `${failures.length} failures`);
    console.log(`# load (Node): ${await assertCreates(prefix)} organizations created, each exactly once`);
  });

  describe("workerd (Miniflare)", () => {
    let worker;
    before(async () => { worker = await startWorker(); });
    after(() => worker?.dispose());

    it(`${REQUESTS} requests at concurrency ${CONCURRENCY} through one isolate's client, zero failures, every create exactly once`, { timeout: 300_000 }, async () => {
      const t = await targets();
      const prefix = `load-workerd-${Date.now().toString(36)}`;
      const { failures, figures } = await drive(async (i) => {
        const [op, arg] = operation(i, prefix, t);
        const outcome = await worker.call({ op, arg });
        if (!outcome.ok) throw Object.assign(new Error(outcome.message), { name: outcome.name });
        if (op === "create") assert.equal(typeof outcome.value, "string");
      });
      console.log(`# load (workerd): ${figures}`);
      assert.deepEqual(failures.slice(0, 10), [], `${failures.length} failures`);
      console.log(`# load (workerd): ${await assertCreates(prefix)} organizations created, each exactly once`);
    });
  });
});
