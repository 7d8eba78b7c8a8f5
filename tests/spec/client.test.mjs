// The requests the client sends, checked against the spec (issue 13): every method of the built
// package (pkg/node.js), with every filter it knows, against the emulator; each request the
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

    const { requests: logged } = await emulatorAdmin("/requests");
    const mine = logged.filter((r) => r.headers[CASE] === marker);
    assert.ok(mine.length >= 13, `${mine.length} requests logged`);
    const methods = new Set(mine.map((r) => `${r.method} ${r.path.replace(/[0-9a-f]{32}/g, "{id}")}`));
    assert.equal(methods.size, 8, [...methods].join(", "));
    for (const entry of mine) {
      const request = { method: entry.method, path: entry.path, query: entry.query, body: entry.body ? JSON.parse(entry.body) : undefined };
      assert.deepEqual(validateRequest(requests, request), [], `${entry.method} ${entry.path}?${entry.query} ${entry.body ?? ""}`);
    }
  });
});
