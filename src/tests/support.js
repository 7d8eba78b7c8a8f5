// JavaScript helpers for the binding's wasm tests (src/tests/): things easier to write in JS
// than through js-sys. wasm-bindgen copies this file alone into the test bundle, so it
// imports nothing from the repository; classes to check come in as arguments.
"use strict";

/** Resolves after `ms` milliseconds. */
export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Whether this runs in a browser page (the Chrome run) rather than Node. */
export function inBrowser() {
  return typeof window !== "undefined" && typeof document !== "undefined";
}

/** `value instanceof cls`, for a class handed in from Rust. */
export function isInstance(value, cls) {
  return value instanceof cls;
}

/** The admin request log after `since` (0: all of it): `[{seq, method, path, query, ...}]`. */
export async function requestsSince(admin, since) {
  const response = await fetch(`${admin}/requests?since=${since}`);
  if (!response.ok) throw new Error(`GET ${admin}/requests answered ${response.status}`);
  return (await response.json()).requests;
}

/** The seq of the newest request in the log (0 when it is empty). */
export async function lastSeq(admin) {
  const requests = await requestsSince(admin, 0);
  return requests.length === 0 ? 0 : requests[requests.length - 1].seq;
}

/**
 * The demo seed's ids, looked up by name in the emulator's state (never hard-coded: the seed
 * may change): `{ acmeCorp, acmeEmea, acmeAmericas, globex, acmeCorpAccount, alice }`, where
 * `alice` is the user of Acme Corp and Acme EMEA.
 */
export async function seedIds(admin) {
  const response = await fetch(`${admin}/state`);
  if (!response.ok) throw new Error(`GET ${admin}/state answered ${response.status}`);
  const state = await response.json();
  const org = (name) => {
    const found = state.organizations.find((o) => o.name === name);
    if (!found) throw new Error(`no organization named ${name}: is the emulator's seed demo?`);
    return found.id;
  };
  const ids = { acmeCorp: org("Acme Corp"), acmeEmea: org("Acme EMEA"), acmeAmericas: org("Acme Americas"), globex: org("Globex") };
  ids.acmeCorpAccount = state.accounts.find((a) => a.organization_id === ids.acmeCorp)?.id;
  const both = [ids.acmeCorp, ids.acmeEmea].sort().join();
  ids.alice = state.users.find((u) => [...u.organization_ids].sort().join() === both)?.id;
  if (!ids.acmeCorpAccount || !ids.alice) throw new Error("the demo seed has no Acme Corp account or user");
  return ids;
}

/** Queues a fault through the admin route (for requests whose headers we do not set). */
export async function queueFault(admin, fault) {
  const response = await fetch(`${admin}/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(fault),
  });
  if (!response.ok) throw new Error(`POST ${admin}/faults answered ${response.status}: ${await response.text()}`);
}

/** Empties the fault queue. */
export async function clearFaults(admin) {
  await fetch(`${admin}/faults`, { method: "DELETE" });
}

/**
 * A `fetch` double: answers each call with the next scripted step, and records every call
 * (its request's method, URL, redirect mode, headers and a promise of its body's text).
 * A step is `{status, body, headers}` (a `Response` built from them), `{reject: "message"}` (a rejected promise, like a refused connection), or
 * `{raw: value}` (a promise of that value, which is not a Response). A response step with
 * `delay` (ms) answers that much later.
 */
export function scriptedFetch(steps) {
  const script = [...steps];
  const calls = [];
  const fetchDouble = function (input, init) {
    const request = input instanceof Request ? input : new Request(input, init);
    calls.push({
      thisValue: this,
      thisIsUndefined: this === undefined,
      isRequest: input instanceof Request,
      method: request.method,
      url: request.url,
      redirect: request.redirect,
      headers: Object.fromEntries(request.headers),
      // A promise of the body's text ("" when there is none).
      bodyText: request.clone().text(),
    });
    const step = script.shift();
    if (step === undefined) return Promise.reject(new TypeError("scripted fetch: no step left"));
    if (step.reject !== undefined) return Promise.reject(new TypeError(step.reject));
    if ("raw" in step) return Promise.resolve(step.raw);
    const response = new Response(step.body ?? null, { status: step.status ?? 200, headers: step.headers ?? {} });
    if (step.delay === undefined) return Promise.resolve(response);
    return new Promise((resolve) => setTimeout(() => resolve(response), step.delay));
  };
  return { fetch: fetchDouble, calls, remaining: () => script.length };
}

/**
 * A `fetch` that hands each request to `double` (a scriptedFetch) and, at its first call, calls
 * `state.organizations.get("nested")` from inside (set `organizations` before the first call);
 * `state.nested` is the promise that call returned.
 */
export function reentrantFetch(double) {
  const state = { organizations: undefined, nested: undefined };
  let first = true;
  state.fetch = function (request) {
    const response = double.fetch(request);
    if (first) {
      first = false;
      state.nested = state.organizations.get("nested");
    }
    return response;
  };
  return state;
}

/**
 * A `fetch` that counts its calls and hands each request to the global fetch; `onCall`, when
 * set, is called at each call.
 */
export function countingFetch() {
  const state = { count: 0, times: [] };
  state.fetch = function (request) {
    state.count += 1;
    state.times.push(Date.now());
    state.onCall?.();
    return globalThis.fetch(request);
  };
  return state;
}

/**
 * Replaces the global fetch with a spy that counts its calls and hands each one to `answer`;
 * `restore()` puts the original back.
 */
export function spyOnGlobalFetch(answer) {
  const original = globalThis.fetch;
  const spy = { count: 0 };
  globalThis.fetch = function (...args) {
    spy.count += 1;
    return answer(...args);
  };
  spy.restore = () => {
    globalThis.fetch = original;
  };
  return spy;
}

/** Aborts `controller` after `ms`; the returned object gets `at` (Date.now()) when it fires. */
export function abortLater(controller, ms) {
  const state = { at: 0 };
  setTimeout(() => {
    state.at = Date.now();
    controller.abort();
  }, ms);
  return state;
}

/**
 * Aborts `controller` `ms` after the counting fetch `counter` is first called (the request is
 * then on its way, not merely planned); `state.at` as for abortLater.
 */
export function abortAfterFetch(controller, counter, ms) {
  const state = { at: 0 };
  counter.onCall = () => {
    counter.onCall = undefined;
    setTimeout(() => {
      state.at = Date.now();
      controller.abort();
    }, ms);
  };
  return state;
}

/** An `onResponse` hook that aborts `controller` then and there, before the call goes on. */
export function abortInHook(controller) {
  return { hook: () => controller.abort() };
}

/**
 * An `onResponse` hook that aborts `controller` `ms` after the first response arrives (so the
 * abort lands in the retry wait); `state.at` is when it fired, `state.responses` the count.
 */
export function abortAfterFirstResponse(controller, ms) {
  const state = { at: 0, responses: 0 };
  state.hook = () => {
    state.responses += 1;
    if (state.responses === 1) {
      setTimeout(() => {
        state.at = Date.now();
        controller.abort();
      }, ms);
    }
  };
  return state;
}

/** Hooks that record what they are given: `infos` in call order, each with its `kind`. */
export function hookRecorder() {
  const state = { infos: [], requests: [], responses: [] };
  state.onRequest = (info) => {
    state.infos.push({ kind: "request", info });
    state.requests.push(info);
  };
  state.onResponse = (info) => {
    state.infos.push({ kind: "response", info });
    state.responses.push(info);
  };
  return state;
}

/** A hook that throws: it must not break the call. */
export function throwingHook() {
  return () => {
    throw new Error("a hook that throws");
  };
}

/** An object with AbortSignal's prototype (so `instanceof AbortSignal`) whose getters throw. */
export function signalLookalike() {
  return Object.create(AbortSignal.prototype);
}

/** An object made from `Date.prototype`: `instanceof Date`, but its methods throw. */
export function dateLookalike() {
  return Object.create(Date.prototype);
}

/** An array proxy whose every read throws, and an object proxy whose keys cannot be listed. */
export function throwingProxies() {
  const fail = () => {
    throw new Error("a trap that throws");
  };
  return [new Proxy([], { get: fail }), new Proxy({}, { ownKeys: fail })];
}

/**
 * Counts the timers set, by delay, until the returned function is called: it stops counting and
 * returns the counts (`{ [ms]: count }`) once the reactions already queued have run (a deadline's
 * timer is armed in one).
 */
export function countTimers() {
  const { setTimeout } = globalThis;
  const timers = {};
  globalThis.setTimeout = (callback, ms, ...args) => {
    timers[ms] = (timers[ms] ?? 0) + 1;
    return setTimeout(callback, ms, ...args);
  };
  return async () => {
    await null;
    globalThis.setTimeout = setTimeout;
    return timers;
  };
}

/** Iterates an AsyncIterable with `for await`, stopping (and so calling `return`) after `limit` items. */
export async function collect(iterable, limit) {
  const items = [];
  for await (const item of iterable) {
    items.push(item);
    if (limit !== undefined && items.length >= limit) break;
  }
  return items;
}

/** Calls `target[method](...args)` and reports whether it threw synchronously. */
export function callSync(target, method, args) {
  try {
    return { threw: false, value: target[method](...args) };
  } catch (error) {
    return { threw: true, error };
  }
}

/** `new Cls(options)`, reporting a synchronous throw. */
export function construct(Cls, options) {
  try {
    return { threw: false, value: new Cls(options) };
  } catch (error) {
    return { threw: true, error };
  }
}

/** Every string a user could see of an error: message, stack, JSON.stringify, String(). */
export function errorTexts(error) {
  return [String(error?.message), String(error?.stack), JSON.stringify(error), String(error)];
}

/** `JSON.stringify`, with functions and other values that JSON drops shown by type. */
export function dump(value) {
  try {
    const text = JSON.stringify(value, (_, v) => (typeof v === "function" ? `[function ${v.name}]` : v));
    return text === undefined ? String(value) : text;
  } catch {
    return String(value);
  }
}
