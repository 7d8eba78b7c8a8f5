// What every file of the contract suite shares: the credentials and ids it sends, a Prism of
// its own per file (node --test runs each file in its own process), clients that record their
// exchanges, the dynamic-mock helper and the closing check that nothing was refused.
import { before, after, it } from "node:test";
import assert from "node:assert/strict";
import { Cloudflare } from "../../pkg/node.js";
import { assertConforms, describeViolations, recorder, startPrism, undefinedFields } from "./prism.mjs";

export const EMAIL = "contract@example.com";
export const KEY = "contract-global-api-key";
export const TOKEN = "contract-api-token";
export const SERVICE_KEY = "v1.0-contract-service-key";
export const ORG = "a7b9c3d2e8f4g1h5i6j0k9l2m3n7o4p8";
/** An audit entry's id: the history path's `{id}` is `format: uuid`. */
export const LOG_ID = "f174be97-19b1-40d6-954d-70cd5fbd52db";
export const MEMBER_ID = "b8c0d4e3f9a5b2c6d7e1f0a3b4c8d5e9";
export const DYNAMIC = { headers: { Prefer: "dynamic=true" } };
export const NOT_FOUND = { headers: { Prefer: "code=404" } };

/**
 * Starts Prism for the enclosing `describe` and stops it after. Returns `{ all, client,
 * withKey, withToken }`: `client(credentials)` is `{ orgs, rec }`, a `cf.organizations` whose
 * every exchange lands in `rec` and in `all`.
 */
export function usePrism() {
  const all = [];
  let prism;
  before(async () => {
    prism = await startPrism();
  });
  after(async () => {
    await prism?.stop();
  });
  const client = (credentials) => {
    const rec = recorder(all);
    const cf = new Cloudflare({ ...credentials, baseUrl: prism.url, maxRetries: 0, timeoutMs: 10_000, ...rec.options });
    return { orgs: cf.organizations, rec };
  };
  return {
    all,
    client,
    withKey: () => client({ apiEmail: EMAIL, apiKey: KEY }),
    withToken: () => client({ apiToken: TOKEN }),
  };
}

/** The query of the `index`th exchange as sorted `[key, value]` pairs (the order of keys is free). */
export const sortedQuery = (rec, index = 0) => sortPairs([...rec.exchanges[index].url.searchParams]);
export const sortPairs = (pairs) => [...pairs].sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));

/** The query of an exchange without its position parameter (what a listing resends each page). */
export const filtersOf = (exchange, position) =>
  sortPairs([...exchange.url.searchParams].filter(([k]) => k !== position));

/**
 * The one request of a call: accepted by Prism, sent to `path` with exactly the `expected`
 * `[name, value]` pairs (names in any order, a repeated name's values in the order given).
 */
export function assertSent(rec, path, expected) {
  assertConforms(rec, { count: 1 });
  const [exchange] = rec.exchanges;
  assert.equal(exchange.url.pathname, path);
  assert.deepEqual(sortedQuery(rec), sortPairs(expected), "the query sent");
  for (const name of new Set(expected.map(([k]) => k))) {
    const values = expected.filter(([k]) => k === name).map(([, v]) => v);
    assert.deepEqual(exchange.url.searchParams.getAll(name), values, `${name}: its values in order`);
  }
}

/** A page as the client returns it: the envelope's `result` and `result_info`, whole. */
export function assertWholePage(page, exchange) {
  const { result, result_info } = exchange.responseBody;
  assert.deepEqual(page, { result, result_info }, "the page as the API sent it");
}

/**
 * Calls until Prism's dynamic mock puts a field the spec does not define into the part of the
 * answer `pick` takes (it adds them at random depths, not always). Resolves to
 * `{ result, raw, extra, rec }`: what the client returned, that part of the answer, and the
 * paths of the extra fields.
 */
export async function withExtras(make, call, schema, pick = (body) => body.result) {
  for (let i = 0; i < 20; i++) {
    const { orgs, rec } = make();
    const result = await call(orgs);
    assertConforms(rec, { count: 1 });
    const raw = pick(rec.exchanges[0].responseBody);
    const extra = undefinedFields(raw, schema);
    if (extra.length > 0) return { result, raw, extra, rec };
  }
  throw new Error("Prism's dynamic mock added no extra field in 20 answers");
}

/** An RFC 3339 time (not a bare `YYYY-MM-DD` date). */
const RFC3339_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The spec's one known gap: the audit list's and history's `since`/`before` are typed
 * `format: date`, while their own description says "a date string 2019-04-30 (interpreted in
 * UTC) or an absolute timestamp that conforms to RFC3339", which the client sends as given (a
 * JS `Date` as RFC 3339). True when Prism's only complaints about an exchange are that format,
 * on exactly the `since`/`before` it carried as RFC 3339 times.
 */
export function onlyTheDateGap(exchange) {
  const errors = (exchange.violations ?? []).filter((v) => v.severity === "Error");
  if (exchange.status !== 422 || errors.length === 0) return false;
  const timed = ["since", "before"].filter((k) => RFC3339_TIME.test(exchange.url.searchParams.get(k) ?? ""));
  const flagged = errors.map((v) => (v.code === "format" && v.location?.length === 3 && v.location[1] === "query" ? v.location[2] : "other"));
  return flagged.length === timed.length && timed.every((k) => flagged.includes(k));
}

/**
 * The closing test of a file: no exchange got a 422 or a violation, except Prism's 401s (the
 * refused-auth tests), the exchanges `allowed` accepts, and warnings whose location matches
 * `warnings` (deprecated parameters the client still sends).
 */
export function itRefusedNothing(all, { minimum, allowed = () => false, warnings = null } = {}) {
  it("no request of this file got a 422 from Prism, and only the refused-auth ones a violation", () => {
    assert.ok(all.length >= minimum, `the file made ${all.length} requests (at least ${minimum} expected)`);
    const judged = all.filter((ex) => !allowed(ex));
    const unprocessable = judged
      .filter((ex) => ex.status === 422)
      .map((ex) => describeViolations(ex, null).join("; ") || `${ex.method} ${ex.url.pathname}${ex.url.search} -> 422`);
    assert.deepEqual(unprocessable, [], `Prism refused requests the spec does not allow:\n  ${unprocessable.join("\n  ")}`);
    const other = judged.filter((ex) => ex.status !== 401).flatMap((ex) => describeViolations(ex));
    assert.deepEqual(other, [], `violations:\n  ${other.join("\n  ")}`);
    for (const w of judged.flatMap((ex) => (ex.violations ?? []).filter((v) => v.severity !== "Error"))) {
      assert.ok(warnings?.test(w.location.join(".")), `unexpected warning: [${w.location.join(".")}] ${w.message}`);
      assert.equal(w.code, "deprecated");
    }
  });
}
