// Cancellation (issue 5): an abort while a request is in flight, while its body is being read,
// during a server-asked wait and during a backoff wait rejects with UserAbortError within 50 ms
// of the abort, and nothing more is sent. "In flight" means the request has reached the server
// (a proxy in front of the emulator says when). "Nothing more" is checked on the emulator's
// log: waiting for an event that comes after any resend would have (a delayed request landing),
// sending a later request of the same case and waiting for it, or watching the log over a
// window a positive case shows a retry arrives within. Every method is checked in flight and
// in a wait.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { getEventListeners, setMaxListeners } from "node:events";
import {
  pkg, emulator, withoutEmulator, SECRETS, CASE_HEADER, newCase, sleep, requestsOf, requestsArrive, skipEarlierRequests, api,
  freshOrganization, organizationWithAccounts, collect, chainOf, recordingServer, steadfastProxy, until, holds, settle, PROFILE,
} from "./helpers.mjs";

const { Cloudflare, UserAbortError } = pkg;
const WITHIN_MS = 50;
/** The longest first backoff (500 ms) and server-asked wait (1000 ms) below, and a margin. */
const BACKOFF_MAX = 500;
const MARGIN = 1000;

const targets = {};
const METHODS = [
  ["create", (o, t, opts) => o.create({ name: `abort-create-${opts.headers[CASE_HEADER]}` }, opts)],
  ["list", (o, t, opts) => o.list({ parent: { id: t.parent } }, opts)],
  ["listAll", (o, t, opts) => o.listAll({ parent: { id: t.parent } }, opts)],
  ["iterate", (o, t, opts) => collect(o.iterate({ parent: { id: t.parent } }, opts))],
  ["get", (o, t, opts) => o.get(t.org, opts)],
  ["update", (o, t, opts) => o.update(t.org, { name: "abort target" }, opts)],
  ["delete", (o, t, opts) => o.delete(t.doomed, opts)],
  ["listAccounts", (o, t, opts) => o.listAccounts(t.accounts, {}, opts)],
  ["listAllAccounts", (o, t, opts) => o.listAllAccounts(t.accounts, {}, opts)],
  ["iterateAccounts", (o, t, opts) => collect(o.iterateAccounts(t.accounts, {}, opts))],
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

describe("cancellation", { skip: withoutEmulator() }, () => {
  const waitsStarted = new Map();
  const sent = new Map();
  const attemptsSent = (marker) => sent.get(marker) ?? 0;
  let cf;
  let proxy;
  before(async () => {
    const parent = await freshOrganization("abort parent");
    await api("POST", "/organizations", { name: "abort child", parent: { id: parent.id } });
    const org = await freshOrganization("abort target", { profile: true });
    const doomed = await freshOrganization("abort doomed");
    const accounts = (await organizationWithAccounts(6)).id; // two pages of 5
    Object.assign(targets, { parent: parent.id, org: org.id, doomed: doomed.id, accounts });
    proxy = await steadfastProxy();
    cf = new Cloudflare({
      baseUrl: proxy.url, apiToken: SECRETS.apiToken,
      onRequest: (info) => sent.set(info.headers[CASE_HEADER], attemptsSent(info.headers[CASE_HEADER]) + 1),
      // Tells a test when a response it expects has arrived (the wait starts right after).
      onResponse: (info) => waitsStarted.get(info.headers[CASE_HEADER])?.(info),
    });
  });

  describe("every method", { concurrency: 6 }, () => {
    for (const [name, run] of METHODS) {
      it(`${name}: abort in flight (the request at the server, held 1.5 s)`, async () => {
        const marker = newCase(`inflight-${name}`);
        const controller = new AbortController();
        const options = { signal: controller.signal, headers: { "cf-emulator-fault": "delay=1500", [CASE_HEADER]: marker } };
        assertUserAbort(await abortAndMeasure(run(cf.organizations, targets, options), controller, proxy.arrived(marker)));
        // The request runs on to the emulator, which logs it when its delay ends: later than a
        // retry would have been sent (a backoff of at most 500 ms after the abort).
        await requestsArrive(marker, 1);
        assert.equal(proxy.received(marker), 1, "one request at the network, never resent");
        assert.equal(attemptsSent(marker), 1, "one attempt");
      });

      it(`${name}: abort during a server-asked wait (429, retry-after-ms 1000)`, async () => {
        const marker = newCase(`wait-${name}`);
        const controller = new AbortController();
        const answered = new Promise((resolve) => waitsStarted.set(marker, resolve));
        const options = { signal: controller.signal, headers: { "cf-emulator-fault": "retry-after-ms=1000", [CASE_HEADER]: marker } };
        const started = performance.now();
        assertUserAbort(await abortAndMeasure(run(cf.organizations, targets, options), controller, answered.then(() => sleep(100))));
        await requestsArrive(marker, 1);
        // The retry would come 1 s after the answer (the positive case below shows it does).
        await holds(() => requestsOf(marker), (e) => e.length === 1, started + 1000 + MARGIN - performance.now(), "no retry");
        assert.equal(attemptsSent(marker), 1);
      });
    }
  });

  it("without an abort, those waits end in a retry within the windows watched", async () => {
    for (const [fault, wait] of [["retry-after-ms=1000", 1000], ["status=503", BACKOFF_MAX]]) {
      const marker = newCase("positive");
      const started = performance.now();
      await cf.organizations.get(targets.org, { maxRetries: 1, headers: { "cf-emulator-fault": fault, [CASE_HEADER]: marker } }).catch(() => {});
      await requestsArrive(marker, 2, wait + MARGIN);
      assert.ok(performance.now() - started < wait + MARGIN, `${fault}: the retry came after ${performance.now() - started} ms`);
    }
  });

  it("abort during a backoff wait (503, no server wait: 375–500 ms)", async () => {
    const marker = newCase("backoff");
    const controller = new AbortController();
    const answered = new Promise((resolve) => waitsStarted.set(marker, resolve));
    const options = { signal: controller.signal, headers: { "cf-emulator-fault": "status=503", [CASE_HEADER]: marker } };
    const started = performance.now();
    assertUserAbort(await abortAndMeasure(cf.organizations.get(targets.org, options), controller, answered.then(() => sleep(50))));
    await requestsArrive(marker, 1);
    await holds(() => requestsOf(marker), (e) => e.length === 1, started + BACKOFF_MAX + MARGIN - performance.now(), "no retry");
  });

  it("abort in flight, counted at the network: a server that never answers received exactly one request", async () => {
    const hold = await recordingServer(() => {});
    try {
      const client = new Cloudflare({ baseUrl: hold.url, apiToken: SECRETS.apiToken });
      const calls = [(o, signal) => o.get("abc", { signal }), (o, signal) => o.create({ name: "x" }, { signal }), (o, signal) => o.listAll({}, { signal })];
      for (const [n, call] of calls.entries()) {
        const controller = new AbortController();
        const atServer = until(() => hold.received.length, (count) => count > n, 5000, "the request at the server");
        assertUserAbort(await abortAndMeasure(call(client.organizations, controller.signal), controller, atServer));
      }
      await holds(() => hold.received.length, (count) => count === 3, BACKOFF_MAX + MARGIN, "no resend");
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
      // Once the server has answered the headers (at once), the client is reading the body.
      const reading = until(() => stall.received.length, (count) => count === 1, 5000, "the request at the server").then(() => sleep(100));
      assertUserAbort(await abortAndMeasure(call, controller, reading));
      await holds(() => stall.received.length, (count) => count === 1, BACKOFF_MAX + MARGIN, "not resent");
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
    // A later call of the same case is sent and logged; it is the only one.
    await cf.organizations.getProfile(targets.org, { headers: { [CASE_HEADER]: marker } });
    const [only] = await requestsArrive(marker, 1);
    assert.equal(only.path, `/organizations/${targets.org}/profile`);
    assert.equal(proxy.received(marker), 1);
  });

  it("an abort beats the timeout: UserAbortError, not ConnectionTimeoutError", async () => {
    const marker = newCase("beats-timeout");
    const controller = new AbortController();
    const options = { signal: controller.signal, timeoutMs: 300, headers: { "cf-emulator-fault": "delay=1000", [CASE_HEADER]: marker } };
    assertUserAbort(await abortAndMeasure(cf.organizations.get(targets.org, options), controller, proxy.arrived(marker)));
  });

  it("iterate: an abort between pages ends the walk; the items already handed out stay", async () => {
    const marker = newCase("between-pages");
    const controller = new AbortController();
    const iterator = cf.organizations.iterateAccounts(targets.accounts, { page_size: 5 }, { signal: controller.signal, headers: { [CASE_HEADER]: marker } })[Symbol.asyncIterator]();
    for (let n = 0; n < 5; n++) assert.equal((await iterator.next()).done, false);
    controller.abort();
    await assert.rejects(iterator.next(), UserAbortError);
    assert.equal((await iterator.next()).done, true, "a walk that failed is over");
    // A later call of the same case is sent and logged after the first page; nothing between.
    await cf.organizations.get(targets.org, { headers: { [CASE_HEADER]: marker } });
    const entries = await requestsArrive(marker, 2);
    assert.deepEqual(entries.map((r) => r.path), [`/organizations/${targets.accounts}/accounts`, `/organizations/${targets.org}`], "the second page was never asked for");
    assert.equal(proxy.received(marker), 2);
  });

  it("a signal shared by many calls keeps no listener once they are done", async () => {
    const controller = new AbortController();
    setMaxListeners(100, controller.signal); // 53 calls at once listen to it: no warning
    // One call held in flight until released: the signal is listened to while it is.
    let fetched;
    const fetchCalled = new Promise((resolve) => { fetched = resolve; });
    let release;
    const held = new Cloudflare({
      baseUrl: "https://api.example.test/client/v4", apiToken: SECRETS.apiToken,
      fetch: () => new Promise((resolve) => { release = resolve; fetched(); }),
    });
    const calls = [held.organizations.get("abc", { signal: controller.signal })];
    for (let n = 0; n < 50; n++) calls.push(cf.organizations.get(targets.org, { signal: controller.signal }));
    calls.push(cf.organizations.get(targets.org, { signal: controller.signal, maxRetries: 1, headers: { "cf-emulator-fault": "retry-after-ms=20" } }).catch(() => {}));
    calls.push(cf.organizations.get(targets.org, { signal: controller.signal, timeoutMs: 50, maxRetries: 0, headers: { "cf-emulator-fault": "delay=200" } }).catch(() => {}));
    await fetchCalled;
    assert.ok(getEventListeners(controller.signal, "abort").length > 0, "listening while in flight");
    release(new Response(JSON.stringify({ success: true, errors: [], messages: [], result: { id: "abc", name: "held" } })));
    await Promise.all(calls);
    assert.equal(getEventListeners(controller.signal, "abort").length, 0, "every listener removed");
  });

  it("the client still works after all those aborts", async () => {
    assert.equal((await cf.organizations.get(targets.org)).id, targets.org);
  });

  after(() => proxy?.close());
});

describe("cancellation with a `fetch` option that ignores request.signal", () => {
  // A test double, a proxy or a service binding may never look at the signal: the client must
  // not wait for it (before the fix in src/transport.rs such a call hung forever).
  const deaf = () => new Promise(() => {});

  /** A promise that resolves when `fetch` is called, and that `fetch`, for a client. */
  const watched = (fetch) => {
    let called;
    const whenCalled = new Promise((resolve) => { called = resolve; });
    return { whenCalled, fetch: (...args) => { called(); return fetch(...args); } };
  };

  it("an abort still rejects within 50 ms", async () => {
    const { fetch, whenCalled } = watched(deaf);
    const client = new Cloudflare({ baseUrl: "https://api.example.test/client/v4", apiToken: SECRETS.apiToken, fetch });
    const controller = new AbortController();
    assertUserAbort(await abortAndMeasure(client.organizations.get("abc", { signal: controller.signal }), controller, whenCalled));
  });

  it("an abort while the body never ends still rejects within 50 ms", async () => {
    let read;
    const reading = new Promise((resolve) => { read = resolve; });
    const { fetch, whenCalled } = watched(() => new Response(new ReadableStream({
      start(c) { c.enqueue(new TextEncoder().encode("{")); },
      pull() { read(); },
    })));
    const endless = new Cloudflare({ baseUrl: "https://api.example.test/client/v4", fetch });
    const controller = new AbortController();
    assertUserAbort(await abortAndMeasure(endless.organizations.listAll({}, { signal: controller.signal }), controller, whenCalled.then(() => reading)));
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

  it("calls started together share a deadline: the one answered first does not end the others' race", async () => {
    // js/values.js: the attempts started in one task share one deadline and one promise their
    // `fetch` is raced against, which its last attempt lets go of. The first is answered at once;
    // the other three never are, and must still end at their timeout.
    let calls = 0;
    const answerFirst = () => (calls++ === 0 ? Response.json({ success: true, errors: [], messages: [], result: { id: "abc", name: "first" } }) : deaf());
    const together = new Cloudflare({ baseUrl: "https://api.example.test/client/v4", fetch: answerFirst, timeoutMs: 150, maxRetries: 0 });
    const outcomes = await Promise.all(["abc", "b", "c", "d"].map((id) => settle(together.organizations.get(id))));
    assert.equal(calls, 4);
    assert.equal(outcomes[0].error, undefined, `${outcomes[0].error?.name}: ${outcomes[0].error?.message}`);
    assert.equal(outcomes[0].value.name, "first");
    for (const { error, ms } of outcomes.slice(1)) {
      assert.equal(error?.name, "ConnectionTimeoutError");
      assert.ok(ms >= 150 && ms < 1000, `took ${ms.toFixed(0)} ms`);
    }
  });
});

describe("calls one after another: a controller that served one call serves the next (Node's entries)", { skip: withoutEmulator() }, () => {
  // js/values.js, `keepControllers`: a deadline's controller whose attempts all ended without an
  // abort is kept for the next deadline. What must not follow from it: a timer or an abort of
  // one call reaching another, or a signal a caller's `fetch` saw aborting after its call.
  let cf;
  let org;
  const delayed = (ms) => ({ headers: { "cf-emulator-fault": `delay=${ms}` } });
  before(async () => {
    org = (await freshOrganization("kept controller")).id;
    cf = new Cloudflare({ baseUrl: emulator.url, apiToken: SECRETS.apiToken, maxRetries: 0 });
  });

  it("the timers of calls done never end a later call", async () => {
    // Had a call's timer outlived it, the last one would fire 150 ms into the slow call.
    for (let n = 0; n < 40; n++) assert.equal((await cf.organizations.get(org, { timeoutMs: 150 })).id, org);
    const { value, error, ms } = await settle(cf.organizations.get(org, { timeoutMs: 3000, ...delayed(600) }));
    assert.equal(error, undefined, `${error?.name}: ${error?.message}`);
    assert.equal(value.id, org);
    assert.ok(ms >= 600, `answered after ${ms.toFixed(0)} ms`);
  });

  it("after a call timed out, the next starts afresh", async () => {
    await assert.rejects(cf.organizations.get(org, { timeoutMs: 100, ...delayed(400) }), (e) => e.name === "ConnectionTimeoutError");
    assert.equal((await cf.organizations.get(org)).id, org);
  });

  it("after a call was aborted, the next starts afresh", async () => {
    const controller = new AbortController();
    const aborted = cf.organizations.get(org, { signal: controller.signal, ...delayed(400) });
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(aborted, (e) => e instanceof UserAbortError);
    assert.equal((await cf.organizations.get(org)).id, org);
  });

  it("the Request a caller's fetch saw never aborts once its call is done", async () => {
    const seen = [];
    const watching = new Cloudflare({
      baseUrl: emulator.url, apiToken: SECRETS.apiToken, maxRetries: 0,
      fetch: (request) => { seen.push(request); return fetch(request); },
    });
    assert.equal((await watching.organizations.get(org)).id, org);
    // The calls after it, one timing out: its controller, had it been kept, would abort here.
    assert.equal((await cf.organizations.get(org)).id, org);
    await assert.rejects(cf.organizations.get(org, { timeoutMs: 100, ...delayed(400) }), (e) => e.name === "ConnectionTimeoutError");
    assert.equal(seen.length, 1);
    assert.equal(seen[0].signal.aborted, false, "the first call's request was aborted by a later call's timeout");
    // Its own timeout still aborts what it saw.
    await assert.rejects(watching.organizations.get(org, { timeoutMs: 100, ...delayed(400) }), (e) => e.name === "ConnectionTimeoutError");
    assert.equal(seen[1].signal.aborted, true);
  });

  it("2000 calls one after another raise no warning (the listeners a kept signal gathers are bounded)", async () => {
    const warnings = [];
    const onWarning = (warning) => warnings.push(`${warning.name}: ${warning.message}`);
    process.on("warning", onWarning);
    try {
      for (let n = 0; n < 2000; n++) await cf.organizations.get(org);
      await sleep(50); // warnings are emitted on the next tick
    } finally {
      process.off("warning", onWarning);
    }
    assert.deepEqual(warnings, []);
  });
});
