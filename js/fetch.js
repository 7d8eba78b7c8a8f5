// Called from Rust (src/transport.rs): one attempt of a request, handed over in one call. The
// request init, the deadline and the caller's signal are plain JS here; building them from Rust
// cost a dozen crossings of the wasm boundary per call (issue 15).

/** Why an attempt failed, as `attempt` rejects with `[why, cause]`. */
const ABORTED = 0; // the caller's signal aborted
const TIMED_OUT = 1; // `timeoutMs` passed
const FAILED = 2; // fetch itself failed, or handed back something that is not a Response

/**
 * Sends one request and reads its body, within `timeoutMs` (body included) and until the
 * caller's `signal` aborts. `headers` is `name\nvalue\n...` (the core refuses control characters
 * in names and values, so `\n` separates them safely). A caller's `fetch` gets a `Request` and is
 * raced against the deadline too, since a test double or a proxy may ignore `request.signal`; the
 * global `fetch` (looked up at each call, so a replaced one is honoured) honours it itself.
 * A redirect (never followed: credentials go only to the base URL), an opaque redirect and a 204
 * have no body worth reading (`ResponseHead::is_redirect` in the core says the same).
 * Resolves to `[response, text]` (`text` undefined when not read); rejects with `[why, cause]`.
 */
export async function attempt(fetchFn, url, method, headers, body, timeoutMs, signal) {
  const deadline = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    deadline.abort();
  }, timeoutMs);
  const follow = () => deadline.abort();
  signal?.addEventListener("abort", follow);
  let aborted;
  const guarded = (promise) => {
    if (!fetchFn) return promise;
    aborted ??= new Promise((_, reject) => deadline.signal.addEventListener("abort", reject));
    return Promise.race([promise, aborted]);
  };
  try {
    const lines = headers.split("\n");
    const pairs = [];
    for (let i = 0; i + 1 < lines.length; i += 2) pairs.push([lines[i], lines[i + 1]]);
    const init = { method, headers: pairs, signal: deadline.signal, redirect: "manual" };
    if (body !== undefined) init.body = body;
    const response = await guarded(fetchFn ? fetchFn(new Request(url, init)) : fetch(url, init));
    if (!(response instanceof Response)) throw "the fetch function resolved to something that is not a Response";
    const status = response.status;
    if (status === 0 || (status >= 300 && status < 400) || status === 204) {
      response.body?.cancel().catch(() => {});
      return [response, undefined];
    }
    const text = await guarded(response.text());
    // A `fetch` option may hand back a Response whose `text()` yields something else.
    if (typeof text !== "string") throw "the response's text() resolved to something that is not a string";
    return [response, text];
  } catch (cause) {
    if (signal?.aborted) throw [ABORTED, signal.reason];
    if (timedOut) throw [TIMED_OUT, deadline.signal.reason];
    throw [FAILED, cause];
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", follow);
  }
}
