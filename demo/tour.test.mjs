// The tour (demo/tour.mjs) run as a user runs it, against the emulator with the demo data.
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { emulatorFromEnv, resetEmulator, isolatedEnv, run, NO_EMULATOR, skipWithoutEmulator } from "./harness.mjs";

const TOUR = fileURLToPath(new URL("./tour.mjs", import.meta.url));
const emulator = emulatorFromEnv();

describe("the tour", { skip: skipWithoutEmulator(emulator, NO_EMULATOR) }, () => {
  let result;

  before(async () => {
    await resetEmulator(emulator);
    result = await run(process.execPath, [TOUR], { env: isolatedEnv({ EMULATOR_URL: emulator.url, EMULATOR_TOKEN: emulator.token }) });
  });

  it("exits 0 and says it is complete", () => {
    assert.equal(result.code, 0, result.output);
    assert.match(result.output, /Tour complete: every operation of the Organizations API called\./);
  });

  it("calls each of the eight endpoints through the package", () => {
    for (const method of ["list", "listAll", "get", "create", "update", "listAccounts", "iterateAccounts", "listAllAccounts", "getProfile", "updateProfile", "delete"]) {
      assert.match(result.output, new RegExp(`cf\\.organizations\\.${method}\\(`), `no call of ${method}`);
    }
    // the HTTP lines: every operation went over the wire
    for (const line of [/GET \/organizations\?/, /POST \/organizations → 200/, /PUT \/organizations\/[0-9a-f]{32} → 200/,
      /GET \/organizations\/[0-9a-f]{32} → 200/, /DELETE \/organizations\/[0-9a-f]{32} → 200/,
      /GET \/organizations\/[0-9a-f]{32}\/accounts\?/, /GET \/organizations\/[0-9a-f]{32}\/profile → 200/, /PUT \/organizations\/[0-9a-f]{32}\/profile → 204/]) {
      assert.match(result.output, line);
    }
  });

  it("invites members, one and in a batch, lists the pending ones and withdraws one", () => {
    for (const call of ["members.create", "members.batchCreate", "members.get", "members.listAll", "members.delete"]) {
      assert.match(result.output, new RegExp(`cf\\.organizations\\.${call.replace(".", "\\.")}\\(`), `no call of ${call}`);
    }
    assert.match(result.output, /POST \/organizations\/[0-9a-f]{32}\/members → 200/);
    assert.match(result.output, /POST \/organizations\/[0-9a-f]{32}\/members:batchCreate → 200/);
    assert.match(result.output, /GET \/organizations\/[0-9a-f]{32}\/members\?\S*status=pending/);
    assert.match(result.output, /GET \/organizations\/[0-9a-f]{32}\/members\/\S+ → 200/);
    assert.match(result.output, /DELETE \/organizations\/[0-9a-f]{32}\/members\/\S+ → 20[04]/);
    assert.match(result.output, /→ ada@tour-widgets\.example: pending/);
    assert.match(result.output, /→ grace@tour-widgets\.example: pending, linus@tour-widgets\.example: active/);
    assert.match(result.output, /→ 2 pending: ada@tour-widgets\.example, grace@tour-widgets\.example/);
  });

  it("shows this month's usage by product, and the shares of an organization", () => {
    const today = new Date().toISOString().slice(0, 10);
    assert.match(result.output, /cf\.organizations\.billing\.usage\.get\(/);
    assert.match(result.output, /GET \/organizations\/[0-9a-f]{32}\/billable\/usage → 200/);
    // no range given: the API's default, this month
    assert.ok(!/billable\/usage\?/.test(result.output), `the tour sent a range (today is ${today})`);
    assert.match(result.output, /→ \d+ records, (Workers|R2|Stream|Argo Smart Routing) \d+\.\d\d.*; total \d+\.\d\d USD/);
    assert.match(result.output, /cf\.organizations\.shares\.list\(/);
    assert.match(result.output, /GET \/organizations\/[0-9a-f]{32}\/shares\?\S*per_page=5\S* → 200/);
  });

  it("shows the audit trail of what the tour itself did, and one entry's history", () => {
    assert.match(result.output, /cf\.organizations\.logs\.audit\.listAll\(/);
    assert.match(result.output, /GET \/organizations\/[0-9a-f]{32}\/logs\/audit\?\S*since=\S* → 200/);
    const trail = result.output.slice(result.output.indexOf("logs.audit.listAll: the audit trail"));
    // the tour's own rename, profile update, invitations and refused delete, in the order made
    const made = [/update .*PUT \/organizations\/[0-9a-f]{32} → 200 success/, /PUT \/organizations\/[0-9a-f]{32}\/profile → 204 success/,
      /create .*POST \/organizations\/[0-9a-f]{32}\/members → 200 success/, /POST \/organizations\/[0-9a-f]{32}\/members:batchCreate → 200 success/,
      /delete .*DELETE \/organizations\/[0-9a-f]{32} → 409 failure/];
    let at = 0;
    for (const line of made) {
      const found = trail.slice(at).search(line);
      assert.ok(found >= 0, `the trail lacks ${line} after position ${at}:\n${trail}`);
      at += found;
    }
    assert.match(result.output, /cf\.organizations\.logs\.audit\.history\(/);
    assert.match(result.output, /GET \/organizations\/[0-9a-f]{32}\/logs\/audit\/\S+\/history\?\S*action_time=\S* → 200/);
    assert.match(result.output, /→ \d+ entries \((exact|approximate)\): /);
  });

  it("pages past the first page: listAll and the account iterators follow page tokens", () => {
    const listAllPages = result.output.split("\n").filter((l) => /GET \/organizations\?.*page_size=3/.test(l));
    assert.ok(listAllPages.length > 1, `listAll made ${listAllPages.length} request(s)`);
    assert.ok(result.output.split("\n").some((l) => /\/accounts\?.*page_token=/.test(l)), "no account page was fetched with a page_token");
    assert.match(result.output, /→ 25 accounts, from /);
  });

  it("shows the profile round trip", () => {
    assert.match(result.output, /→ Tour Widgets GmbH <billing@tour-widgets\.example>/);
    assert.match(result.output, /→ Tour Widgets GmbH <accounts@tour-widgets\.example>, \+49 30 555 0199/);
  });

  it("shows the typed error of a refused delete: class, instanceof, code, message and ray id", () => {
    assert.match(result.output, /rejected:.*ConflictError/);
    assert.match(result.output, /instanceof ConflictError → true, instanceof ApiError → true, instanceof CloudflareError → true/);
    assert.match(result.output, /status 409 · code \d+ · message “[^”]+” · rayId \S+/);
  });

  it("leaves no organization of its own behind", async () => {
    const response = await fetch(`${emulator.url}/organizations?name.startsWith=Tour%20`, { headers: { authorization: `Bearer ${emulator.token}` } });
    const body = await response.json();
    assert.equal(body.success, true);
    assert.deepEqual(body.result.map((org) => org.name), []);
  });

  it("fails with exit code 1 and the error's class on bad credentials", async () => {
    const bad = await run(process.execPath, [TOUR], { env: isolatedEnv({ EMULATOR_URL: emulator.url, EMULATOR_TOKEN: "wrong-token" }) });
    assert.equal(bad.code, 1, bad.output);
    assert.match(bad.output, /Tour failed: AuthenticationError/);
    assert.ok(!bad.output.includes("wrong-token"), "the token was printed");
  });
});
