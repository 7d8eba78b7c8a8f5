// Never panic, in wasm (issue 5): ONE client is fed, through its `fetch` option, every malformed
// response of the suite on every method — HTML, empty, truncated and non-object JSON, envelopes
// without `success` or `result`, results of the wrong shape, missing or mistyped ids, endless page
// tokens, redirects, odd statuses, junk Retry-After values, 16 MB bodies, invalid UTF-8, JSON
// nested 100,000 deep, broken streams, and `fetch` functions that throw, reject with odd values or
// resolve to things that are not Responses. Every call must settle with the expected outcome (a
// CloudflareError, never a TypeError or a wasm trap, never an uncaught exception), and afterwards
// the same instance must serve good requests on every method (the seventeen operations and their
// listAll/iterate variants). No emulator needed.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { pkg, collect } from "./helpers.mjs";

const { Cloudflare, CloudflareError } = pkg;
const BASE = "https://api.example.test/client/v4";
const ORG = { id: "0123456789abcdef0123456789abcdef", name: "Org" };
const RANGE = { since: "2026-11-01", before: "2026-11-02" };
const PROFILE = { business_name: "a", business_email: "b", business_phone: "c", business_address: "d", external_metadata: "e" };

/** The methods by the shape of result they expect. */
const GROUPS = {
  one: ["create", "get", "update"],
  /** An object whose `id` is a string. */
  deleted: ["delete", "members.get", "members.create"],
  profile: ["getProfile"],
  none: ["updateProfile", "members.delete"],
  /** One page by token, items with string ids (organizations and shares also need a name). */
  page: ["list", "listAccounts", "members.list"],
  walk: ["listAll", "iterate", "listAllAccounts", "iterateAccounts", "members.listAll", "members.iterate"],
  /** Audit entries by cursor: any objects. */
  records: ["audit.list", "audit.history"],
  recordWalk: ["audit.listAll", "audit.iterate", "audit.historyAll"],
  /** Usage records: an array of objects, not paged. */
  usage: ["usage.get"],
  /** The members a batch created: objects with string ids, not paged. */
  batch: ["members.batchCreate"],
  /** Shares by page number, items with a string id and name. */
  numbered: ["shares.list"],
  numberedWalk: ["shares.listAll", "shares.iterate"],
};
/** The groups whose result is an array of objects with string ids and names, or of any objects. */
const ARRAYS = ["page", "walk", "records", "recordWalk", "usage", "batch", "numbered", "numberedWalk"];
const ANY_OBJECTS = ["records", "recordWalk", "usage"];
const groupOf = Object.fromEntries(Object.entries(GROUPS).flatMap(([g, names]) => names.map((n) => [n, g])));
const CALLS = {
  create: (o, opts) => o.create({ name: "x" }, opts),
  list: (o, opts) => o.list({}, opts),
  listAll: (o, opts) => o.listAll({}, opts),
  iterate: (o, opts) => collect(o.iterate({}, opts)),
  get: (o, opts) => o.get(ORG.id, opts),
  update: (o, opts) => o.update(ORG.id, { name: "y" }, opts),
  delete: (o, opts) => o.delete(ORG.id, opts),
  listAccounts: (o, opts) => o.listAccounts(ORG.id, {}, opts),
  listAllAccounts: (o, opts) => o.listAllAccounts(ORG.id, {}, opts),
  iterateAccounts: (o, opts) => collect(o.iterateAccounts(ORG.id, {}, opts)),
  getProfile: (o, opts) => o.getProfile(ORG.id, opts),
  updateProfile: (o, opts) => o.updateProfile(ORG.id, PROFILE, opts),
  "audit.list": (o, opts) => o.logs.audit.list(ORG.id, RANGE, opts),
  "audit.listAll": (o, opts) => o.logs.audit.listAll(ORG.id, RANGE, opts),
  "audit.iterate": (o, opts) => collect(o.logs.audit.iterate(ORG.id, RANGE, opts)),
  "audit.history": (o, opts) => o.logs.audit.history(ORG.id, "log1", { ...RANGE, action_time: RANGE.since }, opts),
  "audit.historyAll": (o, opts) => o.logs.audit.historyAll(ORG.id, "log1", { ...RANGE, action_time: RANGE.since }, opts),
  "usage.get": (o, opts) => o.billing.usage.get(ORG.id, { from: "2026-11-01", to: "2026-11-07" }, opts),
  "members.list": (o, opts) => o.members.list(ORG.id, {}, opts),
  "members.listAll": (o, opts) => o.members.listAll(ORG.id, {}, opts),
  "members.iterate": (o, opts) => collect(o.members.iterate(ORG.id, {}, opts)),
  "members.get": (o, opts) => o.members.get(ORG.id, "m1", opts),
  "members.create": (o, opts) => o.members.create(ORG.id, { user: { email: "a@b.c" } }, opts),
  "members.batchCreate": (o, opts) => o.members.batchCreate(ORG.id, [{ user: { email: "a@b.c" } }], opts),
  "members.delete": (o, opts) => o.members.delete(ORG.id, "m1", opts),
  "shares.list": (o, opts) => o.shares.list(ORG.id, {}, opts),
  "shares.listAll": (o, opts) => o.shares.listAll(ORG.id, {}, opts),
  "shares.iterate": (o, opts) => collect(o.shares.iterate(ORG.id, {}, opts)),
};

const json = (value) => JSON.stringify(value);
const ok = (result, extra = {}) => json({ success: true, errors: [], messages: [], result, ...extra });
const INVALID = "InvalidResponseError";
/** An outcome per group: a class name, "resolves", or the same for every group. */
const except = (valid, otherwise = INVALID) => (group) => (valid.includes(group) ? "resolves" : otherwise);
const all = (outcome) => () => outcome;

const deep = (n) => "[".repeat(n) + "]".repeat(n);
const MB16 = 16 << 20;

/**
 * The malformed responses: `respond()` makes what the `fetch` double resolves to (or throws),
 * `expect(group)` the outcome.
 */
const MALFORMED = [
  // Bodies that are not a usable envelope: InvalidResponseError on a 2xx, whatever the method.
  { name: "HTML page, 200", respond: () => new Response("<!DOCTYPE html><html><body>Welcome to nginx</body></html>", { headers: { "content-type": "text/html" } }), expect: all(INVALID) },
  { name: "empty body, 200", respond: () => new Response(""), expect: all(INVALID) },
  { name: "truncated JSON", respond: () => new Response(ok(ORG).slice(0, 30)), expect: all(INVALID) },
  { name: "{}", respond: () => new Response("{}"), expect: all(INVALID) },
  { name: "[]", respond: () => new Response("[]"), expect: all(INVALID) },
  { name: "null", respond: () => new Response("null"), expect: all(INVALID) },
  { name: "a JSON string", respond: () => new Response('"success"'), expect: all(INVALID) },
  { name: "a JSON number", respond: () => new Response("1e999"), expect: all(INVALID) },
  { name: "success as a string", respond: () => new Response(json({ success: "true", result: ORG })), expect: all(INVALID) },
  { name: "success without result", respond: () => new Response(json({ success: true })), expect: except(["none"]) },
  { name: "result null", respond: () => new Response(ok(null)), expect: except(["none"]) },
  { name: "BOM then JSON", respond: () => new Response(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(ok(ORG))])), expect: except(["one", "deleted", "profile", "none"]) },
  // Results of the wrong shape, missing and mistyped ids.
  { name: "result is a string", respond: () => new Response(ok("organization")), expect: except(["none"]) },
  { name: "result is an object (lists want an array)", respond: () => new Response(ok(ORG)), expect: except(["one", "deleted", "profile", "none"]) },
  { name: "result is an empty array", respond: () => new Response(ok([])), expect: except([...ARRAYS, "none"]) },
  { name: "object without id", respond: () => new Response(ok({ name: "no id" })), expect: except(["profile", "none"]) },
  { name: "id is a number", respond: () => new Response(ok({ id: 42, name: "n" })), expect: except(["profile", "none"]) },
  { name: "name is a number", respond: () => new Response(ok({ id: "a", name: 5 })), expect: except(["deleted", "profile", "none"]) },
  { name: "__proto__ holding the id", respond: () => new Response('{"success":true,"result":{"__proto__":{"id":"x","name":"n"}}}'), expect: except(["profile", "none"]) },
  { name: "list items without id", respond: () => new Response(ok([{ name: "no id" }])), expect: except([...ANY_OBJECTS, "none"]) },
  { name: "list items with numeric ids", respond: () => new Response(ok([{ id: 1, name: "n" }])), expect: except([...ANY_OBJECTS, "none"]) },
  { name: "list items null", respond: () => new Response(ok([null, 1, "x"])), expect: except(["none"]) },
  { name: "account-shaped items (id only)", respond: () => new Response(ok([{ id: "a" }])), expect: except([...ANY_OBJECTS, "batch", "none"]), idOnlyResolves: true },
  // Only page-token lists read next_page_token: the cursor and page-number lists end there.
  { name: "next_page_token a number", respond: () => new Response(ok([ORG], { result_info: { next_page_token: 42 } })), expect: except([...ANY_OBJECTS, "batch", "numbered", "numberedWalk", "none"]) },
  { name: "total_size a string, next_page_token empty", respond: () => new Response(ok([ORG], { result_info: { next_page_token: "", total_size: "many" } })), expect: except([...ARRAYS, "none"]) },
  { name: "result_info a string", respond: () => new Response(ok([ORG], { result_info: "x" })), expect: except([...ARRAYS, "none"]) },
  { name: "a page token repeated forever", respond: () => new Response(ok([ORG], { result_info: { next_page_token: "same" } })), expect: except(ARRAYS.filter((g) => g !== "walk").concat("none")) },
  { name: "a cursor repeated forever", respond: () => new Response(ok([ORG], { result_info: { cursor: "same" } })), expect: except(ARRAYS.filter((g) => g !== "recordWalk").concat("none")) },
  { name: "result_info.page never advancing", respond: () => new Response(ok([ORG], { result_info: { page: 1, total_pages: 9 } })), expect: except(ARRAYS.filter((g) => g !== "numberedWalk").concat("none")) },
  // success:false envelopes with odd errors.
  { name: "success:false, errors a string", respond: () => new Response(json({ success: false, errors: "bad", messages: 7 })), expect: all("ApiError") },
  { name: "success:false, errors of odd entries", respond: () => new Response(json({ success: false, errors: [null, 1, [], { code: "x", message: 5 }, { code: 1e308, message: "big" }, { code: -1e308 }] })), expect: all("ApiError") },
  // Redirects and odd statuses.
  ...[301, 302, 303, 307, 308].map((status) => ({ name: `${status} to another host`, respond: () => new Response("", { status, headers: { location: "https://evil.example/steal" } }), expect: all(INVALID) })),
  { name: "304 without a body", respond: () => new Response(null, { status: 304 }), expect: all(INVALID) },
  { name: "300 with a valid envelope", respond: () => new Response(ok(ORG), { status: 300 }), expect: all(INVALID) },
  { name: "a network-error Response (status 0)", respond: () => Response.error(), expect: all(INVALID) },
  { name: "204 where a body is due", respond: () => new Response(null, { status: 204 }), expect: except(["none"]) },
  { name: "205, empty", respond: () => new Response(null, { status: 205 }), expect: all(INVALID) },
  { name: "203 with a valid organization", respond: () => new Response(ok(ORG), { status: 203 }), expect: except(["one", "deleted", "profile", "none"]) },
  // Error statuses with bodies that are not envelopes, and junk Retry-After values.
  { name: "400 HTML", respond: () => new Response("<html>bad</html>", { status: 400 }), expect: all("BadRequestError") },
  { name: "404 empty", respond: () => new Response("", { status: 404 }), expect: all("NotFoundError") },
  { name: "418 {}", respond: () => new Response("{}", { status: 418 }), expect: all("ApiError") },
  { name: "451 truncated JSON", respond: () => new Response('{"success":false,"errors":[{"code":1', { status: 451 }), expect: all("ApiError") },
  { name: "500 JSON array", respond: () => new Response("[1,2]", { status: 500 }), expect: all("InternalServerError") },
  { name: "599 success:true", respond: () => new Response(ok(ORG), { status: 599 }), expect: all("InternalServerError") },
  ...["soon", "-1", "1e400", "99999999999999999999999", "Wed, 32 Foo 99999 25:61:61 GMT", " , ", "1.5"].map((value) => ({
    name: `429 with Retry-After: ${JSON.stringify(value)}`,
    respond: () => new Response(json({ success: false, errors: [{ code: 971, message: "slow down" }] }), { status: 429, headers: { "retry-after": value, "retry-after-ms": value } }),
    expect: all("RateLimitError"),
  })),
  { name: "a 10 KB cf-ray", respond: () => new Response("", { status: 500, headers: { "cf-ray": "r".repeat(10_240) } }), expect: all("InternalServerError") },
  // Huge bodies.
  { name: "16 MB of text, 200", respond: () => new Response("x".repeat(MB16)), expect: all(INVALID) },
  { name: "16 MB error page, 502", respond: () => new Response(`<html>${"x".repeat(MB16)}</html>`, { status: 502 }), expect: all("InternalServerError") },
  { name: "4 MB valid envelope (30,000 organizations)", respond: () => new Response(ok(Array.from({ length: 30_000 }, (_, i) => ({ id: `id-${i}`, name: `organization number ${i} ${"pad".repeat(30)}` })))), expect: except([...ARRAYS, "none"]) },
  // Invalid UTF-8.
  { name: "invalid UTF-8 bytes", respond: () => new Response(new Uint8Array([0xff, 0xfe, 0x80, 0xc0, 0xaf, 0xed, 0xa0, 0x80])), expect: all(INVALID) },
  { name: "invalid UTF-8 inside a valid envelope", respond: () => new Response(new Uint8Array([...new TextEncoder().encode('{"success":true,"result":{"id":"a'), 0xff, 0xc3, ...new TextEncoder().encode('","name":"n"}}')])), expect: except(["one", "deleted", "profile", "none"]) },
  { name: "invalid UTF-8 error body, 503", respond: () => new Response(new Uint8Array([0x80, 0x81, 0xfe]), { status: 503 }), expect: all("InternalServerError") },
  // Deep nesting.
  { name: "JSON nested 100,000 deep as the body", respond: () => new Response(deep(100_000)), expect: all(INVALID) },
  { name: "JSON nested 100,000 deep as the result", respond: () => new Response(`{"success":true,"result":${deep(100_000)}}`), expect: except(["none"]) },
  { name: "JSON nested 100,000 deep in errors, 500", respond: () => new Response(`{"success":false,"errors":${deep(100_000)}}`, { status: 500 }), expect: all("InternalServerError") },
  // Broken streams and odd `fetch` functions.
  {
    name: "a body stream that errors midway",
    respond: () => new Response(new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode('{"success":tr')); c.error(new Error("reset")); } })),
    expect: all("ConnectionError"),
  },
  { name: "a body that never ends (timeoutMs 100)", respond: () => new Response(new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode("{")); } })), expect: all("ConnectionTimeoutError") },
  { name: "fetch never settles (timeoutMs 100)", respond: () => new Promise(() => {}), expect: all("ConnectionTimeoutError") },
  { name: "fetch throws synchronously", respond: () => { throw new Error("sync"); }, sync: true, expect: all("ConnectionError") },
  { name: "fetch rejects with undefined", respond: () => Promise.reject(undefined), expect: all("ConnectionError") },
  { name: "fetch rejects with a string", respond: () => Promise.reject("nope"), expect: all("ConnectionError") },
  { name: "fetch rejects with a throwing getter", respond: () => Promise.reject({ get message() { throw new Error("getter"); }, get cause() { throw new Error("cause"); } }), expect: all("ConnectionError") },
  { name: "fetch returns a plain object", respond: () => ({ status: 200, headers: new Headers(), text: async () => ok(ORG) }), sync: true, expect: all("ConnectionError") },
  { name: "fetch returns undefined", respond: () => undefined, sync: true, expect: all("ConnectionError") },
  { name: "a Response whose text() resolves to a number", respond: () => new (class extends Response { text() { return Promise.resolve(42); } })("x"), expect: all("ConnectionError") },
  { name: "a Response whose text() throws", respond: () => new (class extends Response { text() { throw new Error("text"); } })("x"), expect: all("ConnectionError") },
  { name: "a Response whose headers.get throws", respond: () => new (class extends Response { get headers() { return { get() { throw new Error("headers"); } }; } })(ok(ORG)), expect: except(["one", "deleted", "profile", "none"]) },
];

/** The paths (and methods) answered with a list. */
const LISTS = [/\/accounts$/, /\/logs\/audit$/, /\/history$/, /\/billable\/usage$/, /\/shares$/, /members:batchCreate$/];

/** What a good response looks like for each method, for the final check. */
function goodResponse(request) {
  const url = new URL(request.url);
  if (request.method === "PUT" && url.pathname.endsWith("/profile")) return new Response(null, { status: 204 });
  if (url.pathname.endsWith("/profile")) return new Response(ok(PROFILE));
  if (request.method === "DELETE" && url.pathname.includes("/members/")) return new Response(null, { status: 204 });
  if (request.method === "DELETE") return new Response(ok({ id: ORG.id }));
  const listed = request.method === "GET" && /\/(organizations|members)$/.test(url.pathname);
  if (listed || LISTS.some((list) => list.test(url.pathname))) {
    return new Response(ok([ORG], { result_info: { total_size: 1 } }));
  }
  return new Response(ok(ORG));
}

describe("never panic: one wasm client fed every malformed response", () => {
  let current = null;
  const uncaught = [];
  const onUncaught = (error) => uncaught.push(error);
  const cf = new Cloudflare({
    baseUrl: BASE, apiToken: "sekret-TOKEN-123", maxRetries: 0,
    fetch: (request) => {
      if (!current) return goodResponse(request);
      if (current.sync) return current.respond(request);
      return Promise.resolve().then(() => current.respond(request));
    },
  });
  const tally = { calls: 0, byClass: {} };

  for (const malformed of MALFORMED) {
    it(malformed.name, async () => {
      process.on("uncaughtException", onUncaught);
      process.on("unhandledRejection", onUncaught);
      try {
        current = malformed;
        for (const [method, call] of Object.entries(CALLS)) {
          const group = groupOf[method];
          let expected = malformed.expect(group);
          // Accounts and members need only an id; organizations and shares also a name.
          if (malformed.idOnlyResolves && /ccounts|^members\./.test(method) && ["page", "walk"].includes(group)) expected = "resolves";
          const timeoutMs = /never/.test(malformed.name) ? 100 : undefined;
          let outcome;
          try {
            await call(cf.organizations, timeoutMs ? { timeoutMs } : undefined);
            outcome = "resolves";
          } catch (error) {
            assert.ok(error instanceof CloudflareError, `${method}: not a CloudflareError: ${error?.stack ?? error}`);
            assert.doesNotMatch(error.message, /[\r\n\u2028\u2029]/, `${method}: one line`);
            if (error.bodySnippet !== undefined) assert.ok(error.bodySnippet.length <= 200, `${method}: snippet of ${error.bodySnippet.length}`);
            assert.ok(!JSON.stringify(error).includes("sekret-TOKEN-123"));
            outcome = error.name;
          }
          tally.calls++;
          tally.byClass[outcome] = (tally.byClass[outcome] ?? 0) + 1;
          assert.equal(outcome, expected, `${method} (${group})`);
        }
        await new Promise((resolve) => setImmediate(resolve));
        assert.deepEqual(uncaught, [], "nothing escaped as an uncaught exception or rejection");
      } finally {
        current = null;
        process.off("uncaughtException", onUncaught);
        process.off("unhandledRejection", onUncaught);
      }
    });
  }

  it("the same instance then serves a good request on every method", async () => {
    current = null;
    assert.equal((await cf.organizations.create({ name: "x" })).id, ORG.id);
    assert.deepEqual((await cf.organizations.list()).result, [ORG]);
    assert.deepEqual(await cf.organizations.listAll(), [ORG]);
    assert.deepEqual(await collect(cf.organizations.iterate()), [ORG]);
    assert.deepEqual(await cf.organizations.get(ORG.id), ORG);
    assert.deepEqual(await cf.organizations.update(ORG.id, { name: "y" }), ORG);
    assert.deepEqual(await cf.organizations.delete(ORG.id), { id: ORG.id });
    assert.deepEqual((await cf.organizations.listAccounts(ORG.id)).result, [ORG]);
    assert.deepEqual(await cf.organizations.listAllAccounts(ORG.id), [ORG]);
    assert.deepEqual(await collect(cf.organizations.iterateAccounts(ORG.id)), [ORG]);
    assert.deepEqual(await cf.organizations.getProfile(ORG.id), PROFILE);
    assert.equal(await cf.organizations.updateProfile(ORG.id, PROFILE), undefined);
    for (const method of Object.keys(CALLS).filter((m) => m.includes("."))) {
      const result = await CALLS[method](cf.organizations);
      const expected = { "members.delete": undefined, "members.get": ORG, "members.create": ORG }[method];
      if (method in { "members.delete": 1, "members.get": 1, "members.create": 1 }) assert.deepEqual(result, expected, method);
      else assert.deepEqual(Array.isArray(result) ? result : result.result, [ORG], method);
    }
    assert.equal(cf.organizations.pathFor(ORG.id, "accounts"), `organizations/${ORG.id}/accounts`);
    assert.equal(({}).id, undefined, "no prototype was polluted");
    console.log(`# malformed: ${tally.calls} calls on one client: ${JSON.stringify(tally.byClass)}`);
  });

  it("with retries on, the retry path survives the same inputs (retry-after-ms: 0)", async () => {
    const retrying = new Cloudflare({
      baseUrl: BASE, apiToken: "sekret-TOKEN-123", maxRetries: 2,
      fetch: () => new Response("<html>busy</html>", { status: 503, headers: { "retry-after-ms": "0", "retry-after": "garbage" } }),
    });
    for (const [method, call] of Object.entries(CALLS)) {
      await assert.rejects(call(retrying.organizations), (e) => e.name === "InternalServerError", method);
    }
  });
});
