// The contract suite, members: `members.list/listAll/iterate/get/create/batchCreate/delete`
// against Prism. Every filter shape (status one or several, user.email exact and each partial
// form, page_size/page_token), the bodies in the spec's envelopes ({ member }, { members }),
// the page token followed page by page, and Prism's dynamic answers kept whole.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { InvalidResponseError } from "../../pkg/node.js";
import { assertConforms } from "./prism.mjs";
import {
  assertSent,
  assertWholePage,
  DYNAMIC,
  filtersOf,
  itRefusedNothing,
  MEMBER_ID,
  ORG,
  sortPairs,
  usePrism,
  withExtras,
} from "./harness.mjs";

const MEMBERS_PATH = `/organizations/${ORG}/members`;
const STATUSES = ["active", "pending", "rejected", "canceled"];
const MEMBER_ITEMS = { type: "array", items: { $ref: "#/components/schemas/organizations-api_Member" } };

/** A member as the client returns it: the API's object, with the id the client relies on. */
function assertMember(member, raw) {
  assert.equal(typeof member.id, "string");
  assert.deepEqual(member, raw, "the member as the API sent it");
}

describe("contract: members against Prism", () => {
  const { all, withKey } = usePrism();

  describe("list: every filter shape", () => {
    const cases = [
      ["no params", undefined, []],
      ...STATUSES.map((s) => [`status "${s}"`, { status: s }, [["status", s]]]),
      ["status, all four", { status: STATUSES }, STATUSES.map((s) => ["status", s])],
      ["user.email exact", { user: { email: "alice@example.com" } }, [["user.email", "alice@example.com"]]],
      ["user.email.startsWith", { user: { email: { startsWith: "ali" } } }, [["user.email.startsWith", "ali"]]],
      ["user.email.endsWith", { user: { email: { endsWith: "@example.com" } } }, [["user.email.endsWith", "@example.com"]]],
      ["user.email.contains", { user: { email: { contains: "ce+x@" } } }, [["user.email.contains", "ce+x@"]]],
      [
        "user.email startsWith + endsWith + contains",
        { user: { email: { startsWith: "a", endsWith: ".com", contains: "lic" } } },
        [["user.email.startsWith", "a"], ["user.email.endsWith", ".com"], ["user.email.contains", "lic"]],
      ],
      ["page_size 0", { page_size: 0 }, [["page_size", "0"]]],
      ["page_size 1000", { page_size: 1000 }, [["page_size", "1000"]]],
      ["page_token", { page_token: "tok/+= &?" }, [["page_token", "tok/+= &?"]]],
      [
        "every filter at once",
        { status: ["pending", "active"], user: { email: { endsWith: "@acme.example" } }, page_size: 25, page_token: "next" },
        [["status", "pending"], ["status", "active"], ["user.email.endsWith", "@acme.example"], ["page_size", "25"], ["page_token", "next"]],
      ],
    ];
    for (const [label, params, expected] of cases) {
      it(`list(id, ${label})`, async () => {
        const { orgs, rec } = withKey();
        const page = await orgs.members.list(ORG, params);
        assertSent(rec, MEMBERS_PATH, expected);
        assertWholePage(page, rec.exchanges[0]);
        for (const member of page.result) assert.equal(typeof member.id, "string");
      });
    }
  });

  describe("one member: get, create, batchCreate, delete", () => {
    it("get(id, memberId) -> Member", async () => {
      const { orgs, rec } = withKey();
      const member = await orgs.members.get(ORG, MEMBER_ID);
      assertConforms(rec, { count: 1 });
      assert.equal(rec.exchanges[0].url.pathname, `${MEMBERS_PATH}/${MEMBER_ID}`);
      assert.equal(rec.exchanges[0].url.search, "");
      assertMember(member, rec.exchanges[0].responseBody.result);
    });

    it("get(id, \"a/b c\"): the member id is one percent-encoded path segment", async () => {
      const { orgs, rec } = withKey();
      await orgs.members.get(ORG, "a/b c");
      assertConforms(rec, { count: 1 });
      assert.equal(rec.exchanges[0].url.pathname, `${MEMBERS_PATH}/a%2Fb%20c`);
    });

    for (const [label, member] of [
      ["{ user: { email } }", { user: { email: "new@example.com" } }],
      ["status active", { user: { email: "new@example.com" }, status: "active" }],
      ["status canceled", { user: { email: "new@example.com" }, status: "canceled" }],
    ]) {
      it(`create(id, ${label}) sends { member } -> Member`, async () => {
        const { orgs, rec } = withKey();
        const created = await orgs.members.create(ORG, member);
        assertConforms(rec, { count: 1 });
        assert.equal(rec.exchanges[0].method, "POST");
        assert.equal(rec.exchanges[0].url.pathname, MEMBERS_PATH);
        assert.deepEqual(JSON.parse(rec.exchanges[0].bodyText), { member });
        assertMember(created, rec.exchanges[0].responseBody.result);
      });
    }

    for (const count of [1, 10]) {
      it(`batchCreate(id, ${count} member${count > 1 ? "s" : ""}) sends { members } -> Member[]`, async () => {
        const { orgs, rec } = withKey();
        const members = Array.from({ length: count }, (_, i) => ({
          user: { email: `invitee${i}@example.com` },
          ...(i % 3 === 1 ? { status: "active" } : i % 3 === 2 ? { status: "canceled" } : {}),
        }));
        const created = await orgs.members.batchCreate(ORG, members);
        assertConforms(rec, { count: 1 });
        assert.equal(rec.exchanges[0].method, "POST");
        assert.equal(rec.exchanges[0].url.pathname, `${MEMBERS_PATH}:batchCreate`);
        assert.deepEqual(JSON.parse(rec.exchanges[0].bodyText), { members });
        assert.ok(Array.isArray(created));
        assert.deepEqual(created, rec.exchanges[0].responseBody.result);
      });
    }

    it("delete(id, memberId) resolves undefined on Prism's 204, with no body sent", async () => {
      const { orgs, rec } = withKey();
      assert.equal(await orgs.members.delete(ORG, MEMBER_ID), undefined);
      assertConforms(rec, { count: 1 });
      assert.equal(rec.exchanges[0].method, "DELETE");
      assert.equal(rec.exchanges[0].status, 204);
      assert.equal(rec.exchanges[0].url.pathname, `${MEMBERS_PATH}/${MEMBER_ID}`);
      assert.equal(rec.exchanges[0].bodyText, undefined);
    });
  });

  describe("pagination by page token: listAll and iterate", () => {
    const FILTERS = { status: ["active", "pending"], user: { email: { contains: "acme" } }, page_size: 2 };
    const FILTER_QUERY = sortPairs([["status", "active"], ["status", "pending"], ["user.email.contains", "acme"], ["page_size", "2"]]);
    const itemsOf = (rec) => rec.exchanges.flatMap((ex) => ex.responseBody.result);

    function assertTwoPages(rec) {
      assertConforms(rec, { count: 2 });
      const [first, second] = rec.exchanges;
      assert.deepEqual(filtersOf(first, "page_token"), FILTER_QUERY, "page 1 filters");
      assert.deepEqual(filtersOf(second, "page_token"), FILTER_QUERY, "page 2 resends the same filters");
      assert.equal(first.url.searchParams.get("page_token"), null, "page 1 has no token");
      assert.equal(second.url.searchParams.get("page_token"), first.responseBody.result_info.next_page_token);
    }

    it("listAll(id, filters, { maxPages: 2 }) (dynamic mock): two pages, every member", async () => {
      const { orgs, rec } = withKey();
      const all = await orgs.members.listAll(ORG, FILTERS, { maxPages: 2, ...DYNAMIC });
      assertTwoPages(rec);
      assert.deepEqual(all, itemsOf(rec));
    });

    it("iterate(id, filters, { maxPages: 2 }) (dynamic mock): lazily, two pages", async () => {
      const { orgs, rec } = withKey();
      const iterator = orgs.members.iterate(ORG, FILTERS, { maxPages: 2, ...DYNAMIC });
      assert.equal(rec.exchanges.length, 0, "nothing is fetched before the loop asks");
      const seen = [];
      for await (const m of iterator) seen.push(m);
      assertTwoPages(rec);
      assert.deepEqual(seen, itemsOf(rec));
    });

    it("with no maxPages, the static mock's endless token \"string\" is refused as repeated: InvalidResponseError", async () => {
      for (const walk of [
        (o) => o.members.listAll(ORG, FILTERS),
        async (o) => {
          for await (const _ of o.members.iterate(ORG, FILTERS));
        },
      ]) {
        const { orgs, rec } = withKey();
        await assert.rejects(walk(orgs), InvalidResponseError);
        assertConforms(rec, { count: 2 });
        assert.equal(rec.exchanges[1].url.searchParams.get("page_token"), "string");
        assert.equal(rec.exchanges[1].responseBody.result_info.next_page_token, "string");
      }
    });

    it("with { maxPages: 1 } and { maxPages: 2 } on the static mock: that many pages, no error", async () => {
      for (const maxPages of [1, 2]) {
        const { orgs, rec } = withKey();
        const all = await orgs.members.listAll(ORG, FILTERS, { maxPages });
        assertConforms(rec, { count: maxPages });
        assert.deepEqual(all, itemsOf(rec));
      }
    });
  });

  describe("Prefer: dynamic=true -> members keep fields the spec does not define", () => {
    const one = "organizations-api_Member";
    for (const [label, call, schema] of [
      ["get", (o) => o.members.get(ORG, MEMBER_ID, DYNAMIC), one],
      ["create", (o) => o.members.create(ORG, { user: { email: "new@example.com" } }, DYNAMIC), one],
      ["batchCreate", (o) => o.members.batchCreate(ORG, [{ user: { email: "new@example.com" } }], DYNAMIC), MEMBER_ITEMS],
      ["list", (o) => o.members.list(ORG, { status: "active" }, DYNAMIC).then((page) => page.result), MEMBER_ITEMS],
    ]) {
      it(label, async () => {
        const { result, raw, extra } = await withExtras(withKey, call, schema);
        assert.deepEqual(result, raw, `kept whole, extra fields (${extra.join(", ")}) included`);
      });
    }
  });

  itRefusedNothing(all, { minimum: 30 });
});
