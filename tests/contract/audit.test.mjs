// The contract suite, audit logs: `logs.audit.list/listAll/iterate/history/historyAll` against
// Prism. Every one of the 18 filters in its four forms (value, value[], { not: value },
// { not: value[] }), the time window in each form the client takes, the order and paging
// parameters, the cursor followed page by page, and Prism's dynamic answers kept whole.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { InvalidResponseError, UnprocessableEntityError } from "../../pkg/node.js";
import { assertConforms, queryNames, SPEC } from "./prism.mjs";
import {
  assertSent,
  assertWholePage,
  DYNAMIC,
  filtersOf,
  itRefusedNothing,
  LOG_ID,
  onlyTheDateGap,
  ORG,
  sortedQuery,
  sortPairs,
  usePrism,
  withExtras,
} from "./harness.mjs";

const WINDOW = { since: "2024-10-30", before: "2024-10-31" };
const WINDOW_QUERY = [["since", "2024-10-30"], ["before", "2024-10-31"]];
const ACTION_TIME = "2024-10-30T15:00:00Z";
const HISTORY = { action_time: ACTION_TIME, ...WINDOW };
const HISTORY_QUERY = [["action_time", ACTION_TIME], ...WINDOW_QUERY];
const AUDIT_PATH = `/organizations/${ORG}/logs/audit`;
const HISTORY_PATH = `${AUDIT_PATH}/${LOG_ID}/history`;
/** The example cursor of the spec, which Prism's static mock hands back on every page. */
const STATIC_CURSOR = SPEC.components.schemas.aaa_result_info.properties.cursor.example;

/**
 * Values for each of the spec's 18 filters that its schema takes: every value of an enum,
 * e-mail addresses where it says `format: email`, integers for the status code.
 */
const FILTER_VALUES = {
  action_result: ["success", "failure"],
  action_type: ["create", "delete", "view", "update"],
  actor_context: ["api_key", "api_token", "dash", "oauth", "origin_ca_key"],
  actor_email: ["alice@example.com", "bob+audit@example.com"],
  actor_id: ["1d20c3afe174f18b642710cec6298a9d", "f6b5de0326bb5182b8a4840ee01ec774"],
  actor_ip_address: ["17.168.228.63", "2001:db8::1"],
  actor_token_id: ["144cdb2e39c55e203cf225d8d8208647", "255dec3f40d66f314d0336e9e7319758"],
  actor_token_name: ["Test Token", "CI & deploy/100%"],
  actor_type: ["cloudflare_admin", "system", "user"],
  id: ["f174be97-19b1-40d6-954d-70cd5fbd52db", "0b6e3a8c-2f1d-4c5e-9a7b-8d9e0f1a2b3c"],
  raw_cf_ray_id: ["8e8dd2156ef28414", "8e8dd2156ef28415"],
  raw_method: ["GET", "DELETE"],
  raw_status_code: [200, 404],
  raw_uri: ["/client/v4/organizations?page_size=2", "/client/v4/organizations/abc"],
  resource_id: ["a7b9c3d2e8f4g1h5i6j0k9l2m3n7o4p8", "acc-1"],
  resource_product: ["Stream", "organizations"],
  resource_scope: ["organizations"],
  resource_type: ["Video", "organization"],
};

/** The four forms of a filter, each with the `[name, value]` pairs it must be sent as. */
function forms(name, values) {
  const pairs = (key, list) => list.map((v) => [key, String(v)]);
  return [
    ["value", values[0], pairs(name, values.slice(0, 1))],
    ["value[]", values, pairs(name, values)],
    ["{ not: value }", { not: values[0] }, pairs(`${name}.not`, values.slice(0, 1))],
    ["{ not: value[] }", { not: values }, pairs(`${name}.not`, values)],
  ];
}

/**
 * The one request Prism refused for the spec's date gap only (see harness.mjs `onlyTheDateGap`):
 * the query was exactly `expected`, and the client rejected with the 422.
 */
async function assertOnlyDateGap(call, rec, path, expected) {
  await assert.rejects(call, UnprocessableEntityError);
  assert.equal(rec.exchanges.length, 1);
  const [exchange] = rec.exchanges;
  assert.equal(exchange.url.pathname, path);
  assert.deepEqual(sortedQuery(rec), sortPairs(expected), "the query sent");
  assert.ok(onlyTheDateGap(exchange), `Prism's only complaint is since/before's format: ${JSON.stringify(exchange.violations)}`);
}

describe("contract: logs.audit against Prism", () => {
  const { all, withKey, withToken } = usePrism();

  it("the spec's since/before are `format: date` while their description takes RFC 3339 too (the gap below)", () => {
    for (const path of ["/organizations/{organization_id}/logs/audit", "/organizations/{organization_id}/logs/audit/{id}/history"]) {
      for (const name of ["since", "before"]) {
        const param = SPEC.paths[path].get.parameters.find((p) => p.name === name);
        assert.equal(param.required, true, `${path} ${name} is required`);
        assert.equal(param.schema.format, "date", `${path} ${name}`);
        assert.match(param.description, /RFC3339/, `${path} ${name}: the description takes an RFC 3339 time`);
      }
    }
  });

  describe("list: each of the 18 filters in its four forms", () => {
    it("the table covers every filter the spec declares, each also as .not", () => {
      const declared = [...queryNames(SPEC.paths["/organizations/{organization_id}/logs/audit"].get)];
      const filters = declared.filter((n) => !["since", "before", "direction", "limit", "cursor"].includes(n) && !n.endsWith(".not"));
      assert.deepEqual([...filters].sort(), Object.keys(FILTER_VALUES).sort());
      assert.deepEqual(declared.filter((n) => n.endsWith(".not")).sort(), filters.map((n) => `${n}.not`).sort());
    });

    for (const [name, values] of Object.entries(FILTER_VALUES)) {
      for (const [form, filter, pairs] of forms(name, values)) {
        it(`${name} as ${form}`, async () => {
          const { orgs, rec } = withKey();
          const page = await orgs.logs.audit.list(ORG, { ...WINDOW, [name]: filter });
          assertSent(rec, AUDIT_PATH, [...WINDOW_QUERY, ...pairs]);
          assertWholePage(page, rec.exchanges[0]);
        });
      }
    }

    const EVERY = Object.fromEntries(
      Object.entries(FILTER_VALUES).map(([name, values], i) => [name, i % 2 ? { not: values } : values]),
    );
    const EVERY_QUERY = Object.entries(FILTER_VALUES).flatMap(([name, values], i) =>
      values.map((v) => [i % 2 ? `${name}.not` : name, String(v)]),
    );
    for (const [scheme, make] of [["token", withToken], ["email+key", withKey]]) {
      it(`every filter at once, with direction, limit and cursor, with ${scheme}`, async () => {
        const { orgs, rec } = make();
        const params = { ...WINDOW, ...EVERY, direction: "asc", limit: 1000, cursor: "c/+= 1" };
        assertWholePage(await orgs.logs.audit.list(ORG, params), rec.exchanges[0]);
        assertSent(rec, AUDIT_PATH, [...WINDOW_QUERY, ...EVERY_QUERY, ["direction", "asc"], ["limit", "1000"], ["cursor", "c/+= 1"]]);
      });
    }
  });

  describe("list: the window, the order and the paging parameters", () => {
    for (const [label, extra, pairs] of [
      ["direction asc", { direction: "asc" }, [["direction", "asc"]]],
      ["direction desc", { direction: "desc" }, [["direction", "desc"]]],
      ["limit 1", { limit: 1 }, [["limit", "1"]]],
      ["limit 1000", { limit: 1000 }, [["limit", "1000"]]],
      ["cursor", { cursor: STATIC_CURSOR }, [["cursor", STATIC_CURSOR]]],
      ["since = before (one day)", { since: "2024-10-31" }, [["since", "2024-10-31"], ["before", "2024-10-31"]]],
    ]) {
      it(`${label}: accepted`, async () => {
        const { orgs, rec } = withKey();
        assertWholePage(await orgs.logs.audit.list(ORG, { ...WINDOW, ...extra }), rec.exchanges[0]);
        const window = WINDOW_QUERY.filter(([k]) => !pairs.some(([p]) => p === k));
        assertSent(rec, AUDIT_PATH, [...window, ...pairs]);
      });
    }

    // The spec's gap: each RFC 3339 form is sent as given (a Date as toISOString()), and Prism's
    // only complaint is the `format: date` its own description contradicts.
    for (const [label, window, pairs] of [
      ["RFC 3339 times (Z)", { since: "2024-10-30T00:00:00Z", before: "2024-10-31T00:00:00Z" }, [["since", "2024-10-30T00:00:00Z"], ["before", "2024-10-31T00:00:00Z"]]],
      ["RFC 3339 with an offset and a fraction", { since: "2024-10-30T08:15:30.250+02:00", before: "2024-10-31T23:59:59-05:00" }, [["since", "2024-10-30T08:15:30.250+02:00"], ["before", "2024-10-31T23:59:59-05:00"]]],
      ["JS Dates (sent as RFC 3339)", { since: new Date(Date.UTC(2024, 9, 30)), before: new Date(Date.UTC(2024, 9, 31, 12)) }, [["since", "2024-10-30T00:00:00.000Z"], ["before", "2024-10-31T12:00:00.000Z"]]],
      ["a date since, a JS Date before", { since: "2024-10-30", before: new Date(Date.UTC(2024, 9, 31)) }, [["since", "2024-10-30"], ["before", "2024-10-31T00:00:00.000Z"]]],
    ]) {
      it(`${label}: sent as given; Prism refuses only the spec's date-only format`, async () => {
        const { orgs, rec } = withKey();
        await assertOnlyDateGap(orgs.logs.audit.list(ORG, { ...window, actor_type: "user" }), rec, AUDIT_PATH, [...pairs, ["actor_type", "user"]]);
      });
    }
  });

  describe("history", () => {
    for (const [label, params, pairs] of [
      ["action_time RFC 3339, since/before dates", HISTORY, HISTORY_QUERY],
      ["action_time with an offset", { ...HISTORY, action_time: "2024-10-30T17:00:00+02:00" }, [["action_time", "2024-10-30T17:00:00+02:00"], ...WINDOW_QUERY]],
      ["action_time as a JS Date", { ...HISTORY, action_time: new Date(Date.UTC(2024, 9, 30, 15)) }, [["action_time", "2024-10-30T15:00:00.000Z"], ...WINDOW_QUERY]],
      [
        "direction, limit and cursor",
        { ...HISTORY, direction: "asc", limit: 25, cursor: STATIC_CURSOR },
        [...HISTORY_QUERY, ["direction", "asc"], ["limit", "25"], ["cursor", STATIC_CURSOR]],
      ],
    ]) {
      for (const [scheme, make] of [["token", withToken], ["email+key", withKey]]) {
        it(`history(id, logId, ${label}) with ${scheme}: result_info (history_status) kept`, async () => {
          const { orgs, rec } = make();
          const page = await orgs.logs.audit.history(ORG, LOG_ID, params);
          assertSent(rec, HISTORY_PATH, pairs);
          assertWholePage(page, rec.exchanges[0]);
          assert.equal(typeof page.result_info.history_status, "string", "history_status kept");
        });
      }
    }

    it("history with RFC 3339 since/before: sent as given; Prism refuses only the spec's date-only format", async () => {
      const { orgs, rec } = withKey();
      const window = { since: "2024-10-30T14:00:00Z", before: new Date(Date.UTC(2024, 9, 30, 16)) };
      await assertOnlyDateGap(orgs.logs.audit.history(ORG, LOG_ID, { action_time: ACTION_TIME, ...window }), rec, HISTORY_PATH, [
        ["action_time", ACTION_TIME],
        ["since", "2024-10-30T14:00:00Z"],
        ["before", "2024-10-30T16:00:00.000Z"],
      ]);
    });
  });

  describe("pagination by cursor: listAll, iterate, historyAll", () => {
    const FILTERS = { ...WINDOW, actor_type: { not: "system" }, action_type: ["create", "update"], limit: 2 };
    const FILTER_QUERY = sortPairs([
      ...WINDOW_QUERY,
      ["actor_type.not", "system"],
      ["action_type", "create"],
      ["action_type", "update"],
      ["limit", "2"],
    ]);
    const itemsOf = (rec) => rec.exchanges.flatMap((ex) => ex.responseBody.result);

    /** Two pages: the same filters, the second with the cursor the first handed back. */
    function assertTwoPages(rec, path, filters) {
      assertConforms(rec, { count: 2 });
      const [first, second] = rec.exchanges;
      for (const ex of rec.exchanges) assert.equal(ex.url.pathname, path);
      assert.deepEqual(filtersOf(first, "cursor"), filters, "page 1 filters");
      assert.deepEqual(filtersOf(second, "cursor"), filters, "page 2 resends the same filters");
      assert.equal(first.url.searchParams.get("cursor"), null, "page 1 has no cursor");
      const cursor = first.responseBody.result_info.cursor;
      assert.equal(typeof cursor, "string");
      assert.equal(second.url.searchParams.get("cursor"), cursor, "page 2 sends page 1's result_info.cursor");
    }

    for (const [scheme, make] of [["token", withToken], ["email+key", withKey]]) {
      it(`listAll(filters, { maxPages: 2 }) with ${scheme} (dynamic mock): two pages, every entry`, async () => {
        const { orgs, rec } = make();
        const all = await orgs.logs.audit.listAll(ORG, FILTERS, { maxPages: 2, ...DYNAMIC });
        assertTwoPages(rec, AUDIT_PATH, FILTER_QUERY);
        assert.deepEqual(all, itemsOf(rec), "the entries of both pages, in order");
      });

      it(`iterate(filters, { maxPages: 2 }) with ${scheme} (dynamic mock): lazily, two pages`, async () => {
        const { orgs, rec } = make();
        const iterator = orgs.logs.audit.iterate(ORG, FILTERS, { maxPages: 2, ...DYNAMIC });
        assert.equal(rec.exchanges.length, 0, "nothing is fetched before the loop asks");
        const seen = [];
        for await (const entry of iterator) seen.push(entry);
        assertTwoPages(rec, AUDIT_PATH, FILTER_QUERY);
        assert.deepEqual(seen, itemsOf(rec));
      });

      it(`historyAll(id, logId, params, { maxPages: 2 }) with ${scheme} (dynamic mock): two pages`, async () => {
        const { orgs, rec } = make();
        const all = await orgs.logs.audit.historyAll(ORG, LOG_ID, { ...HISTORY, direction: "asc" }, { maxPages: 2, ...DYNAMIC });
        assertTwoPages(rec, HISTORY_PATH, sortPairs([...HISTORY_QUERY, ["direction", "asc"]]));
        assert.deepEqual(all, itemsOf(rec));
      });
    }

    it("listAll({ cursor }, { maxPages: 1 }) starts at the caller's cursor", async () => {
      const { orgs, rec } = withKey();
      const all = await orgs.logs.audit.listAll(ORG, { ...WINDOW, cursor: "start-here" }, { maxPages: 1 });
      assertConforms(rec, { count: 1 });
      assert.equal(rec.exchanges[0].url.searchParams.get("cursor"), "start-here");
      assert.deepEqual(all, itemsOf(rec));
    });

    for (const [label, walk, path] of [
      ["listAll", (o, opts) => o.logs.audit.listAll(ORG, FILTERS, opts), AUDIT_PATH],
      ["historyAll", (o, opts) => o.logs.audit.historyAll(ORG, LOG_ID, HISTORY, opts), HISTORY_PATH],
      ["iterate", async (o, opts) => {
        const seen = [];
        for await (const entry of o.logs.audit.iterate(ORG, FILTERS, opts)) seen.push(entry);
        return seen;
      }, AUDIT_PATH],
    ]) {
      it(`${label} with no maxPages: the static mock's endless cursor is refused as repeated (InvalidResponseError)`, async () => {
        const { orgs, rec } = withKey();
        await assert.rejects(walk(orgs), (error) => {
          assert.ok(error instanceof InvalidResponseError, `${error.name}: ${error.message}`);
          assert.equal(error.status, 200);
          assert.equal(error.path, path);
          return true;
        });
        assertConforms(rec, { count: 2 });
        assert.equal(rec.exchanges[0].responseBody.result_info.cursor, STATIC_CURSOR);
        assert.equal(rec.exchanges[1].url.searchParams.get("cursor"), STATIC_CURSOR, "page 2 asked with the example cursor");
        assert.equal(rec.exchanges[1].responseBody.result_info.cursor, STATIC_CURSOR, "and was handed it back");
      });

      it(`${label} with { maxPages: 1 } and { maxPages: 2 } on the static mock: that many pages, no error`, async () => {
        for (const maxPages of [1, 2]) {
          const { orgs, rec } = withKey();
          const all = await walk(orgs, { maxPages });
          assertConforms(rec, { count: maxPages });
          assert.equal(all.length, maxPages, "one example entry a page");
          assert.deepEqual(all, itemsOf(rec));
        }
      });
    }
  });

  describe("Prefer: dynamic=true -> the API's objects kept whole", () => {
    it("list: entries keep fields the spec does not define", async () => {
      const call = (o) => o.logs.audit.list(ORG, WINDOW, DYNAMIC);
      const { result, raw, extra } = await withExtras(withKey, call, { type: "array", items: { $ref: "#/components/schemas/aaa_audit-logs-v2-org" } });
      assert.deepEqual(result.result, raw, `entries kept whole, extra fields (${extra.join(", ")}) included`);
    });

    it("list: result_info is the API's (count as the spec's string, a random cursor)", async () => {
      const { orgs, rec } = withKey();
      const page = await orgs.logs.audit.list(ORG, WINDOW, DYNAMIC);
      assertConforms(rec, { count: 1 });
      assert.deepEqual(page.result_info, rec.exchanges[0].responseBody.result_info);
    });

    it("history: entries keep fields the spec does not define, result_info its history_status", async () => {
      const call = (o) => o.logs.audit.history(ORG, LOG_ID, HISTORY, DYNAMIC);
      const { result, raw, extra, rec } = await withExtras(withKey, call, { type: "array", items: { $ref: "#/components/schemas/aaa_audit-logs-v2-org" } });
      assert.deepEqual(result.result, raw, `entries kept whole, extra fields (${extra.join(", ")}) included`);
      assert.deepEqual(result.result_info, rec.exchanges[0].responseBody.result_info);
      assert.equal(typeof result.result_info.history_status, "string");
    });
  });

  itRefusedNothing(all, { minimum: 100, allowed: onlyTheDateGap });
});
