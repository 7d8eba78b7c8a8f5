// End to end: an organization's shares in headless Chromium, through the demo server's proxy,
// against the emulator with the demo data: every filter sent as the API names it, page
// numbers to the end, and errors.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { NO_EMULATOR, skipWithoutEmulator } from "../../demo/harness.mjs";
import { emulator, openDashboard, api, logMark, apiRequests, assertFitsNarrowScreen, assertErrorThenRetry } from "./session.mjs";

describe("shares", { skip: skipWithoutEmulator(emulator, NO_EMULATOR) }, () => {
  let session, page, orgId, sharesPath, all;
  const names = () => page.locator("[data-testid=shares-table] tbody th").allTextContents();
  const apply = async () => {
    const mark = await logMark();
    await page.getByRole("button", { name: "Show shares" }).click();
    await page.getByTestId("shares-table").or(page.getByTestId("shares-results").locator(".state-empty")).waitFor();
    await page.waitForFunction(() => !document.querySelector("[data-testid=shares-results][aria-busy]"));
    return (await apiRequests(mark, { path: sharesPath })).at(-1);
  };
  const assertShowsAnswerTo = async (asked) => {
    const answer = await api(`${sharesPath}?${asked.query}`);
    assert.equal(answer.status, 200);
    assert.deepEqual(await names(), answer.body.result.map((share) => share.name));
    return answer.body;
  };

  before(async () => {
    session = await openDashboard();
    page = session.page;
    // The demo organization with the most shares.
    const orgs = (await api("/organizations?page_size=1000")).body.result;
    let best = null;
    for (const org of orgs) {
      const count = (await api(`/organizations/${org.id}/shares?per_page=100`)).body.result.length;
      if (count > (best?.count ?? 0)) best = { id: org.id, count };
    }
    assert.ok(best, "the demo data has no shares");
    orgId = best.id;
    sharesPath = `/organizations/${orgId}/shares`;
    all = (await api(`${sharesPath}?per_page=100&order=created&direction=asc`)).body.result;
  });
  after(() => session?.close());

  it("lists the shares as the API returns them, oldest first", async () => {
    const mark = await logMark();
    await session.go(`#/org/${orgId}/shares`);
    await page.getByTestId("shares-table").waitFor();
    const [asked] = await apiRequests(mark, { path: sharesPath });
    assert.equal(asked.params.get("page"), "1");
    assert.equal(asked.params.get("per_page"), "20");
    assert.equal(asked.params.get("order"), "created");
    assert.equal(asked.params.get("direction"), "asc");
    const body = await assertShowsAnswerTo(asked);
    assert.equal(body.result[0].name, all[0].name);
  });

  it("sends each filter, the order and the direction", async () => {
    const pick = (field) => all.find((share) => share[field])?.[field];
    const selects = [["Status", "status", pick("status")], ["Kind", "kind", pick("kind")], ["Target type", "target_type", pick("target_type")]];
    for (const [label, param, value] of selects) {
      await session.go(`#/org/${orgId}/shares`);
      await page.getByLabel(label, { exact: true }).selectOption(value);
      const asked = await apply();
      assert.deepEqual(asked.params.getAll(param), [value], label);
      const body = await assertShowsAnswerTo(asked);
      assert.ok(body.result.every((share) => share[param] === value), `${label}: a share does not match`);
    }
    await session.go(`#/org/${orgId}/shares`);
    await page.getByTestId("resource_types-choices").getByLabel("gateway-policy").check();
    await page.getByTestId("resource_types-choices").getByLabel("custom-ruleset").check();
    let asked = await apply();
    assert.deepEqual(asked.params.getAll("resource_types").sort(), ["custom-ruleset", "gateway-policy"]);
    await assertShowsAnswerTo(asked);

    await session.go(`#/org/${orgId}/shares`);
    await page.getByLabel("Order by").selectOption("name");
    await page.getByLabel("Direction").selectOption("desc");
    asked = await apply();
    assert.equal(asked.params.get("order"), "name");
    assert.equal(asked.params.get("direction"), "desc");
    const shown = await names();
    assert.deepEqual(shown, (await api(`${sharesPath}?${asked.query}`)).body.result.map((s) => s.name));
    assert.ok(shown.length > 1);
  });

  it("goes through the pages by number and by Next, to the last", async () => {
    assert.ok(all.length > 5, `paging needs more than 5 shares, the demo data has ${all.length}`);
    const pages = Math.ceil(all.length / 5);
    const mark = await logMark();
    await session.go(`#/org/${orgId}/shares?per_page=5`);
    await page.getByTestId("shares-table").waitFor();
    await page.getByText(`Page 1 of ${pages} · 5 shown of ${all.length} shares`).waitFor();
    const seen = [...await names()];
    const next = page.getByTestId("shares").getByRole("button", { name: "Next →" });
    for (let n = 2; n <= pages; n += 1) {
      await next.click();
      await page.getByText(`Page ${n} of ${pages} ·`).waitFor();
      seen.push(...await names());
    }
    assert.equal(await next.isDisabled(), true);
    assert.deepEqual(seen, all.map((share) => share.name));
    const asked = await apiRequests(mark, { path: sharesPath });
    assert.deepEqual(asked.map((r) => r.params.get("page")), Array.from({ length: pages }, (_, i) => String(i + 1)));
    await page.getByRole("button", { name: "Page 1", exact: true }).click();
    await page.getByText(`Page 1 of ${pages} ·`).waitFor();
    assert.equal(await page.getByRole("button", { name: "Page 1", exact: true }).getAttribute("aria-current"), "page");
    assert.deepEqual(await names(), all.slice(0, 5).map((share) => share.name));
  });

  it("shows an empty state and the API's errors with Retry", async () => {
    const created = (await api("/organizations", { method: "POST", body: JSON.stringify({ name: `E2E shares ${Date.now().toString(36)}` }) })).body.result;
    await session.go(`#/org/${created.id}/shares`);
    await page.getByText("This organization has no shares.").waitFor();
    await session.go(`#/org/${created.id}/shares?status=active`);
    await page.getByText("No share matches these filters.").waitFor();
    await api(`/organizations/${created.id}`, { method: "DELETE" });

    await assertErrorThenRetry(session, { path: sharesPath, hash: `#/org/${orgId}/shares`, testid: "shares-results", ready: () => page.getByTestId("shares-table").waitFor() });
  });

  it("fits a 360 px screen", async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await session.go(`#/org/${orgId}/shares?per_page=5`);
    await page.getByTestId("shares-table").waitFor();
    await assertFitsNarrowScreen(page);
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it("raised no script errors", () => {
    assert.deepEqual(session.pageErrors, []);
  });
});
