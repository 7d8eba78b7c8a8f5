// The contract suite, billable usage: `billing.usage.get` against Prism, with no range and with
// `from`/`to` in each form the client takes (always sent as the spec's `YYYY-MM-DD`).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { assertConforms } from "./prism.mjs";
import { assertSent, DYNAMIC, itRefusedNothing, ORG, usePrism } from "./harness.mjs";

const USAGE_PATH = `/organizations/${ORG}/billable/usage`;

describe("contract: billing.usage against Prism", () => {
  const { all, withKey, withToken } = usePrism();

  const cases = [
    ["no params", undefined, []],
    ["{} (no range: the API's default)", {}, []],
    ["from/to dates", { from: "2025-05-01", to: "2025-05-31" }, [["from", "2025-05-01"], ["to", "2025-05-31"]]],
    ["one day (from = to)", { from: "2025-05-31", to: "2025-05-31" }, [["from", "2025-05-31"], ["to", "2025-05-31"]]],
    ["31 days apart", { from: "2025-05-01", to: "2025-06-01" }, [["from", "2025-05-01"], ["to", "2025-06-01"]]],
    [
      "JS Dates (sent as their UTC day)",
      { from: new Date(Date.UTC(2025, 4, 1)), to: new Date(Date.UTC(2025, 4, 31, 23, 59)) },
      [["from", "2025-05-01"], ["to", "2025-05-31"]],
    ],
    [
      "RFC 3339 times (sent as their UTC day)",
      { from: "2025-05-01T23:30:00-02:00", to: "2025-05-20T00:00:00Z" },
      [["from", "2025-05-02"], ["to", "2025-05-20"]],
    ],
  ];
  for (const [label, params, expected] of cases) {
    for (const [scheme, make] of [["token", withToken], ["email+key", withKey]]) {
      it(`get(id, ${label}) with ${scheme}: the records as the API sent them`, async () => {
        const { orgs, rec } = make();
        const records = await orgs.billing.usage.get(ORG, params);
        assertSent(rec, USAGE_PATH, expected);
        assert.ok(Array.isArray(records) && records.length > 0, "an array of records");
        assert.deepEqual(records, rec.exchanges[0].responseBody.result, "the envelope's result, whole");
        for (const key of ["BilledCost", "ChargePeriodStart", "ChargePeriodEnd"]) assert.ok(key in records[0], `FOCUS field ${key}`);
      });
    }
  }

  it("Prefer: dynamic=true: Prism's random records come back whole, every field as sent", async () => {
    for (let i = 0; i < 5; i++) {
      const { orgs, rec } = withKey();
      const records = await orgs.billing.usage.get(ORG, { from: "2025-05-01", to: "2025-05-31" }, DYNAMIC);
      assertConforms(rec, { count: 1 });
      assert.deepEqual(records, rec.exchanges[0].responseBody.result);
    }
  });

  itRefusedNothing(all, { minimum: 15 });
});
