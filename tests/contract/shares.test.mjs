// The contract suite, shares: `shares.list/listAll/iterate` against Prism. Every filter of the
// spec (status, kind, target_type, resource_types, order, direction, page, per_page), page
// numbers against the static mock (which answers `result_info.page: 1` whatever is asked), and
// how the client judges Prism's dynamic answers, which the spec lets say `success: false` or
// `result: null` with a 200.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ApiError, InvalidResponseError } from "../../pkg/node.js";
import { assertConforms, SPEC } from "./prism.mjs";
import { assertSent, assertWholePage, DYNAMIC, filtersOf, itRefusedNothing, ORG, sortPairs, usePrism } from "./harness.mjs";

const SHARES_PATH = `/organizations/${ORG}/shares`;
const RESOURCE_TYPES = SPEC.components.schemas["resource-sharing_resource_type"].enum;
/** Prism's static answer: page 1 of `total_pages` 50, whatever page was asked for. */
const STATIC_INFO = { count: 1, page: 1, per_page: 20, total_count: 2000, total_pages: 50 };

describe("contract: shares against Prism", () => {
  const { all, withKey } = usePrism();

  describe("list: every filter", () => {
    const cases = [
      ["no params", undefined, []],
      ...["active", "deleting", "deleted"].map((v) => [`status ${v}`, { status: v }, [["status", v]]]),
      ...["sent", "received"].map((v) => [`kind ${v}`, { kind: v }, [["kind", v]]]),
      ...["account", "organization"].map((v) => [`target_type ${v}`, { target_type: v }, [["target_type", v]]]),
      ["resource_types, one", { resource_types: ["gateway-policy"] }, [["resource_types", "gateway-policy"]]],
      ["resource_types, all six", { resource_types: RESOURCE_TYPES }, RESOURCE_TYPES.map((t) => ["resource_types", t])],
      ...["name", "created"].flatMap((order) =>
        ["asc", "desc"].map((direction) => [`order ${order}, direction ${direction}`, { order, direction }, [["order", order], ["direction", direction]]]),
      ),
      ["page 1", { page: 1 }, [["page", "1"]]],
      ["per_page 1", { per_page: 1 }, [["per_page", "1"]]],
      ["per_page 100", { per_page: 100 }, [["per_page", "100"]]],
      [
        "every filter at once",
        {
          status: "active",
          kind: "received",
          target_type: "organization",
          resource_types: ["custom-ruleset", "idp-federation-grant"],
          order: "name",
          direction: "desc",
          page: 1,
          per_page: 50,
        },
        [
          ["status", "active"],
          ["kind", "received"],
          ["target_type", "organization"],
          ["resource_types", "custom-ruleset"],
          ["resource_types", "idp-federation-grant"],
          ["order", "name"],
          ["direction", "desc"],
          ["page", "1"],
          ["per_page", "50"],
        ],
      ],
    ];
    for (const [label, params, expected] of cases) {
      it(`list(id, ${label})`, async () => {
        const { orgs, rec } = withKey();
        const page = await orgs.shares.list(ORG, params);
        assertSent(rec, SHARES_PATH, expected);
        assertWholePage(page, rec.exchanges[0]);
        assert.deepEqual(page.result_info, STATIC_INFO);
      });
    }

    // A single `list` judges the answer's `result_info.page` against the page it asked for, as
    // listAll does (this suite found it judged against page 1: core/tests/pagination.rs keeps the
    // correct server's side).
    it("list(id, { page: 2 }) judges the answer against page 2, as listAll does (Prism answers page 1)", async () => {
      const { orgs, rec } = withKey();
      await assert.rejects(orgs.shares.list(ORG, { page: 2 }), InvalidResponseError);
      assertConforms(rec, { count: 1 });
      assert.equal(rec.exchanges[0].url.searchParams.get("page"), "2");
      assert.equal(rec.exchanges[0].responseBody.result_info.page, 1);
    });
  });

  describe("pagination by page number: listAll and iterate on the static mock", () => {
    const FILTERS = { status: "active", resource_types: ["gateway-policy", "custom-ruleset"], order: "created", per_page: 20 };
    const FILTER_QUERY = sortPairs([
      ["status", "active"],
      ["resource_types", "gateway-policy"],
      ["resource_types", "custom-ruleset"],
      ["order", "created"],
      ["per_page", "20"],
    ]);
    const walks = [
      ["listAll", (o, params, opts) => o.shares.listAll(ORG, params, opts)],
      [
        "iterate",
        async (o, params, opts) => {
          const seen = [];
          for await (const share of o.shares.iterate(ORG, params, opts)) seen.push(share);
          return seen;
        },
      ],
    ];

    for (const [label, walk] of walks) {
      it(`${label}(id, filters, { maxPages: 1 }): page 1 only`, async () => {
        const { orgs, rec } = withKey();
        const shares = await walk(orgs, FILTERS, { maxPages: 1 });
        assertConforms(rec, { count: 1 });
        assert.deepEqual(filtersOf(rec.exchanges[0], "page"), FILTER_QUERY);
        assert.equal(rec.exchanges[0].url.searchParams.get("page"), null, "page 1 is asked without a number");
        assert.deepEqual(shares, rec.exchanges[0].responseBody.result);
      });

      for (const options of [undefined, { maxPages: 2 }]) {
        it(`${label}(id, filters, ${JSON.stringify(options)}): page 2 asked with the same filters, answered as page 1: InvalidResponseError`, async () => {
          const { orgs, rec } = withKey();
          await assert.rejects(walk(orgs, FILTERS, options), (error) => {
            assert.ok(error instanceof InvalidResponseError, `${error.name}: ${error.message}`);
            assert.equal(error.status, 200);
            assert.equal(error.path, SHARES_PATH);
            return true;
          });
          assertConforms(rec, { count: 2 });
          const [first, second] = rec.exchanges;
          assert.deepEqual(filtersOf(second, "page"), filtersOf(first, "page"), "page 2 resends the same filters");
          assert.deepEqual(filtersOf(first, "page"), FILTER_QUERY);
          assert.equal(second.url.searchParams.get("page"), "2", "total_pages 50: page 2 is asked");
          assert.equal(second.responseBody.result_info.page, 1, "and Prism answers page 1");
        });
      }

      it(`${label}(id, { page: 3 }, { maxPages: 1 }): starts at page 3; Prism's page 1 is refused`, async () => {
        const { orgs, rec } = withKey();
        await assert.rejects(walk(orgs, { page: 3 }, { maxPages: 1 }), InvalidResponseError);
        assertConforms(rec, { count: 1 });
        assert.equal(rec.exchanges[0].url.searchParams.get("page"), "3");
      });
    }
  });

  describe("Prefer: dynamic=true: what the client makes of each answer the spec allows", () => {
    // The shares schema's `success` is any boolean, `result` is nullable and not required, and
    // result_info's numbers are random: each answer's fate follows from its body.
    it("15 random answers: success false -> ApiError, no result -> InvalidResponseError, another page -> InvalidResponseError, else the page whole", async () => {
      for (let i = 0; i < 15; i++) {
        const { orgs, rec } = withKey();
        const outcome = await orgs.shares.list(ORG, { kind: "sent" }, DYNAMIC).then(
          (page) => ({ page }),
          (error) => ({ error }),
        );
        assertConforms(rec, { count: 1 });
        const body = rec.exchanges[0].responseBody;
        const where = `answer ${JSON.stringify(body).slice(0, 300)}`;
        if (body.success !== true) {
          assert.ok(outcome.error instanceof ApiError, `${where}: ${outcome.error?.name ?? "resolved"}`);
          assert.equal(outcome.error.status, 200);
          assert.deepEqual(outcome.error.errors.map((e) => e.message), (body.errors ?? []).map((e) => e.message));
        } else if (!Array.isArray(body.result)) {
          assert.ok(outcome.error instanceof InvalidResponseError, `${where}: ${outcome.error?.name ?? "resolved"}`);
          assert.match(outcome.error.message, /result/);
        } else if (body.result_info?.page !== undefined && body.result_info.page !== 1) {
          assert.ok(outcome.error instanceof InvalidResponseError, `${where}: ${outcome.error?.name ?? "resolved"}`);
          assert.match(outcome.error.message, /another page/);
        } else {
          assert.ok(outcome.page, `${where}: ${outcome.error?.name}: ${outcome.error?.message}`);
          assertWholePage(outcome.page, rec.exchanges[0]);
        }
      }
    });
  });

  itRefusedNothing(all, { minimum: 30 });
});
