// End to end: an organization's members tab in headless Chromium, through the demo server's
// proxy, against the emulator with the demo data. The invite and removal steps build on each
// other and are checked in the list, in the emulator's request log and in the audit trail.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { NO_EMULATOR, skipWithoutEmulator } from "../../demo/harness.mjs";
import { emulator, openDashboard, api, idOf, logMark, apiRequests, errorField, queueFault, assertFitsNarrowScreen, assertErrorThenRetry } from "./session.mjs";

const STAMP = Date.now().toString(36);
const ONE = `ada.${STAMP}@e2e-members.example`;
const SEVERAL = [`grace.${STAMP}@e2e-members.example`, `linus.${STAMP}@e2e-members.example`];

describe("members", { skip: skipWithoutEmulator(emulator, NO_EMULATOR) }, () => {
  let session, page, orgId, membersPath;
  const emails = () => page.locator("[data-testid=members-table] tbody th").allTextContents();
  const summary = () => page.locator("[data-testid=members] .pager-summary").textContent();

  before(async () => {
    session = await openDashboard();
    page = session.page;
    orgId = await idOf("Acme Corp");
    membersPath = `/organizations/${orgId}/members`;
  });
  after(() => session?.close());

  it("lists the organization's members as the API returns them", async () => {
    const mark = await logMark();
    await session.go(`#/org/${orgId}/members`);
    await page.getByTestId("members-table").waitFor();
    const expected = await api(`${membersPath}?page_size=10`);
    assert.ok(expected.body.result.length > 0, "the demo data has no member for Acme Corp");
    assert.deepEqual(await emails(), expected.body.result.map((m) => m.user.email));
    const statuses = await page.locator("[data-testid=members-table] tbody td[data-label=Status]").allTextContents();
    assert.deepEqual(statuses, expected.body.result.map((m) => m.status));
    const [asked] = await apiRequests(mark, { path: membersPath });
    assert.equal(asked.params.get("page_size"), "10");
    assert.equal(await page.locator("[data-testid=org-tabs] a[aria-current=page]").textContent(), "Members");
  });

  it("filters by status and by email, each sent to the API", async () => {
    const all = await api(`${membersPath}?page_size=1000`);
    const status = all.body.result.find((m) => m.status !== "active")?.status ?? "active";
    let mark = await logMark();
    await page.getByTestId("status-choices").getByLabel(status, { exact: true }).check();
    await page.getByRole("button", { name: "Show members" }).click();
    await page.waitForFunction(() => !document.querySelector("[data-testid=members-results][aria-busy]"));
    await page.getByTestId("members-table").or(page.locator(".state-empty")).waitFor();
    let [asked] = await apiRequests(mark, { path: membersPath });
    assert.deepEqual(asked.params.getAll("status"), [status]);
    const byStatus = await api(`${membersPath}?status=${status}&page_size=10`);
    assert.deepEqual(await emails(), byStatus.body.result.map((m) => m.user.email));
    assert.ok(byStatus.body.result.every((m) => m.status === status));

    const someone = all.body.result[0].user.email;
    const fragment = someone.split("@")[0].slice(0, 3);
    mark = await logMark();
    await session.go(`#/org/${orgId}/members`);
    await page.getByLabel("Email match").selectOption("startsWith");
    await page.getByLabel("Email of members").fill(fragment);
    await page.getByTestId("status-choices").getByLabel("active", { exact: true }).check();
    await page.getByTestId("status-choices").getByLabel("pending", { exact: true }).check();
    await page.getByRole("button", { name: "Show members" }).click();
    await page.waitForURL(/email=/);
    await page.getByTestId("members-table").or(page.locator(".state-empty")).waitFor();
    [asked] = (await apiRequests(mark, { path: membersPath })).slice(-1);
    assert.equal(asked.params.get("user.email.startsWith"), fragment);
    assert.deepEqual(asked.params.getAll("status"), ["active", "pending"]);
    const filtered = await api(`${membersPath}?${asked.query}`);
    assert.deepEqual(await emails(), filtered.body.result.map((m) => m.user.email));

    await session.go(`#/org/${orgId}/members?email=nobody-at-all&match=exact`);
    await page.getByText("No member matches email is exactly “nobody-at-all”.").waitFor();
  });

  it("pages with the API's tokens to the end", async () => {
    const all = await api(`${membersPath}?page_size=1000`);
    const total = all.body.result.length;
    assert.ok(total > 5, `paging needs more than 5 members, the demo data has ${total}`);
    const mark = await logMark();
    await session.go(`#/org/${orgId}/members?size=5`);
    await page.getByTestId("members-table").waitFor();
    const seen = [...await emails()];
    const next = page.getByTestId("members").getByRole("button", { name: "Next →" });
    while (await next.isEnabled()) {
      const before = await summary();
      await next.click();
      await page.waitForFunction((text) => { const shown = document.querySelector("[data-testid=members] .pager-summary"); return shown !== null && shown.textContent !== text; }, before);
      seen.push(...await emails());
    }
    assert.deepEqual(seen, all.body.result.map((m) => m.user.email));
    const asked = await apiRequests(mark, { path: membersPath });
    assert.equal(asked.length, Math.ceil(total / 5));
    assert.ok(asked.slice(1).every((r) => r.params.get("page_token")), "a later page was asked without its token");
    await page.getByTestId("members").getByRole("button", { name: "← Previous" }).click();
    await page.getByText(`Page ${asked.length - 1} ·`).waitFor();
  });

  it("invites one person (members.create), seen in the list", async () => {
    await session.go(`#/org/${orgId}/members?email=${STAMP}&match=contains`);
    await page.getByText(/No member matches/).waitFor();
    const form = page.getByTestId("invite-form");
    await form.getByLabel("Email addresses").fill("not-an-email");
    const mark = await logMark();
    await form.getByRole("button", { name: "Invite" }).click();
    await form.getByText("Not an email address: not-an-email").waitFor();
    assert.equal((await apiRequests(mark, { method: "POST", path: /\/members/ })).length, 0, "an invalid address was sent");

    await form.getByLabel("Email addresses").fill(ONE);
    await form.getByRole("button", { name: "Invite" }).click();
    await page.getByTestId("notice").getByText(`Invited ${ONE}.`).waitFor();
    await page.getByTestId("members-table").getByText(ONE).waitFor();
    const [created] = await apiRequests(mark, { method: "POST", path: membersPath });
    assert.deepEqual(JSON.parse(created.body), { member: { user: { email: ONE } } });
  });

  it("invites several at once (members.batchCreate), seen in the list", async () => {
    const form = page.getByTestId("invite-form");
    await form.getByLabel("Email addresses").fill(`${SEVERAL[0]},\n${SEVERAL[1]}`);
    await form.getByLabel(/Add them as active members/).check();
    const mark = await logMark();
    await form.getByRole("button", { name: "Invite" }).click();
    await page.getByTestId("notice").getByText(`Added ${SEVERAL.join(", ")}.`).waitFor();
    const [batch] = await apiRequests(mark, { method: "POST", path: `${membersPath}:batchCreate` });
    assert.deepEqual(JSON.parse(batch.body), { members: SEVERAL.map((email) => ({ user: { email }, status: "active" })) });
    for (const email of SEVERAL) await page.getByTestId("members-table").getByText(email).waitFor();
    const listed = await api(`${membersPath}?user.email.contains=${STAMP}`);
    assert.deepEqual(listed.body.result.map((m) => m.user.email).sort(), [ONE, ...SEVERAL].sort());
    assert.deepEqual(listed.body.result.filter((m) => SEVERAL.includes(m.user.email)).map((m) => m.status), ["active", "active"]);
  });

  it("shows the API's error when an invitation is refused", async () => {
    const form = page.getByTestId("invite-form");
    await queueFault({ fault: "status=409", method: "POST", path: membersPath });
    await form.getByLabel("Email addresses").fill(`again.${STAMP}@e2e-members.example`);
    await form.getByRole("button", { name: "Invite" }).click();
    const outcome = page.getByTestId("invite-outcome");
    await outcome.getByText(/^Not invited: conflict \(409\)$/).waitFor();
    assert.equal(await errorField(outcome, "code").textContent(), "10409");
    assert.ok((await errorField(outcome, "ray-id").textContent()).length > 0);
    assert.equal((await api(`${membersPath}?user.email.startsWith=again.${STAMP}`)).body.result.length, 0);
  });

  it("removes a member only after confirming, seen in the list", async () => {
    const row = page.locator("[data-testid=members-table] tbody tr", { hasText: ONE });
    const deletes = async (mark) => (await apiRequests(mark, { method: "DELETE", path: /\/members\// })).length;
    let mark = await logMark();
    await row.getByRole("button", { name: `Remove ${ONE}…` }).click();
    const dialog = page.getByTestId("confirm-dialog");
    await dialog.getByText(`Remove ${ONE}?`).waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    assert.equal(await deletes(mark), 0, "Cancel sent a delete");

    mark = await logMark();
    await row.getByRole("button", { name: `Remove ${ONE}…` }).click();
    await dialog.getByRole("button", { name: "Remove member" }).click();
    await page.getByTestId("notice").getByText(`Removed ${ONE}.`).waitFor();
    await row.waitFor({ state: "detached" });
    const id = (await apiRequests(mark, { method: "DELETE", path: /\/members\// }))[0].path.split("/").at(-1);
    assert.equal((await api(`${membersPath}/${id}`)).status, 404);
  });

  it("shows the invitations and the removal in the audit trail", async () => {
    await session.go(`#/org/${orgId}/audit?resource_type=member`);
    const table = page.getByTestId("audit-table");
    await table.waitFor();
    const rows = table.locator("tbody tr:not(.audit-detail)");
    const texts = await rows.allTextContents();
    // newest first: the removal, then the two of the batch and the single invitation
    const ours = texts.filter((text) => /Add member|Remove member/.test(text)).slice(0, 4);
    assert.match(ours[0], /delete.*Remove member.*success.*DELETE 2\d\d/);
    for (const text of ours.slice(1)) assert.match(text, /create.*Add member.*success.*POST 2\d\d/);
    const entries = await api(`/organizations/${orgId}/logs/audit?since=${new Date(Date.now() - 3600_000).toISOString()}&before=${new Date(Date.now() + 60_000).toISOString()}&resource_type=member`);
    const uris = entries.body.result.map((entry) => `${entry.raw.method} ${entry.raw.uri}`);
    assert.ok(uris.includes(`POST ${membersPath}`), uris.join("\n"));
    assert.ok(uris.includes(`POST ${membersPath}:batchCreate`), uris.join("\n"));
    assert.ok(uris.some((uri) => uri.startsWith(`DELETE ${membersPath}/`)), uris.join("\n"));
  });

  it("shows a list error with Retry", async () => {
    await assertErrorThenRetry(session, { path: membersPath, hash: `#/org/${orgId}/members`, testid: "members-results", ready: () => page.getByTestId("members-table").waitFor() });
  });

  it("works from the keyboard and fits a 360 px screen", async () => {
    await session.go(`#/org/${orgId}/members?email=${STAMP}&match=contains`);
    await page.getByTestId("members-table").waitFor();
    await page.getByLabel("Email addresses").focus();
    await page.keyboard.type(`keys.${STAMP}@e2e-members.example`);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.textContent), "Invite");
    await page.keyboard.press("Enter");
    await page.getByTestId("members-table").getByText(`keys.${STAMP}@e2e-members.example`).waitFor();

    await page.setViewportSize({ width: 360, height: 740 });
    await session.go(`#/org/${orgId}/members`);
    await page.getByTestId("members-table").waitFor();
    await assertFitsNarrowScreen(page);
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it("raised no script errors", () => {
    assert.deepEqual(session.pageErrors, []);
  });
});
