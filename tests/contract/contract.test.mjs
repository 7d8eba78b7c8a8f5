// The contract suite (issues 2 and 11): every method of the package, with each auth scheme the
// spec allows for it, against Prism serving spec/organizations.openapi.json. Prism answers 422
// with an `sl-violations` header for a request the spec does not allow (and 401 for a security
// scheme the operation does not accept); every exchange is recorded through the client's `fetch`
// and `onResponse` options, and a test fails listing the violations. On top of Prism, the suite
// checks that every query name is one the operation declares and every body field one its schema
// defines and does not mark read-only (Prism lets both through).
//
// This file: auth and `Prefer: code=404` for all 17 operations, and the eight organization
// methods; audit.test.mjs, usage.test.mjs, members.test.mjs and shares.test.mjs the other nine.
//
//   make test-contract        (or: node --test tests/contract/ after make build)
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  CloudflareError,
  ApiError,
  AuthenticationError,
  NotFoundError,
  InvalidResponseError,
} from "../../pkg/node.js";
import { assertConforms, OPERATION_NAMES, queryOf, securityOf } from "./prism.mjs";
import {
  DYNAMIC,
  EMAIL,
  itRefusedNothing,
  KEY,
  LOG_ID,
  MEMBER_ID,
  NOT_FOUND,
  ORG,
  SERVICE_KEY,
  TOKEN,
  usePrism,
  withExtras,
} from "./harness.mjs";

const PROFILE = {
  business_name: "Acme Corp",
  business_email: "billing@acme.example",
  business_phone: "+1 555 0100",
  business_address: "101 Townsend St, San Francisco, CA",
  external_metadata: '{"crm":"A-1"}',
};
/** The audit window every audit call needs (`since`/`before` are required). */
const WINDOW = { since: "2024-10-30", before: "2024-10-31" };

// Every operation of the spec, each called once with valid arguments.
const SINGLE_CALLS = {
  "POST /organizations": (o, opts) => o.create({ name: "Acme" }, opts),
  "GET /organizations": (o, opts) => o.list({}, opts),
  "GET /organizations/{organization_id}": (o, opts) => o.get(ORG, opts),
  "PUT /organizations/{organization_id}": (o, opts) => o.update(ORG, { name: "Acme renamed" }, opts),
  "DELETE /organizations/{organization_id}": (o, opts) => o.delete(ORG, opts),
  "GET /organizations/{organization_id}/accounts": (o, opts) => o.listAccounts(ORG, {}, opts),
  "GET /organizations/{organization_id}/profile": (o, opts) => o.getProfile(ORG, opts),
  "PUT /organizations/{organization_id}/profile": (o, opts) => o.updateProfile(ORG, PROFILE, opts),
  "GET /organizations/{organization_id}/logs/audit": (o, opts) => o.logs.audit.list(ORG, WINDOW, opts),
  "GET /organizations/{organization_id}/logs/audit/{id}/history": (o, opts) =>
    o.logs.audit.history(ORG, LOG_ID, { action_time: "2024-10-30T15:00:00Z", ...WINDOW }, opts),
  "GET /organizations/{organization_id}/billable/usage": (o, opts) => o.billing.usage.get(ORG, {}, opts),
  "GET /organizations/{organization_id}/members": (o, opts) => o.members.list(ORG, {}, opts),
  "GET /organizations/{organization_id}/members/{member_id}": (o, opts) => o.members.get(ORG, MEMBER_ID, opts),
  "POST /organizations/{organization_id}/members": (o, opts) => o.members.create(ORG, { user: { email: EMAIL } }, opts),
  "POST /organizations/{organization_id}/members:batchCreate": (o, opts) =>
    o.members.batchCreate(ORG, [{ user: { email: EMAIL } }], opts),
  "DELETE /organizations/{organization_id}/members/{member_id}": (o, opts) => o.members.delete(ORG, MEMBER_ID, opts),
  "GET /organizations/{organization_id}/shares": (o, opts) => o.shares.list(ORG, {}, opts),
};

/** The operations whose `security` takes a Bearer token; every operation takes email + key. */
const TOKEN_OPERATIONS = [
  "GET /organizations",
  "GET /organizations/{organization_id}/logs/audit",
  "GET /organizations/{organization_id}/logs/audit/{id}/history",
  "GET /organizations/{organization_id}/billable/usage",
];

/** The path a call of SINGLE_CALLS requests: the template with the suite's ids. */
const pathOf = (name) =>
  name
    .split(" ")[1]
    .replace("{organization_id}", ORG)
    .replace("{id}", LOG_ID)
    .replace("{member_id}", MEMBER_ID);

// ---------------------------------------------------------------------------------------------
// What the client relies on in Prism's example-shaped results

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

function assertProfile(p, where = "profile") {
  assert.ok(isObject(p), `${where} is an object`);
  for (const key of Object.keys(PROFILE)) assert.equal(typeof p[key], "string", `${where}.${key} is a string`);
}

function assertFlags(f, where) {
  assert.ok(isObject(f), `${where} is an object`);
  for (const key of ["account_creation", "account_deletion", "account_migration", "account_mobility", "sub_org_creation"]) {
    assert.equal(typeof f[key], "string", `${where}.${key} is a string`);
  }
  for (const key of ["enterprise_capability", "member_management"]) {
    if (key in f) assert.equal(typeof f[key], "string", `${where}.${key} is a string`);
  }
}

function assertOrganization(o, where = "organization") {
  assert.ok(isObject(o), `${where} is an object`);
  assert.equal(typeof o.id, "string", `${where}.id is a string`);
  assert.ok(o.id.length > 0, `${where}.id is not empty`);
  assert.equal(typeof o.name, "string", `${where}.name is a string`);
  assert.equal(typeof o.create_time, "string", `${where}.create_time is a string`);
  assert.ok(!Number.isNaN(Date.parse(o.create_time)), `${where}.create_time is a date-time`);
  assert.ok(isObject(o.meta), `${where}.meta is an object`);
  if ("tenant_flags" in o.meta) assertFlags(o.meta.tenant_flags, `${where}.meta.tenant_flags`);
  if ("flags" in o.meta) assertFlags(o.meta.flags, `${where}.meta.flags`);
  if ("hierarchy_tags" in o.meta) {
    assert.ok(Array.isArray(o.meta.hierarchy_tags), `${where}.meta.hierarchy_tags is an array`);
    for (const tag of o.meta.hierarchy_tags) assert.equal(typeof tag, "string", `${where}.meta.hierarchy_tags[] are strings`);
  }
  if ("managed_by" in o.meta) assert.equal(typeof o.meta.managed_by, "string", `${where}.meta.managed_by is a string`);
  if ("parent" in o) {
    assert.ok(isObject(o.parent), `${where}.parent is an object`);
    assert.equal(typeof o.parent.id, "string", `${where}.parent.id is a string`);
    assert.equal(typeof o.parent.name, "string", `${where}.parent.name is a string`);
  }
  if ("profile" in o) assertProfile(o.profile, `${where}.profile`);
}

const nullOr = (type) => (v) => v === null || typeof v === type;

function assertAccount(a, where = "account") {
  assert.ok(isObject(a), `${where} is an object`);
  assert.equal(typeof a.id, "string", `${where}.id is a string`);
  assert.ok(nullOr("string")(a.name), `${where}.name is a string or null`);
  assert.equal(typeof a.type, "string", `${where}.type is a string`);
  assert.equal(typeof a.created_on, "string", `${where}.created_on is a string`);
  assert.ok(a.settings === null || isObject(a.settings), `${where}.settings is an object or null`);
  if (a.settings) {
    const s = a.settings;
    for (const key of ["abuse_contact_email", "access_approval_expiry", "default_nameservers"]) {
      assert.ok(nullOr("string")(s[key]), `${where}.settings.${key} is a string or null`);
    }
    for (const key of ["api_access_enabled", "enforce_twofactor", "use_account_custom_ns_by_default"]) {
      assert.ok(nullOr("boolean")(s[key]), `${where}.settings.${key} is a boolean or null`);
    }
  }
}

function assertPage(page, assertItem) {
  assert.ok(isObject(page), "a page is an object");
  assert.ok(Array.isArray(page.result), "page.result is an array");
  page.result.forEach((item, i) => assertItem(item, `result[${i}]`));
  assert.ok(isObject(page.result_info), "page.result_info is an object");
  const info = page.result_info;
  if ("next_page_token" in info) assert.equal(typeof info.next_page_token, "string", "next_page_token is a string");
  if ("total_size" in info) assert.ok(Number.isInteger(info.total_size), "total_size is an integer");
}

// ---------------------------------------------------------------------------------------------

describe("contract: the package against Prism serving the spec", () => {
  const { all: ALL, client, withKey, withToken } = usePrism();

  describe("auth: each scheme the spec allows, and only those", () => {
    it("the spec allows a Bearer token on the list, audit logs and usage only, X-Auth-Email + X-Auth-Key everywhere", () => {
      const schemes = Object.fromEntries(
        OPERATION_NAMES.map((name) => [name, securityOf(name).map((req) => Object.keys(req).sort().join("+")).sort()]),
      );
      for (const name of OPERATION_NAMES) {
        const expected = TOKEN_OPERATIONS.includes(name) ? ["api_email+api_key", "api_token"] : ["api_email+api_key"];
        assert.deepEqual(schemes[name], expected, name);
      }
      assert.equal(OPERATION_NAMES.length, 17);
      assert.deepEqual(Object.keys(SINGLE_CALLS).sort(), [...OPERATION_NAMES].sort(), "the suite calls every operation");
    });

    for (const name of TOKEN_OPERATIONS) {
      it(`${name} with apiToken sends Authorization: Bearer and is accepted`, async () => {
        const { orgs, rec } = withToken();
        await SINGLE_CALLS[name](orgs);
        assertConforms(rec, { count: 1 });
        assert.equal(rec.exchanges[0].url.pathname, pathOf(name));
        assert.equal(rec.exchanges[0].headers.authorization, `Bearer ${TOKEN}`);
        assert.equal(rec.exchanges[0].headers["x-auth-key"], undefined);
      });
    }

    for (const name of OPERATION_NAMES) {
      it(`${name} with apiEmail + apiKey sends X-Auth-Email and X-Auth-Key and is accepted`, async () => {
        const { orgs, rec } = withKey();
        await SINGLE_CALLS[name](orgs);
        assertConforms(rec, { count: 1 });
        assert.equal(rec.exchanges[0].method, name.split(" ")[0]);
        assert.equal(rec.exchanges[0].url.pathname, pathOf(name));
        const { headers } = rec.exchanges[0];
        assert.equal(headers["x-auth-email"], EMAIL);
        assert.equal(headers["x-auth-key"], KEY);
        assert.equal(headers.authorization, undefined);
      });
    }

    for (const name of OPERATION_NAMES.filter((n) => !TOKEN_OPERATIONS.includes(n))) {
      it(`${name} with a token alone is refused by Prism: 401 -> AuthenticationError`, async () => {
        const { orgs, rec } = withToken();
        await assert.rejects(SINGLE_CALLS[name](orgs), (error) => {
          assert.ok(error instanceof AuthenticationError, `${error.name}: ${error.message}`);
          assert.ok(error instanceof ApiError && error instanceof CloudflareError);
          assert.equal(error.status, 401);
          assert.equal(error.method, name.split(" ")[0]);
          return true;
        });
        assert.equal(rec.exchanges.length, 1);
        assert.equal(rec.exchanges[0].status, 401);
        assert.match(JSON.stringify(rec.exchanges[0].violations), /security scheme/i, "Prism names the wrong scheme");
        assert.equal(rec.hooks[0].status, 401, "onResponse saw the 401");
        assert.ok(!JSON.stringify(rec.hooks).includes(TOKEN), "the token never reaches the hook");
      });
    }

    for (const name of TOKEN_OPERATIONS) {
      it(`${name}: a user service key alone, or no credentials, is refused (the operation does not take it)`, async () => {
        for (const credentials of [{ userServiceKey: SERVICE_KEY }, {}]) {
          const { orgs, rec } = client(credentials);
          await assert.rejects(SINGLE_CALLS[name](orgs), AuthenticationError);
          assert.equal(rec.exchanges[0].status, 401);
          assert.equal(rec.exchanges[0].headers["x-auth-user-service-key"], credentials.userServiceKey);
        }
      });
    }

    it("every configured kind is sent: token + email/key + service key together are accepted by all 17", async () => {
      const { orgs, rec } = client({ apiToken: TOKEN, apiEmail: EMAIL, apiKey: KEY, userServiceKey: SERVICE_KEY });
      for (const name of OPERATION_NAMES) await SINGLE_CALLS[name](orgs);
      assertConforms(rec, { count: 17 });
      for (const { headers } of rec.exchanges) {
        assert.equal(headers.authorization, `Bearer ${TOKEN}`);
        assert.equal(headers["x-auth-email"], EMAIL);
        assert.equal(headers["x-auth-key"], KEY);
        assert.equal(headers["x-auth-user-service-key"], SERVICE_KEY);
      }
      for (const hook of rec.hooks) {
        assert.ok(!JSON.stringify(hook).match(new RegExp(`${TOKEN}|${KEY}|${SERVICE_KEY}`)), "credentials are *** in hooks");
      }
    });
  });

  describe("create", () => {
    it("create({ name }) -> Organization", async () => {
      const { orgs, rec } = withKey();
      assertOrganization(await orgs.create({ name: "Acme" }));
      assertConforms(rec, { count: 1 });
      assert.deepEqual(JSON.parse(rec.exchanges[0].bodyText), { name: "Acme" });
    });

    it("create({ name, parent, profile }) sends all three, accepted", async () => {
      const { orgs, rec } = withKey();
      const body = { name: "Acme EMEA", parent: { id: ORG }, profile: PROFILE };
      assertOrganization(await orgs.create(body));
      assertConforms(rec, { count: 1 });
      assert.equal(rec.exchanges[0].method, "POST");
      assert.equal(rec.exchanges[0].url.pathname, "/organizations");
      assert.deepEqual(JSON.parse(rec.exchanges[0].bodyText), body);
    });
  });

  describe("list: every filter shape", () => {
    const cases = [
      ["no params", undefined, []],
      ["exact name", { name: "Acme Corp" }, [["name", "Acme Corp"]]],
      ["name.startsWith", { name: { startsWith: "Ac" } }, [["name.startsWith", "Ac"]]],
      ["name.endsWith", { name: { endsWith: "orp" } }, [["name.endsWith", "orp"]]],
      ["name.contains", { name: { contains: "me C" } }, [["name.contains", "me C"]]],
      [
        "name.startsWith + endsWith + contains",
        { name: { startsWith: "A", endsWith: "p", contains: "cme" } },
        [["name.startsWith", "A"], ["name.endsWith", "p"], ["name.contains", "cme"]],
      ],
      ["one id", { id: ORG }, [["id", ORG]]],
      ["repeated id", { id: [ORG, "b2c3", "c4d5"] }, [["id", ORG], ["id", "b2c3"], ["id", "c4d5"]]],
      ["containing.account", { containing: { account: "acc-1" } }, [["containing.account", "acc-1"]]],
      ["containing.user", { containing: { user: "user-1" } }, [["containing.user", "user-1"]]],
      ["containing.organization", { containing: { organization: ORG } }, [["containing.organization", ORG]]],
      ["parent.id an id", { parent: { id: ORG } }, [["parent.id", ORG]]],
      ["parent.id null (root organizations)", { parent: { id: null } }, [["parent.id", "null"]]],
      ["page_size 0", { page_size: 0 }, [["page_size", "0"]]],
      ["page_size 1000", { page_size: 1000 }, [["page_size", "1000"]]],
      ["page_token", { page_token: "tok/+= &?" }, [["page_token", "tok/+= &?"]]],
      ["values needing percent-encoding", { name: "Acme & Söhne/100% #1" }, [["name", "Acme & Söhne/100% #1"]]],
      [
        "every filter at once",
        {
          id: [ORG, "b2c3"],
          name: { startsWith: "Ac" },
          containing: { account: "acc-1", user: "user-1", organization: ORG },
          parent: { id: null },
          page_size: 25,
          page_token: "next",
        },
        [
          ["id", ORG],
          ["id", "b2c3"],
          ["name.startsWith", "Ac"],
          ["containing.account", "acc-1"],
          ["containing.user", "user-1"],
          ["containing.organization", ORG],
          ["parent.id", "null"],
          ["page_size", "25"],
          ["page_token", "next"],
        ],
      ],
    ];
    const sorted = (pairs) => [...pairs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [label, params, expected] of cases) {
      for (const [scheme, make] of [["token", withToken], ["email+key", withKey]]) {
        it(`list(${label}) with ${scheme}`, async () => {
          const { orgs, rec } = make();
          assertPage(await orgs.list(params), assertOrganization);
          assertConforms(rec, { count: 1 });
          assert.equal(rec.exchanges[0].url.pathname, "/organizations");
          // The order of different keys is free; repeated ids keep theirs.
          assert.deepEqual(sorted(queryOf(rec)), sorted(expected), "the query sent");
          assert.deepEqual(
            queryOf(rec).filter(([k]) => k === "id"),
            expected.filter(([k]) => k === "id"),
            "repeated ids in order",
          );
        });
      }
    }
  });

  describe("pagination: listAll and iterate", () => {
    // Prism's static mock answers next_page_token "string" on every page; with
    // `Prefer: dynamic=true` each page gets a fresh random token.
    const FILTERS = { name: { contains: "acme" }, parent: { id: null }, page_size: 2 };
    const FILTER_QUERY = [["name.contains", "acme"], ["parent.id", "null"], ["page_size", "2"]];

    /** Two pages: the same filters, the second with the token the first handed back. */
    function assertTwoPages(rec) {
      assertConforms(rec, { count: 2 });
      const [first, second] = rec.exchanges;
      const strip = (ex) => [...ex.url.searchParams].filter(([k]) => k !== "page_token").sort();
      assert.deepEqual(strip(first), [...FILTER_QUERY].sort(), "page 1 filters");
      assert.deepEqual(strip(second), [...FILTER_QUERY].sort(), "page 2 resends the same filters");
      assert.equal(first.url.searchParams.get("page_token"), null, "page 1 has no token");
      const token = first.responseBody.result_info.next_page_token;
      assert.equal(typeof token, "string");
      assert.equal(second.url.searchParams.get("page_token"), token, "page 2 sends page 1's token");
    }
    const itemsOf = (rec) => rec.exchanges.flatMap((ex) => ex.responseBody.result);

    for (const [scheme, make] of [["token", withToken], ["email+key", withKey]]) {
      it(`listAll(filters, { maxPages: 2 }) with ${scheme}: two pages, every item`, async () => {
        const { orgs, rec } = make();
        const all = await orgs.listAll(FILTERS, { maxPages: 2, ...DYNAMIC });
        assertTwoPages(rec);
        all.forEach((o, i) => assertOrganization(o, `listAll[${i}]`));
        assert.deepEqual(all, itemsOf(rec), "the items of both pages, in order");
      });

      it(`iterate(filters, { maxPages: 2 }) with ${scheme}: lazily, two pages`, async () => {
        const { orgs, rec } = make();
        const iterator = orgs.iterate(FILTERS, { maxPages: 2, ...DYNAMIC });
        assert.equal(rec.exchanges.length, 0, "nothing is fetched before the loop asks");
        const seen = [];
        for await (const o of iterator) seen.push(o);
        assertTwoPages(rec);
        seen.forEach((o, i) => assertOrganization(o, `iterate[${i}]`));
        assert.deepEqual(seen, itemsOf(rec));
      });
    }

    it("listAll and iterate with { maxPages: 1 } on the static mock: one page", async () => {
      const { orgs, rec } = withKey();
      const all = await orgs.listAll(FILTERS, { maxPages: 1 });
      assert.equal(all.length, 1);
      assertOrganization(all[0]);
      const seen = [];
      for await (const o of orgs.iterate(FILTERS, { maxPages: 1 })) seen.push(o);
      assert.deepEqual(seen, all);
      assertConforms(rec, { count: 2 });
    });

    it("listAllAccounts(id, filters, { maxPages: 2 }): two pages, every account", async () => {
      const { orgs, rec } = withKey();
      const params = { name: { startsWith: "prod" }, order_by: "account_name", direction: "desc", page_size: 3 };
      const all = await orgs.listAllAccounts(ORG, params, { maxPages: 2, ...DYNAMIC });
      assertConforms(rec, { count: 2 });
      const [first, second] = rec.exchanges;
      assert.equal(first.url.pathname, `/organizations/${ORG}/accounts`);
      const strip = (ex) => [...ex.url.searchParams].filter(([k]) => k !== "page_token").sort();
      assert.deepEqual(strip(second), strip(first), "page 2 resends the same filters");
      assert.deepEqual(strip(first), [["direction", "desc"], ["name.startsWith", "prod"], ["order_by", "account_name"], ["page_size", "3"]]);
      assert.equal(second.url.searchParams.get("page_token"), first.responseBody.result_info.next_page_token);
      all.forEach((a, i) => assertAccount(a, `listAllAccounts[${i}]`));
      assert.deepEqual(all, itemsOf(rec));
    });

    it("iterateAccounts(id, filters, { maxPages: 2 }): lazily, two pages", async () => {
      const { orgs, rec } = withKey();
      const seen = [];
      for await (const a of orgs.iterateAccounts(ORG, { account_pubname: "acme" }, { maxPages: 2, ...DYNAMIC })) seen.push(a);
      assertConforms(rec, { count: 2 });
      assert.deepEqual([...rec.exchanges[1].url.searchParams].filter(([k]) => k !== "page_token"), [["account_pubname", "acme"]]);
      seen.forEach((a, i) => assertAccount(a, `iterateAccounts[${i}]`));
      assert.deepEqual(seen, itemsOf(rec));
    });

    it("listAllAccounts and iterateAccounts with { maxPages: 1 } on the static mock: one page", async () => {
      const { orgs, rec } = withKey();
      const all = await orgs.listAllAccounts(ORG, {}, { maxPages: 1 });
      assert.equal(all.length, 1);
      assertAccount(all[0]);
      const seen = [];
      for await (const a of orgs.iterateAccounts(ORG, {}, { maxPages: 1 })) seen.push(a);
      assert.deepEqual(seen, all);
      assertConforms(rec, { count: 2 });
    });

    it("with no maxPages, the static mock's endless token \"string\" is refused as repeated: InvalidResponseError", async () => {
      const { orgs, rec } = withKey();
      await assert.rejects(orgs.listAll(FILTERS), InvalidResponseError);
      assertConforms(rec, { count: 2 });
      assert.equal(rec.exchanges[1].url.searchParams.get("page_token"), "string");
    });

    it("with { maxPages: 2 } on the static mock, the listing ends after page 2 (its repeated token is never followed)", async () => {
      const { orgs, rec } = withKey();
      const all = await orgs.listAll(FILTERS, { maxPages: 2 });
      assert.equal(all.length, 2);
      assertConforms(rec, { count: 2 });
    });
  });

  describe("one organization: get, update, delete, profile", () => {
    it("get(id) -> Organization", async () => {
      const { orgs, rec } = withKey();
      assertOrganization(await orgs.get(ORG));
      assertConforms(rec, { count: 1 });
      assert.equal(rec.exchanges[0].url.pathname, `/organizations/${ORG}`);
      assert.equal(rec.exchanges[0].url.search, "");
    });

    it("get(\"a/b c\"): the id is one percent-encoded path segment", async () => {
      const { orgs, rec } = withKey();
      assertOrganization(await orgs.get("a/b c"));
      assertConforms(rec, { count: 1 });
      assert.equal(rec.exchanges[0].url.pathname, "/organizations/a%2Fb%20c");
    });

    it("update(id, { name }) -> Organization, PUT with the name only", async () => {
      const { orgs, rec } = withKey();
      assertOrganization(await orgs.update(ORG, { name: "Acme renamed" }));
      assertConforms(rec, { count: 1 });
      assert.equal(rec.exchanges[0].method, "PUT");
      assert.deepEqual(JSON.parse(rec.exchanges[0].bodyText), { name: "Acme renamed" });
    });

    it("update(id, { name, parent, profile }) -> Organization", async () => {
      const { orgs, rec } = withKey();
      const body = { name: "Acme renamed", parent: { id: "p1" }, profile: PROFILE };
      assertOrganization(await orgs.update(ORG, body));
      assertConforms(rec, { count: 1 });
      assert.deepEqual(JSON.parse(rec.exchanges[0].bodyText), body);
    });

    it("delete(id) -> { id }", async () => {
      const { orgs, rec } = withKey();
      const result = await orgs.delete(ORG);
      assert.ok(isObject(result));
      assert.equal(typeof result.id, "string");
      assertConforms(rec, { count: 1 });
      assert.equal(rec.exchanges[0].method, "DELETE");
      assert.equal(rec.exchanges[0].bodyText, undefined, "no body");
    });

    it("getProfile(id) -> Profile", async () => {
      const { orgs, rec } = withKey();
      assertProfile(await orgs.getProfile(ORG));
      assertConforms(rec, { count: 1 });
      assert.equal(rec.exchanges[0].url.pathname, `/organizations/${ORG}/profile`);
    });

    it("updateProfile(id, profile) resolves undefined on Prism's 204", async () => {
      const { orgs, rec } = withKey();
      assert.equal(await orgs.updateProfile(ORG, PROFILE), undefined);
      assertConforms(rec, { count: 1 });
      assert.equal(rec.exchanges[0].status, 204);
      assert.equal(rec.exchanges[0].method, "PUT");
      assert.deepEqual(JSON.parse(rec.exchanges[0].bodyText), PROFILE);
    });
  });

  describe("listAccounts: every filter shape", () => {
    const cases = [
      ["no params", {}, []],
      ["exact name", { name: "Production" }, [["name", "Production"]]],
      ["name.startsWith", { name: { startsWith: "prod" } }, [["name.startsWith", "prod"]]],
      ["name.endsWith", { name: { endsWith: "tion" } }, [["name.endsWith", "tion"]]],
      ["name.contains", { name: { contains: "duct" } }, [["name.contains", "duct"]]],
      ["account_pubname", { account_pubname: "acme-prod" }, [["account_pubname", "acme-prod"]]],
      ["account_pubname.startsWith", { account_pubname: { startsWith: "acme" } }, [["account_pubname.startsWith", "acme"]]],
      ["account_pubname.endsWith", { account_pubname: { endsWith: "prod" } }, [["account_pubname.endsWith", "prod"]]],
      ["account_pubname.contains", { account_pubname: { contains: "e-p" } }, [["account_pubname.contains", "e-p"]]],
      ["order_by + direction asc", { order_by: "account_name", direction: "asc" }, [["order_by", "account_name"], ["direction", "asc"]]],
      ["order_by + direction desc", { order_by: "account_name", direction: "desc" }, [["order_by", "account_name"], ["direction", "desc"]]],
      ["page_size + page_token", { page_size: 1000, page_token: "t0k=" }, [["page_size", "1000"], ["page_token", "t0k="]]],
      [
        "every filter at once",
        {
          name: { startsWith: "p", endsWith: "n", contains: "od" },
          account_pubname: { contains: "acme" },
          order_by: "account_name",
          direction: "asc",
          page_size: 0,
          page_token: "x",
        },
        [
          ["name.startsWith", "p"],
          ["name.endsWith", "n"],
          ["name.contains", "od"],
          ["account_pubname.contains", "acme"],
          ["order_by", "account_name"],
          ["direction", "asc"],
          ["page_size", "0"],
          ["page_token", "x"],
        ],
      ],
    ];
    for (const [label, params, expected] of cases) {
      it(`listAccounts(id, ${label})`, async () => {
        const { orgs, rec } = withKey();
        assertPage(await orgs.listAccounts(ORG, params), assertAccount);
        assertConforms(rec, { count: 1 });
        assert.equal(rec.exchanges[0].url.pathname, `/organizations/${ORG}/accounts`);
        assert.deepEqual(queryOf(rec).sort(), [...expected].sort(), "the query sent");
      });
    }
  });

  describe("Prefer: code=404 (per-call headers) -> NotFoundError", () => {
    for (const name of OPERATION_NAMES) {
      it(`${name}`, async () => {
        const { orgs, rec } = withKey();
        let caught;
        await assert.rejects(SINGLE_CALLS[name](orgs, NOT_FOUND), (error) => {
          assert.ok(error instanceof NotFoundError, `${error.name}: ${error.message}`);
          assert.equal(error.name, "NotFoundError");
          assert.equal(error.status, 404);
          assert.equal(error.method, name.split(" ")[0]);
          assert.equal(error.path, pathOf(name));
          caught = error;
          return true;
        });
        assertConforms(rec, { expectStatus: 404, count: 1 });
        // The example 404 of shares and audit history has an empty `errors`; the audit list's
        // errors carry no `code` (the client reads it as 0).
        const sent = rec.exchanges[0].responseBody.errors;
        assert.ok(Array.isArray(caught.errors), "the envelope's errors");
        assert.deepEqual(caught.errors.map((e) => e.message), sent.map((e) => e.message), "the envelope's errors");
        sent.forEach((e, i) => assert.equal(caught.errors[i].code, e.code ?? 0, `errors[${i}].code`));
        assert.equal(caught.code, caught.errors[0]?.code ?? null, "code is the first error's (null without errors)");
        assert.equal(rec.exchanges[0].headers.prefer, "code=404", "the per-call header was sent");
      });
    }

    it("every listAll and iterate rejects with NotFoundError too", async () => {
      const { orgs, rec } = withKey();
      const walks = [
        (opts) => orgs.listAll({}, opts),
        (opts) => orgs.iterateAccounts(ORG, {}, opts),
        (opts) => orgs.logs.audit.listAll(ORG, WINDOW, opts),
        (opts) => orgs.logs.audit.iterate(ORG, WINDOW, opts),
        (opts) => orgs.logs.audit.historyAll(ORG, LOG_ID, { action_time: "2024-10-30T15:00:00Z", ...WINDOW }, opts),
        (opts) => orgs.members.listAll(ORG, {}, opts),
        (opts) => orgs.members.iterate(ORG, {}, opts),
        (opts) => orgs.shares.listAll(ORG, {}, opts),
        (opts) => orgs.shares.iterate(ORG, {}, opts),
      ];
      for (const walk of walks) {
        await assert.rejects(async () => {
          const result = walk({ maxPages: 2, ...NOT_FOUND });
          if (Symbol.asyncIterator in result) for await (const _ of result);
          else await result;
        }, NotFoundError);
      }
      assertConforms(rec, { expectStatus: 404, count: walks.length });
    });
  });

  describe("Prefer: dynamic=true -> extra fields kept on the returned objects", () => {
    for (const [label, call, schema, check] of [
      ["create", (o) => o.create({ name: "Acme", profile: PROFILE }, DYNAMIC), "organizations-api_Organization", assertOrganization],
      ["get", (o) => o.get(ORG, DYNAMIC), "organizations-api_Organization", assertOrganization],
      ["update", (o) => o.update(ORG, { name: "Acme" }, DYNAMIC), "organizations-api_Organization", assertOrganization],
      ["delete", (o) => o.delete(ORG, DYNAMIC), "organizations-api_DeleteOrganizationResponse", (r) => assert.equal(typeof r.id, "string")],
      ["getProfile", (o) => o.getProfile(ORG, DYNAMIC), "organizations-api_Profile", assertProfile],
    ]) {
      it(`${label}`, async () => {
        const { result, raw, extra } = await withExtras(withKey, call, schema);
        check(result);
        assert.deepEqual(result, raw, `the returned object is the API's result, extra fields (${extra.join(", ")}) included`);
      });
    }

    it("list: organizations keep extra fields", async () => {
      const call = (o) => o.list({ name: "Acme" }, DYNAMIC);
      const { result: page, raw, extra } = await withExtras(withKey, call, { type: "array", items: { $ref: "#/components/schemas/organizations-api_Organization" } });
      assertPage(page, assertOrganization);
      assert.deepEqual(page.result, raw, `result kept whole, extra fields (${extra.join(", ")}) included`);
    });

    it("list: result_info is the API's, random token and total included", async () => {
      const { orgs, rec } = withKey();
      const page = await orgs.list({}, DYNAMIC);
      assertConforms(rec, { count: 1 });
      assertPage(page, assertOrganization);
      assert.deepEqual(page.result_info, rec.exchanges[0].responseBody.result_info);
    });

    it("listAccounts: accounts keep extra fields", async () => {
      const call = (o) => o.listAccounts(ORG, { direction: "asc" }, DYNAMIC);
      const { result: page, raw, extra } = await withExtras(withKey, call, { type: "array", items: { $ref: "#/components/schemas/organizations-api_Account" } });
      assertPage(page, assertAccount);
      assert.deepEqual(page.result, raw, `result kept whole, extra fields (${extra.join(", ")}) included`);
    });
  });

  // The one warning Prism may give: account_pubname, which the API deprecates and the client still sends.
  itRefusedNothing(ALL, { minimum: 150, warnings: /^request\.query\.account_pubname(\.|$)/ });
});
