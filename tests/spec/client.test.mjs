// The requests the client sends, checked against the spec (issue 13): every method of the built
// package (pkg/node.js), all 17 operations, with the filters it knows, against the emulator; each request the
// emulator logged is then validated by openapi-backend against its operation's parameters and
// request body (a request that matches no operation fails too).
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import { emulator, emulatorAdmin, NO_EMULATOR, organizationWithAccounts, skipWithoutEmulator } from "../package/helpers.mjs";
import { loadSpec, validateRequest } from "./sweep.mjs";

const { Cloudflare } = await import("../../pkg/node.js");
const CASE = "x-spec-client";

describe("the client's requests against the spec", { skip: skipWithoutEmulator(emulator, NO_EMULATOR) }, () => {
  let requests;
  before(async () => {
    ({ requests } = await loadSpec());
  });

  it("every method, with every filter, sends requests the spec allows", async () => {
    const marker = `client-${process.pid}`;
    const cf = new Cloudflare({
      baseUrl: emulator.url, apiEmail: process.env.EMULATOR_EMAIL ?? "dev@example.com",
      apiKey: process.env.EMULATOR_KEY ?? "dev-api-key", headers: { [CASE]: marker },
    });
    const o = cf.organizations;
    const { id: withAccounts } = await organizationWithAccounts(2);
    const profile = { business_name: "Spec Ltd", business_email: "spec@example.com", business_phone: "+1 555 0100", business_address: "1 Spec Street", external_metadata: "{}" };
    const parent = await o.create({ name: `spec client ${marker}`, profile });
    const child = await o.create({ name: `spec child ${marker}`, parent: { id: parent.id } });
    await o.get(parent.id);
    await o.update(child.id, { name: `spec child renamed ${marker}` });
    await o.list({ id: [parent.id, child.id], name: "x", page_size: 5 });
    await o.list({ name: { startsWith: "spec", endsWith: "x", contains: "c" } });
    await o.list({ containing: { account: "a", user: "u", organization: child.id }, parent: { id: null } });
    await o.listAll({ parent: { id: parent.id }, page_size: 1 });
    await o.listAccounts(withAccounts, { name: "x", account_pubname: "y", order_by: "account_name", direction: "desc", page_size: 1 });
    await o.listAllAccounts(withAccounts, { name: { startsWith: "a", endsWith: "b", contains: "c" }, account_pubname: { startsWith: "a" }, page_size: 2 });
    await o.getProfile(parent.id);
    await o.updateProfile(parent.id, profile);
    await o.delete(child.id);

    // The nine newer operations, on the seeded organization with the most data.
    const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const range = { since: day(-30), before: day(1) };
    const audit = await o.logs.audit.list(withAccounts, { ...range, direction: "asc", limit: 2, action_result: "success", actor_email: { not: "x@example.com" } });
    await o.logs.audit.listAll(withAccounts, { ...range, limit: 50, raw_method: ["GET", "POST"] });
    const entry = audit.result[0];
    await o.logs.audit.history(withAccounts, entry.id, { action_time: entry.action.time, ...range, limit: 2 });
    await o.billing.usage.get(withAccounts, { from: day(-7), to: day(0) });
    const members = await o.members.list(withAccounts, { status: ["active", "pending"], user: { email: { contains: "@" } }, page_size: 1 });
    await o.members.listAll(withAccounts, { page_size: 2 });
    await o.members.get(withAccounts, members.result[0].id);
    const member = await o.members.create(parent.id, { user: { email: `spec-${marker}@example.com` }, status: "active" });
    await o.members.batchCreate(parent.id, [{ user: { email: `spec-batch-${marker}@example.com` } }]);
    await o.members.delete(parent.id, member.id);
    await o.shares.list(withAccounts, { status: "active", kind: "sent", target_type: "account", resource_types: ["idp-federation-grant"], order: "name", direction: "asc", page: 1, per_page: 2 });
    await o.shares.listAll(withAccounts, { per_page: 5 });

    const { requests: logged } = await emulatorAdmin("/requests");
    const mine = logged.filter((r) => r.headers[CASE] === marker);
    assert.ok(mine.length >= 26, `${mine.length} requests logged`);
    const operations = new Set(mine.map((r) => `${r.method} ${r.path.replace(/[0-9a-f]{32}/g, "{id}")}`));
    assert.equal(operations.size, 17, [...operations].join(", "));
    for (const entry of mine) {
      const request = { method: entry.method, path: entry.path, query: entry.query, body: entry.body ? JSON.parse(entry.body) : undefined };
      assert.deepEqual(validateRequest(requests, request), [], `${entry.method} ${entry.path}?${entry.query} ${entry.body ?? ""}`);
    }
  });
});
