// Called from Rust (src/interop.rs, src/transport.rs): the few questions the core asks of JS
// values, each answered in one call across the wasm boundary and never by throwing, and one
// attempt of a request handed over in one call. One module for both: the Rust side's JS is loaded
// as few modules as it can be (each is one more request for a page that loads the unbundled
// glue, as wasm-bindgen's test runner does).

/**
 * `JSON.parse`, or `undefined` (which JSON never yields) for text that is not JSON. The
 * exception is caught here rather than by wasm-bindgen: with wasm-bindgen 0.2.130 each call of
 * a `catch` import that throws leaks one externref table slot.
 */
export function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The first `n` UTF-16 code units of `text`: a response body's snippet, for an error. */
export function head(text, n) {
  return text.slice(0, n);
}

/** `JSON.stringify`, or `undefined` when it throws (a `BigInt`, a cycle, a throwing `toJSON`). */
export function jsonText(value) {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

/**
 * Calls a hook with its info; whether it returned rather than threw. Hooks observe: what one
 * throws must not break the call, and is caught here, not by wasm-bindgen (see `parseJson`).
 */
export function callHook(hook, info) {
  try {
    hook(info);
    return true;
  } catch {
    return false;
  }
}

// The order of the core's `Kind`: Null, Bool, Number, String, Array, Object, Function, Other.
const KINDS = { boolean: 1, number: 2, string: 3, object: 5, function: 6 };

/**
 * The kind of a value, as the number the core's `Kind` enum reads; a valid `Date` is a string.
 * A value these questions throw on (a revoked proxy, an object made from `Date.prototype`) is
 * Other: the core then names what it should have been.
 */
export function kindOf(value) {
  if (value === null || value === undefined) return 0;
  try {
    if (Array.isArray(value)) return 4;
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? 7 : 3;
  } catch {
    return 7;
  }
  return KINDS[typeof value] ?? 7;
}

/** `Object.keys(value)`, or `[]` when they cannot be read (a proxy whose trap throws). */
export function keysOf(value) {
  try {
    return Object.keys(value);
  } catch {
    return [];
  }
}

/** An array's items as a plain array; `[]` for anything else, or one whose items cannot be read. */
export function itemsOf(value) {
  try {
    return Array.isArray(value) ? Array.from(value) : [];
  } catch {
    return [];
  }
}

/** `object[key]`, or `undefined` when it is not an object or a getter or proxy throws. */
export function member(object, key) {
  if (object === null || (typeof object !== "object" && typeof object !== "function")) return undefined;
  try {
    return object[key];
  } catch {
    return undefined;
  }
}

/** The kind of `object[key]`, or -1 when absent (or `undefined`). */
export function memberKind(object, key) {
  const value = member(object, key);
  return value === undefined ? -1 : kindOf(value);
}

/**
 * Whether `items` is an array of objects whose members named in `names` (comma-separated) are
 * all strings: a whole page checked in one call. `false` sends the caller to its item-by-item
 * walk, which names what is wrong.
 */
export function recordsWithStrings(items, names) {
  // No names: only objects are asked for (audit entries, usage records). A model requires at most
  // two (core/src/endpoint.rs, `required_strings`); each read from its own site sees one key, so
  // V8 keeps it monomorphic over a page of items of one shape, where a loop over the names made
  // one megamorphic site (3-5x slower over a page of 1000).
  const [first, second, ...more] = names ? names.split(",") : [];
  if (more.length > 0) return false;
  try {
    if (!Array.isArray(items)) return false;
    for (const item of items) {
      if (item === null || typeof item !== "object" || Array.isArray(item)) return false;
      if (first !== undefined && typeof item[first] !== "string") return false;
      if (second !== undefined && typeof item[second] !== "string") return false;
    }
  } catch {
    return false;
  }
  return true;
}

/**
 * Whether `value` is an `AbortSignal` whose state can be read. `instanceof` alone also passes an
 * object made from its prototype (`Object.create(AbortSignal.prototype)`), whose `aborted`
 * getter then throws: read from Rust, that exception would escape the call's promise.
 */
export function isAbortSignal(value) {
  if (!(value instanceof AbortSignal)) return false;
  try {
    return typeof value.aborted === "boolean";
  } catch {
    return false;
  }
}

/** A `Date` as RFC 3339 text (`toISOString()`), or `undefined` for anything else or a lookalike. */
export function dateText(value) {
  try {
    return value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : undefined;
  } catch {
    return undefined;
  }
}

/** The resolvers of the promises methods have returned and not settled yet, by id. */
const promises = new Map();

/** A promise for a method to return, settled by `settlePromise` under the same id. */
export function newPromise(id) {
  return new Promise((resolve, reject) => promises.set(id, [resolve, reject]));
}

/** Resolves (`ok`) or rejects the promise of `id` with `value`. */
export function settlePromise(id, value, ok) {
  const [resolve, reject] = promises.get(id);
  promises.delete(id);
  (ok ? resolve : reject)(value);
}

// One attempt of a request, and the wait before a retry (src/transport.rs): the request init,
// the deadline and the caller's signal are plain JS here; building them from Rust cost a dozen
// crossings of the wasm boundary per call (issue 15). Each reports its outcome through the one
// callback the binding hands over (`settle(id, value, ok)`), by the id it was given: no promise
// for the binding to wrap in closures of its own.

/** The binding's callback, set once by `useSettler`. */
let settle;

/** Called by the binding, once, with the callback attempts and waits settle through. */
export function useSettler(callback) {
  settle = callback;
}

/** Why an attempt failed, as `attempt` rejects with `[why, cause]`. */
const ABORTED = 0; // the caller's signal aborted
const TIMED_OUT = 1; // `timeoutMs` passed
const FAILED = 2; // fetch itself failed, or handed back something that is not a Response

/**
 * A response header for the head line: `=value`, or nothing when absent (values hold no `\n`)
 * or when a `fetch` option's Response cannot give it (a header is not worth failing a call for).
 */
const header = (response, name) => {
  try {
    const value = response.headers.get(name);
    return typeof value === "string" ? `=${value}` : "";
  } catch {
    return "";
  }
};

/**
 * Sends one request and reads its body, within `timeoutMs` (body included, on a deadline it may
 * share: `deadlineFor`) and until the caller's `signal` aborts. `lines` is
 * `method\nurl\nname\nvalue\n...`, each part ended by `\n` (the core refuses control characters in
 * the base URL and in header names and values, and percent-encodes the path and query): one
 * string, copied out of the wasm once where three cost a decode each. A caller's `fetch` gets a
 * `Request` and is raced against the deadline too, since a test double or a proxy may ignore
 * `request.signal`; the global `fetch` (looked up at each call, so a replaced one is honoured)
 * honours it itself.
 * A redirect (never followed: credentials go only to the base URL), an opaque redirect and a 204
 * have no body worth reading: the core's `read` (core/src/response.rs) answers 0 and 3xx with an
 * InvalidResponseError whatever the body, and a 204 is an answer only where an operation answers
 * no content.
 * Settles `id` with `[status, head, text]` (`ok`): `head` is `cf-ray\nretry-after\nretry-after-ms`,
 * each `=value` or empty when absent (one string, read by Rust in one crossing), and `text` is
 * undefined when not read; or fails it with `[why, cause]`. It settles at its own end, rather than
 * through a `then` on its promise: one microtask and two closures fewer per attempt.
 */
export async function attempt(id, fetchFn, lines, body, timeoutMs, signal) {
  let deadline;
  const guarded = (promise) => (fetchFn ? Promise.race([promise, abortedOf(deadline)]) : promise);
  let outcome;
  let ok = false;
  try {
    // Inside the `try`: whatever throws here is reported as the attempt's failure, with its cause
    // (nothing outside it may throw: `id` would never be settled).
    deadline = deadlineFor(timeoutMs, signal);
    // A caller's `fetch` sees the `Request`, whose signal follows the controller: that controller
    // must not serve later calls (`keepControllers`), or the signal of a Request long done could
    // abort with them.
    if (fetchFn) deadline.shown = true;
    const parts = lines.split("\n");
    const url = parts[1];
    const pairs = [];
    for (let i = 2; i + 1 < parts.length; i += 2) pairs.push([parts[i], parts[i + 1]]);
    const init = { method: parts[0], headers: pairs, signal: deadline.controller.signal, redirect: "manual" };
    if (body !== undefined) init.body = body;
    const response = await guarded(fetchFn ? fetchFn(new Request(url, init)) : fetch(url, init));
    if (!(response instanceof Response)) throw "the fetch function resolved to something that is not a Response";
    const status = response.status;
    const head = `${header(response, "cf-ray")}\n${header(response, "retry-after")}\n${header(response, "retry-after-ms")}`;
    if (status === 0 || (status >= 300 && status < 400) || status === 204) {
      response.body?.cancel().catch(() => {});
      outcome = [status, head, undefined];
    } else {
      const text = await guarded(response.text());
      // A `fetch` option may hand back a Response whose `text()` yields something else.
      if (typeof text !== "string") throw "the response's text() resolved to something that is not a string";
      outcome = [status, head, text];
    }
    ok = true;
  } catch (cause) {
    if (signal?.aborted) outcome = [ABORTED, signal.reason];
    else if (deadline?.timedOut) outcome = [TIMED_OUT, deadline.controller.signal.reason];
    else outcome = [FAILED, cause];
  } finally {
    if (deadline) release(deadline);
  }
  settle(id, outcome, ok);
}

/** The deadline attempts may still join (`deadlineFor`), until its task is over. */
let open;

/**
 * Whether a deadline's controller, once its attempts are done, may serve the next deadline
 * (`keepControllers`), and the one kept, with how many attempts it has served.
 */
let keeping = false;
let spare;
let spareServed = 0;

/**
 * Attempts one controller serves at most. The global `fetch` of Node (undici) leaves a listener on
 * the signal for each request until the collector takes that request: a bound on them.
 */
const SERVES = 32;

/**
 * Called by the Node entries: a controller whose attempts all ended without an abort serves the
 * next deadline, where each made its own. In Node 20 a new controller's signal is the largest
 * piece of an attempt's own JS, and it outlives the young generation: 200,000 of them make five full
 * collections (bench/RESULTS.md, issue 15). Not in Workers, where a controller made while serving
 * one request cannot be used while serving another; browsers make signals natively, cheaply.
 */
export function keepControllers() {
  keeping = true;
}

/** A settled promise: its reactions run before the current task is over. */
const done = Promise.resolve();

/**
 * The deadline of the attempts that start in the same task with the same `timeoutMs` and the
 * same caller's `signal` as the one opened last: one controller, one timer and one listener on
 * the caller's signal for all of them, where each attempt made its own (16 calls started together
 * make one, not 16: in Node 20 a controller's signal and a timer cost more than the rest of an
 * attempt's JS). Its timer is armed once the code that started them has run (a reaction on a
 * settled promise), so no attempt times out before its own `timeoutMs` has passed; a timer armed
 * at its start could not have fired before then either. A caller's abort reaches exactly the
 * attempts given that signal, and the timer is cleared once the last attempt on it is done.
 */
function deadlineFor(timeoutMs, signal) {
  // The open deadline has not timed out (its timer is not armed yet), nor has its caller's
  // signal aborted: the binding starts no attempt on an aborted one.
  if (open?.timeoutMs === timeoutMs && open.signal === signal) {
    open.pending += 1;
    open.served += 1;
    return open;
  }
  const controller = spare ?? new AbortController();
  const served = spare ? spareServed + 1 : 1;
  spare = undefined;
  const deadline = {
    timeoutMs,
    signal,
    pending: 1,
    served,
    shown: false,
    timedOut: false,
    controller,
    timer: undefined,
    aborted: undefined,
    reject: undefined,
  };
  deadline.follow = () => abort(deadline);
  signal?.addEventListener("abort", deadline.follow);
  open = deadline;
  // Closed to later attempts, and armed, before this task is over: in Workers a controller made
  // while serving one request cannot be used while serving another, and each request is served
  // by tasks of its own. (A reaction rather than `queueMicrotask`, which Node wraps in an
  // `AsyncResource`: 2% more instructions for a get made alone.)
  done.then(() => {
    if (open === deadline) open = undefined;
    if (deadline.pending === 0) return;
    deadline.timer = setTimeout(() => {
      deadline.timedOut = true;
      abort(deadline);
    }, timeoutMs);
  });
  return deadline;
}

/**
 * Aborts the deadline's controller, and so every request on it, and rejects what a caller's
 * `fetch` is raced against (`abortedOf`). Only this module aborts the controller: at the timer, and
 * when the caller's signal aborts.
 */
function abort(deadline) {
  deadline.controller.abort();
  deadline.reject?.();
}

/**
 * A promise that rejects when the deadline aborts, made once for the attempts on it. Not a
 * listener on the controller's signal: undici keeps each `Request`'s signal until a full
 * collection, and what a listener holds with it (the race, the `Response` and its text) would stay
 * in the old generation as long (bench/RESULTS.md, issue 15).
 */
function abortedOf(deadline) {
  deadline.aborted ??= new Promise((_, reject) => {
    deadline.reject = reject;
  });
  return deadline.aborted;
}

/**
 * An attempt is done with its deadline; the last one clears the timer and the listener, lets go
 * of the races' promise, and keeps the controller for the next deadline when it may
 * (`keepControllers`). A deadline that opens at once takes the controller, not this one's timer:
 * its own is armed later, this one's is cleared.
 */
function release(deadline) {
  deadline.pending -= 1;
  if (deadline.pending > 0) return;
  if (open === deadline) open = undefined;
  clearTimeout(deadline.timer);
  deadline.signal?.removeEventListener("abort", deadline.follow);
  // The promise holds every race run on it, and each race its `Response` and text. In Node 20 the
  // deadline itself outlives the young generation after a call through a `fetch` option (what
  // holds it there is gone at a full collection): without this, all of that went with it, 1.2 KB
  // more promoted a get (bench/RESULTS.md, issue 15).
  deadline.aborted = undefined;
  deadline.reject = undefined;
  const { controller, served } = deadline;
  if (keeping && !deadline.shown && served < SERVES && !controller.signal.aborted) {
    spare = controller;
    spareServed = served;
  }
}

/**
 * Waits `ms` before a retry, then settles `id`; fails it (with nothing: the core names it a
 * UserAbortError) as soon as the caller's `signal` aborts, or at once when it already has.
 * Here rather than built from Rust: the promise, the timer and the listener built there were
 * five imports of the .wasm (`Promise::new`, `setTimeout`, `clearTimeout`,
 * `add`/`removeEventListener`), more wrappers for the engine to compile at start-up.
 */
export function wait(id, signal, ms) {
  if (signal?.aborted) return settle(id, undefined, false);
  const stop = () => {
    clearTimeout(timer);
    settle(id, undefined, false);
  };
  const timer = setTimeout(() => {
    signal?.removeEventListener("abort", stop);
    settle(id, undefined, true);
  }, ms);
  signal?.addEventListener("abort", stop, { once: true });
}
