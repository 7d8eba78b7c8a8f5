// Cancellation (issue 5): an abort while a request is in flight, while its body is being read,
// during a server-asked wait and during a backoff wait rejects with UserAbortError within 50 ms
// of the abort, and nothing more is sent (the emulator's log is checked after a pause longer
// than any wait that could follow). Every method is checked in flight and in a wait.
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import { getEventListeners, setMaxListeners } from "node:events";
import {
  pkg, emulator, NO_EMULATOR, SECRETS, CASE_HEADER, newCase, sleep, requestsOf, skipEarlierRequests, api, freshOrganization,
  collect, chainOf, recordingServer, PROFILE,
} from "./helpers.mjs";

const { Cloudflare, UserAbortError } = pkg;
const WITHIN_MS = 50;
const ACCOUNTS_ORG = "1bcfb8b1b9096f152d7e27533d101fb5";

const targets = {};
const METHODS = [
  ["create", (o, t, opts) => o.create({ name: `abort-create-${opts.headers[CASE_HEADER]}` }, opts)],
  ["list", (o, t, opts) => o.list({ parent: { id: t.parent } }, opts)],
  ["listAll", (o, t, opts) => o.listAll({ parent: { id: t.parent } }, opts)],
  ["iterate", (o, t, opts) => collect(o.iterate({ parent: { id: t.parent } }, opts))],
  ["get", (o, t, opts) => o.get(t.org, opts)],
  ["update", (o, t, opts) => o.update(t.org, { name: "abort target" }, opts)],
  ["delete", (o, t, opts) => o.delete(t.doomed, opts)],
  ["listAccounts", (o, t, opts) => o.listAccounts(ACCOUNTS_ORG, {}, opts)],
  ["listAllAccounts", (o, t, opts) => o.listAllAccounts(ACCOUNTS_ORG, {}, opts)],
  ["iterateAccounts", (o, t, opts) => collect(o.iterateAccounts(ACCOUNTS_ORG, {}, opts))],
  ["getProfile", (o, t, opts) => o.getProfile(t.org, opts)],
  ["updateProfile", (o, t, opts) => o.updateProfile(t.org, PROFILE, opts)],
];

/** Runs `call`, aborts when `trigger` resolves, and measures from the abort to the rejection. */
async function abortAndMeasure(call, controller, trigger) {
  let abortedAt;
  const outcome = call.then(
    (value) => ({ value, at: performance.now() }),
    (error) => ({ error, at: performance.now() }),
  );
  await trigger;
  abortedAt = performance.now();
  controller.abort();
  const settled = await outcome;
  return { ...settled, afterAbortMs: settled.at - abortedAt };
}

function assertUserAbort({ error, value, afterAbortMs }) {
  assert.equal(value, undefined, "resolved instead of rejecting");
  assert.deepEqual(chainOf(error), ["CloudflareError", "UserAbortError"], `${error?.name}: ${error?.message}`);
  assert.ok(error instanceof UserAbortError);
  assert.ok(afterAbortMs <= WITHIN_MS, `rejected ${afterAbortMs.toFixed(1)} ms after the abort`);
}


before(() => (emulator ? skipEarlierRequests() : undefined));

describe("cancellation", { skip: emulator ? false : NO_EMULATOR }, () => {
  const waitsStarted = new Map();
  const sent = new Map();
  const attemptsSent = (marker) => sent.get(marker) ?? 0;
  let cf;
  before(async () => {
    const parent = await freshOrganization("abort parent");
    await api("POST", "/organizations", { name: "abort child", parent: { id: parent.id } });
    const org = await freshOrganization("abort target", { profile: true });
    const doomed = await freshOrganization("abort doomed");
    Object.assign(targets, { parent: parent.id, org: org.id, doomed: doomed.id });
    cf = new Cloudflare({
      baseUrl: emulator.url, apiToken: SECRETS.apiToken,
      onRequest: (info) => sent.set(info.headers[CASE_HEADER], attemptsSent(info.headers[CASE_HEADER]) + 1),
      // Tells a test when a response it expects has arrived (the wait starts right after).
      onResponse: (info) => waitsStarted.get(info.headers[CASE_HEADER])?.(info),
    });
  });

  describe("every method", { concurrency: 6 }, () => {
    for (const [name, run] of METHODS) {
      it(`${name}: abort in flight (a 400 ms delay, aborted at 100 ms)`, async () => {
        const marker = newCase(`inflight-${name}`);
        const controller = new AbortController();
        const options = { signal: controller.signal, headers: { "cf-emulator-fault": "delay=400", [CASE_HEADER]: marker } };
        assertUserAbort(await abortAndMeasure(run(cf.organizations, targets, options), controller, sleep(100)));
        await sleep(900); // past the delay, and past any backoff a retry would have taken
        assert.equal(attemptsSent(marker), 1, "one attempt, never resent");
        // The emulator may drop a request whose client went away before it answered (seen on
        // fresh connections), so its log is an upper bound here; the holding-server test below
        // counts at the network.
        assert.ok((await requestsOf(marker)).length <= 1, "the emulator saw at most one");
      });

      it(`${name}: abort during a server-asked wait (429, retry-after-ms 1000)`, async () => {
        const marker = newCase(`wait-${name}`);
        const controller = new AbortController();
        const answered = new Promise((resolve) => waitsStarted.set(marker, resolve));
        const options = { signal: controller.signal, headers: { "cf-emulator-fault": "retry-after-ms=1000", [CASE_HEADER]: marker } };
        assertUserAbort(await abortAndMeasure(run(cf.organizations, targets, options), controller, answered.then(() => sleep(100))));
        await sleep(1200);
        assert.equal((await requestsOf(marker)).length, 1, "the retry was never sent");
        assert.equal(attemptsSent(marker), 1);
      });
    }
  });

  it("abort during a backoff wait (503, no server wait: 375–500 ms)", async () => {
    const marker = newCase("backoff");
    const controller = new AbortController();
    const answered = new Promise((resolve) => waitsStarted.set(marker, resolve));
    const options = { signal: controller.signal, headers: { "cf-emulator-fault": "status=503", [CASE_HEADER]: marker } };
    assertUserAbort(await abortAndMeasure(cf.organizations.get(targets.org, options), controller, answered.then(() => sleep(50))));
    await sleep(800);
    assert.equal((await requestsOf(marker)).length, 1);
  });

  it("abort in flight, counted at the network: a server that never answers received exactly one request", async () => {
    const hold = await recordingServer(() => {});
    try {
      const client = new Cloudflare({ baseUrl: hold.url, apiToken: SECRETS.apiToken });
      for (const call of [(o, signal) => o.get("abc", { signal }), (o, signal) => o.create({ name: "x" }, { signal }), (o, signal) => o.listAll({}, { signal })]) {
        const controller = new AbortController();
        assertUserAbort(await abortAndMeasure(call(client.organizations, controller.signal), controller, sleep(100)));
      }
      await sleep(800);
      assert.deepEqual(hold.received.map((r) => r.method), ["GET", "POST", "GET"], "one request per call, none resent");
    } finally {
      await hold.close();
    }
  });

  it("abort while the body is being read (headers sent, body stalled)", async () => {
    const stall = await recordingServer((req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      res.write('{"success":true,"result":{"id":"');
    });
    try {
      const client = new Cloudflare({ baseUrl: stall.url, apiToken: SECRETS.apiToken });
      const controller = new AbortController();
      const call = client.organizations.get("abc", { signal: controller.signal });
      assertUserAbort(await abortAndMeasure(call, controller, sleep(150)));
      await sleep(700);
      assert.equal(stall.received.length, 1, "not resent");
    } finally {
      await stall.close();
    }
  });

  it("an already-aborted signal rejects at once and sends nothing", async () => {
    const marker = newCase("pre-aborted");
    const signal = AbortSignal.abort();
    const started = performance.now();
    await assert.rejects(cf.organizations.get(targets.org, { signal, headers: { [CASE_HEADER]: marker } }), UserAbortError);
    await assert.rejects(cf.organizations.listAll({}, { signal, headers: { [CASE_HEADER]: marker } }), UserAbortError);
    assert.ok(performance.now() - started < WITHIN_MS);
    await sleep(100);
    assert.equal((await requestsOf(marker)).length, 0);
  });

  it("an abort beats the timeout: UserAbortError, not ConnectionTimeoutError", async () => {
    const controller = new AbortController();
    const options = { signal: controller.signal, timeoutMs: 300, headers: { "cf-emulator-fault": "delay=1000", [CASE_HEADER]: newCase("beats-timeout") } };
    assertUserAbort(await abortAndMeasure(cf.organizations.get(targets.org, options), controller, sleep(100)));
  });

  it("iterate: an abort between pages ends the walk; the items already handed out stay", async () => {
    const marker = newCase("between-pages");
    const controller = new AbortController();
    const iterator = cf.organizations.iterateAccounts(ACCOUNTS_ORG, { page_size: 5 }, { signal: controller.signal, headers: { [CASE_HEADER]: marker } })[Symbol.asyncIterator]();
    for (let n = 0; n < 5; n++) assert.equal((await iterator.next()).done, false);
    controller.abort();
    await assert.rejects(iterator.next(), UserAbortError);
    assert.equal((await iterator.next()).done, true, "a walk that failed is over");
    await sleep(100);
    assert.equal((await requestsOf(marker)).length, 1, "the second page was never asked for");
  });

  it("a signal shared by many calls keeps no listener once they are done", async () => {
    const controller = new AbortController();
    setMaxListeners(100, controller.signal); // 52 calls at once listen to it: no warning
    const calls = [];
    for (let n = 0; n < 50; n++) calls.push(cf.organizations.get(targets.org, { signal: controller.signal }));
    calls.push(cf.organizations.get(targets.org, { signal: controller.signal, maxRetries: 1, headers: { "cf-emulator-fault": "retry-after-ms=20" } }).catch(() => {}));
    calls.push(cf.organizations.get(targets.org, { signal: controller.signal, timeoutMs: 50, maxRetries: 0, headers: { "cf-emulator-fault": "delay=200" } }).catch(() => {}));
    await sleep(20);
    assert.ok(getEventListeners(controller.signal, "abort").length > 0, "listening while in flight");
    await Promise.all(calls);
    assert.equal(getEventListeners(controller.signal, "abort").length, 0, "every listener removed");
  });

  it("the client still works after all those aborts", async () => {
    assert.equal((await cf.organizations.get(targets.org)).id, targets.org);
  });
});

describe("cancellation with a `fetch` option that ignores request.signal", () => {
  // A test double, a proxy or a service binding may never look at the signal: the client must
  // not wait for it (before the fix in src/transport.rs such a call hung forever).
  const deaf = () => new Promise(() => {});
  const cf = new Cloudflare({ baseUrl: "https://api.example.test/client/v4", apiToken: SECRETS.apiToken, fetch: deaf });

  it("an abort still rejects within 50 ms", async () => {
    const controller = new AbortController();
    assertUserAbort(await abortAndMeasure(cf.organizations.get("abc", { signal: controller.signal }), controller, sleep(50)));
  });

  it("an abort while the body never ends still rejects within 50 ms", async () => {
    const endless = new Cloudflare({
      baseUrl: "https://api.example.test/client/v4",
      fetch: () => new Response(new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode("{")); } })),
    });
    const controller = new AbortController();
    assertUserAbort(await abortAndMeasure(endless.organizations.listAll({}, { signal: controller.signal }), controller, sleep(50)));
  });

  it("timeoutMs still ends the attempt: ConnectionTimeoutError, and retries still happen", async () => {
    let calls = 0;
    const counting = new Cloudflare({ baseUrl: "https://api.example.test/client/v4", fetch: () => { calls++; return deaf(); }, timeoutMs: 50, maxRetries: 1 });
    const started = performance.now();
    await assert.rejects(counting.organizations.get("abc"), (e) => e.name === "ConnectionTimeoutError" && e.timeoutMs === 50);
    const ms = performance.now() - started;
    assert.equal(calls, 2);
    assert.ok(ms >= 2 * 50 + 375 && ms < 2000, `took ${ms.toFixed(0)} ms`);
  });
});
