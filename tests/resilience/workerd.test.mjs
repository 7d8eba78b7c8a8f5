// The fault matrix's core, in workerd (issue 5): the same emulator faults on a GET, a POST, a PUT,
// a DELETE and a paginating method, run by a Worker that uses the package's workerd entry
// (fixtures/worker.js under Miniflare): the error class and fields, the attempts (from the
// Worker's onRequest hook and from the emulator's log, which a steadfast proxy in front of it
// keeps complete), the waits, POSTs never resent, and cancellation in flight and during a wait. workerd's fetch, AbortSignal and timers are not
// Node's, so the guarantees are checked again here.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  emulator, withoutEmulator, CASE_HEADER, newCase, requestsOf, requestsArrive, skipEarlierRequests, api, freshOrganization,
  startWorker, steadfastProxy, holds, until,
} from "./helpers.mjs";

const SLACK = 3000;
const METHODS = [
  ["get", "GET", (t) => ({ id: t.org })],
  ["create", "POST", (t, marker) => ({ name: `workerd-${marker}` })],
  ["update", "PUT", (t) => ({ id: t.org, name: "workerd target" })],
  ["delete", "DELETE", (t) => ({ id: t.doomed })],
  ["listAll", "GET", (t) => ({ id: t.parent })],
];
const idempotent = (verb) => verb !== "POST";

const FAULTS = [
  { name: "404", header: "status=404", options: { maxRetries: 2 }, expect: () => ({ name: "NotFoundError", attempts: 1, fields: { status: 404 } }) },
  { name: "503", header: "status=503", options: { maxRetries: 1 }, expect: (v) => ({ name: "InternalServerError", attempts: idempotent(v) ? 2 : 1, minMs: idempotent(v) ? 375 : 0 }) },
  { name: "429 with retry-after-ms 200", header: "retry-after-ms=200", options: { maxRetries: 1 }, expect: () => ({ name: "RateLimitError", attempts: 2, minMs: 200, fields: { retryAfterMs: 200 } }) },
  { name: "Retry-After 61 s: not waited for", header: "retry-after=61", options: { maxRetries: 2 }, expect: () => ({ name: "RateLimitError", attempts: 1, maxMs: 1500, fields: { retryAfterMs: 61_000 } }) },
  { name: "HTML 502", header: "html=502", options: { maxRetries: 0 }, expect: () => ({ name: "InternalServerError", attempts: 1, fields: { status: 502, errors: [] } }) },
  { name: "delay past timeoutMs", header: "delay=1000", options: { maxRetries: 1, timeoutMs: 300 }, expect: (v) => ({ name: "ConnectionTimeoutError", attempts: idempotent(v) ? 2 : 1, minMs: idempotent(v) ? 600 + 375 : 300, fields: { timeoutMs: 300 } }) },
  { name: "connection closed", header: "close", options: { maxRetries: 1 }, expect: (v) => ({ name: "ConnectionError", attempts: idempotent(v) ? 2 : 1 }) },
  { name: "body cut short", header: "truncate", options: { maxRetries: 0 }, expect: () => ({ name: "ConnectionError", attempts: 1 }) },
  { name: "200 with success:false", header: "success-false", options: { maxRetries: 2 }, expect: () => ({ name: "ApiError", attempts: 1, fields: { status: 200 } }) },
  { name: "redirect", header: "redirect", options: { maxRetries: 2 }, expect: () => ({ name: "InvalidResponseError", attempts: 1, fields: { status: 302 } }) },
];

describe("workerd: faults and cancellation in the Worker runtime", { skip: withoutEmulator() }, () => {
  let worker;
  let proxy;
  const targets = {};
  before(async () => {
    await skipEarlierRequests();
    proxy = await steadfastProxy();
    worker = await startWorker({ baseUrl: proxy.url });
    const parent = await freshOrganization("workerd parent");
    for (const n of [1, 2, 3]) await api("POST", "/organizations", { name: `workerd child ${n}`, parent: { id: parent.id } });
    Object.assign(targets, { parent: parent.id, org: (await freshOrganization("workerd target")).id });
  });
  after(async () => {
    await worker?.dispose();
    await proxy?.close();
  });

  describe("faults", { concurrency: 8 }, () => {
    for (const [op, verb, argOf] of METHODS) {
      for (const fault of FAULTS) {
        it(`${op} × ${fault.name}`, async () => {
          const marker = newCase(`workerd-${op}`);
          const t = { ...targets, doomed: op === "delete" ? (await freshOrganization(`workerd doomed ${marker}`)).id : undefined };
          const expected = fault.expect(verb);
          const started = performance.now();
          const outcome = await worker.call({ op, arg: argOf(t, marker), options: { ...fault.options, headers: { "cf-emulator-fault": fault.header, [CASE_HEADER]: marker } } });
          const ms = performance.now() - started;
          assert.equal(outcome.ok, false, `resolved: ${JSON.stringify(outcome)}`);
          assert.equal(outcome.name, expected.name, outcome.message);
          assert.equal(outcome.isError, true);
          assert.equal(outcome.fields.name, expected.name, "JSON.stringify keeps the name");
          for (const [field, value] of Object.entries(expected.fields ?? {})) assert.deepEqual(outcome.fields[field], value, field);
          assert.equal(outcome.attempts, expected.attempts, "attempts (onRequest in the Worker)");
          assert.ok(ms >= (expected.minMs ?? 0), `took ${ms.toFixed(0)} ms, less than ${expected.minMs} ms`);
          assert.ok(ms <= (expected.maxMs ?? 1000 + SLACK), `took ${ms.toFixed(0)} ms`);
          await until(() => proxy.received(marker), (n) => n >= expected.attempts, 5000, "every attempt at the network");
          assert.equal(proxy.received(marker), expected.attempts, "attempts (at the network)");
          await requestsArrive(marker, expected.attempts); // a delayed one once its delay is over
          // The same isolate's client serves the next call.
          const next = await worker.call({ op: "get", arg: { id: targets.org } });
          assert.deepEqual([next.ok, next.value], [true, targets.org]);
        });
      }
    }
  });

  it("abort in flight: UserAbortError, long before the answer would have come, nothing resent", async () => {
    for (const [op, , argOf] of METHODS) {
      const marker = newCase(`workerd-abort-${op}`);
      const t = { ...targets, doomed: (await freshOrganization(`workerd abort ${marker}`)).id };
      const started = performance.now();
      const outcome = await worker.call({ op, arg: argOf(t, marker), options: { maxRetries: 2, headers: { "cf-emulator-fault": "delay=1500", [CASE_HEADER]: marker } }, abortAfterMs: 100 });
      const ms = performance.now() - started;
      assert.equal(outcome.name, "UserAbortError", `${op}: ${outcome.message}`);
      assert.equal(outcome.attempts, 1);
      assert.ok(ms < 1000, `${op}: answered after ${ms.toFixed(0)} ms`);
      // It was in flight (at the network), and the emulator logs it when its delay ends, later
      // than a retry would have been sent (a backoff of at most 500 ms after the abort).
      assert.equal(proxy.received(marker), 1, `${op}: at the network`);
      await requestsArrive(marker, 1);
      assert.equal(proxy.received(marker), 1, `${op}: never resent`);
    }
  });

  it("abort during a server-asked wait: UserAbortError at once, the retry never sent (watched past the wait)", async () => {
    for (const [op, , argOf] of METHODS) {
      const marker = newCase(`workerd-wait-${op}`);
      const t = { ...targets, doomed: (await freshOrganization(`workerd wait ${marker}`)).id };
      const started = performance.now();
      const outcome = await worker.call({ op, arg: argOf(t, marker), options: { maxRetries: 2, headers: { "cf-emulator-fault": "retry-after-ms=1000", [CASE_HEADER]: marker } }, abortAfterResponseMs: 50 });
      const ms = performance.now() - started;
      assert.equal(outcome.name, "UserAbortError", `${op}: ${outcome.message}`);
      assert.ok(ms < 900, `${op}: answered after ${ms.toFixed(0)} ms (the wait was 1000 ms)`);
      await requestsArrive(marker, 1);
      // The retry would come 1 s after the answer (cancel.test.mjs shows a retry arrives so).
      await holds(() => requestsOf(marker), (e) => e.length === 1, started + 2000 - performance.now(), `${op}: no retry`);
    }
  });
});
