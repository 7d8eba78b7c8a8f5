// End to end: an organization's audit trail in headless Chromium, through the demo server's
// proxy, against the emulator with the demo data (a few weeks of older entries, and the entries
// of what this suite does itself). What the page asks is checked in the emulator's request log,
// what it shows against the API's own answer.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { NO_EMULATOR, skipWithoutEmulator } from "../../demo/harness.mjs";
import { emulator, openDashboard, api, idOf, logMark, apiRequests, assertFitsNarrowScreen, SCREENSHOTS, assertErrorThenRetry } from "./session.mjs";

const DAY = 86_400_000;
const dayOffset = (days) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

describe("audit trail", { skip: skipWithoutEmulator(emulator, NO_EMULATOR) }, () => {
  let session, page, orgId, auditPath;
  const ids = () => page.locator("[data-testid=audit-table] tbody tr[data-id]").evaluateAll((rows) => rows.map((row) => row.dataset.id));
  const lastAsked = async (mark) => (await apiRequests(mark, { path: auditPath })).at(-1);
  const apply = async () => {
    const mark = await logMark();
    await page.getByRole("button", { name: "Show entries" }).click();
    await page.getByTestId("audit-table").or(page.getByTestId("audit-results").locator(".state-empty")).waitFor();
    await page.waitForFunction(() => !document.querySelector("[data-testid=audit-results][aria-busy]"));
    return lastAsked(mark);
  };
  /** The API's answer to the query the page sent: the rows must be these entries, in order. */
  const assertShowsAnswerTo = async (asked) => {
    const answer = await api(`${auditPath}?${asked.query}`);
    assert.equal(answer.status, 200);
    assert.deepEqual(await ids(), answer.body.result.map((entry) => entry.id));
    return answer.body.result;
  };

  before(async () => {
    session = await openDashboard();
    page = session.page;
    orgId = await idOf("Acme Corp");
    auditPath = `/organizations/${orgId}/logs/audit`;
    // Something of today's to find (a rename there and back: the organization's history), and
    // enough for several loads of 10 (members added and removed).
    for (const name of ["Acme Corp (audited)", "Acme Corp"]) await api(`/organizations/${orgId}`, { method: "PUT", body: JSON.stringify({ name }) });
    for (let round = 0; round < 5; round += 1) {
      const member = await api(`/organizations/${orgId}/members`, { method: "POST", body: JSON.stringify({ member: { user: { email: `audit.${round}.${Date.now().toString(36)}@e2e-audit.example` } } }) });
      await api(`/organizations/${orgId}/members/${member.body.result.id}`, { method: "DELETE" });
    }
  });
  after(() => session?.close());

  it("shows the last 7 days, newest first, as the API returns them", async () => {
    const mark = await logMark();
    await session.go(`#/org/${orgId}/audit`);
    await page.getByTestId("audit-table").waitFor();
    const asked = await lastAsked(mark);
    assert.equal(asked.params.get("since"), dayOffset(-6));
    assert.equal(asked.params.get("before"), dayOffset(1));
    assert.equal(asked.params.get("direction"), "desc");
    assert.equal(asked.params.get("limit"), "25");
    const entries = await assertShowsAnswerTo(asked);
    assert.ok(entries.length > 0);
    const times = entries.map((entry) => entry.action.time);
    assert.deepEqual(times, [...times].sort().reverse());
    const first = page.locator("[data-testid=audit-table] tbody tr[data-id]").first();
    assert.equal(await first.locator("td[data-label=\"Method, status\"]").textContent(), `${entries[0].raw.method} ${entries[0].raw.status_code}`);
    assert.match(await first.locator("td[data-label=Actor]").textContent(), new RegExp(entries[0].actor.email.replace(/\./g, "\\.")));
    await page.getByText(`From ${dayOffset(-6)} to ${dayOffset(0)} (UTC), newest first.`).waitFor();
  });

  it("sends each filter, and its \"is not\" form, to the API", async () => {
    const filters = [
      { label: "Action type", value: "update", select: true, param: "action_type" },
      { label: "Result", value: "success", select: true, param: "action_result" },
      { label: "Actor email", value: process.env.EMULATOR_EMAIL ?? "dev@example.com", param: "actor_email" },
      { label: "Resource type", value: "organization", param: "resource_type" },
    ];
    for (const filter of filters) {
      for (const not of [false, true]) {
        await session.go(`#/org/${orgId}/audit`);
        const row = page.locator(`[data-filter=${filter.param}]`);
        if (filter.select) await row.getByLabel(filter.label, { exact: true }).selectOption(filter.value);
        else await row.getByLabel(filter.label, { exact: true }).fill(filter.value);
        await row.getByLabel(`${filter.label}: match or exclude`).selectOption(not ? "not" : "is");
        const asked = await apply();
        assert.deepEqual(asked.params.getAll(not ? `${filter.param}.not` : filter.param), [filter.value], `${filter.label} ${not ? "is not" : "is"}`);
        assert.equal(asked.params.has(not ? filter.param : `${filter.param}.not`), false);
        const entries = await assertShowsAnswerTo(asked);
        const field = { action_type: (e) => e.action.type, action_result: (e) => e.action.result, actor_email: (e) => e.actor.email, resource_type: (e) => e.resource.type }[filter.param];
        assert.ok(entries.every((entry) => (field(entry) === filter.value) !== not), `${filter.label}: an entry does not match`);
      }
    }
    // several values of a text filter are a repeated key
    await session.go(`#/org/${orgId}/audit`);
    await page.locator("[data-filter=resource_type]").getByLabel("Resource type", { exact: true }).fill("organization, member");
    const several = await apply();
    assert.deepEqual(several.params.getAll("resource_type"), ["organization", "member"]);
  });

  it("sends the range and the order, and refuses a range that ends before it starts", async () => {
    await session.go(`#/org/${orgId}/audit`);
    await page.getByLabel("From (UTC)").fill(dayOffset(-30));
    await page.getByLabel("To (UTC, included)").fill(dayOffset(-2));
    await page.getByLabel("Order").selectOption("asc");
    await page.getByLabel("Per load").selectOption("50");
    const asked = await apply();
    assert.equal(asked.params.get("since"), dayOffset(-30));
    assert.equal(asked.params.get("before"), dayOffset(-1));
    assert.equal(asked.params.get("direction"), "asc");
    assert.equal(asked.params.get("limit"), "50");
    const entries = await assertShowsAnswerTo(asked);
    const times = entries.map((entry) => entry.action.time);
    assert.deepEqual(times, [...times].sort());

    const mark = await logMark();
    await page.getByLabel("From (UTC)").fill(dayOffset(-1));
    await page.getByLabel("To (UTC, included)").fill(dayOffset(-3));
    await page.getByRole("button", { name: "Show entries" }).click();
    await page.getByText("The end must not be before the start.").waitFor();
    assert.equal((await apiRequests(mark, { path: auditPath })).length, 0, "a reversed range was sent");
  });

  it("loads more by cursor until the API has no more", async () => {
    await session.go(`#/org/${orgId}/audit?from=${dayOffset(-60)}&limit=10`);
    await page.getByTestId("audit-table").waitFor();
    const mark = await logMark();
    const more = page.getByRole("button", { name: "Load more entries" });
    let loads = 0;
    while (await more.isVisible()) {
      const count = (await ids()).length;
      await more.click();
      await page.waitForFunction((n) => document.querySelectorAll("[data-testid=audit-table] tbody tr[data-id]").length > n
        || document.querySelector("[data-testid=list-end]"), count);
      loads += 1;
    }
    await page.getByTestId("list-end").waitFor();
    assert.ok(loads >= 2, `${loads} load(s) of more: the trail should take at least three`);
    const asked = await apiRequests(mark, { path: auditPath });
    assert.equal(asked.length, loads);
    assert.ok(asked.every((request) => request.params.get("cursor")), "a later page was asked without a cursor");
    // Everything the API has in the range, in its order, each entry once.
    const all = [];
    let cursor;
    do {
      const page_ = await api(`${auditPath}?since=${dayOffset(-60)}&before=${dayOffset(1)}&direction=desc&limit=1000${cursor ? `&cursor=${cursor}` : ""}`);
      all.push(...page_.body.result);
      cursor = page_.body.result_info.cursor;
    } while (cursor);
    assert.deepEqual(await ids(), all.map((entry) => entry.id));
    assert.equal(await page.getByTestId("shown-count").textContent(), `${all.length} entries shown`);
  });

  it("opens an entry's detail and its resource's history", async () => {
    await session.go(`#/org/${orgId}/audit?resource_type=organization&action_type=update`);
    await page.getByTestId("audit-table").waitFor();
    const [entryId] = await ids();
    const entry = (await api(`${auditPath}?since=${dayOffset(-6)}&before=${dayOffset(1)}&id=${entryId}`)).body.result[0];
    const row = page.locator(`[data-testid=audit-table] tbody tr[data-id="${entryId}"]`);
    await row.getByRole("button", { name: /^Details of the update/ }).click();
    const detail = page.getByTestId("audit-detail").first();
    await detail.waitFor();
    const raw = detail.getByTestId("audit-raw");
    assert.equal(await raw.locator("dd[data-field=method]").textContent(), entry.raw.method);
    assert.equal(await raw.locator("dd[data-field=uri]").textContent(), entry.raw.uri);
    assert.equal(await raw.locator("dd[data-field=status]").textContent(), String(entry.raw.status_code));
    assert.equal(await raw.locator("dd[data-field=ray-id]").textContent(), entry.raw.cf_ray_id);
    const resource = detail.getByTestId("audit-resource");
    assert.equal(await resource.locator("dd[data-field=id]").textContent(), entry.resource.id);
    assert.equal(await resource.locator("dd[data-field=type]").textContent(), entry.resource.type);
    assert.equal(await row.getByRole("button", { name: /^Details of/ }).getAttribute("aria-expanded"), "true");

    const mark = await logMark();
    await detail.getByRole("button", { name: "Show this resource's history" }).click();
    const history = detail.getByTestId("history-table");
    await history.waitFor();
    const [asked] = await apiRequests(mark, { path: `${auditPath}/${entryId}/history` });
    assert.equal(asked.params.get("action_time"), entry.action.time);
    assert.equal(asked.params.get("since"), dayOffset(-6));
    assert.equal(asked.params.get("before"), dayOffset(1));
    const answer = await api(`${auditPath}/${entryId}/history?${asked.query}`);
    assert.deepEqual(await history.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.dataset.id)), answer.body.result.map((e) => e.id));
    assert.ok(answer.body.result.length >= 2, "the rename there and back is the resource's history");
    assert.match(await detail.getByTestId("history-status").textContent(), /resource/);

    await row.getByRole("button", { name: /^Details of/ }).click();
    assert.equal(await detail.isHidden(), true);
  });

  it("saves a screenshot of the trail, other people's entries, one open with its history", async () => {
    await page.goto("about:blank");
    await session.go(`#/org/${orgId}/audit?from=${dayOffset(-30)}&actor_email=${encodeURIComponent(process.env.EMULATOR_EMAIL ?? "dev@example.com")}&actor_email.not=1`);
    await page.getByTestId("audit-table").waitFor();
    await page.getByRole("button", { name: /^Details of/ }).first().click();
    await page.getByRole("button", { name: "Show this resource's history" }).click();
    await page.getByTestId("history-status").waitFor();
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: path.join(SCREENSHOTS, "audit.png"), fullPage: true });
  });

  it("keeps working when the API adds fields, and shows them in the entry's JSON", async () => {
    const route = `**/client/v4${auditPath}?**`;
    await page.route(route, async (intercepted) => {
      const response = await intercepted.fetch();
      const body = await response.json();
      body.result = body.result.map((entry) => ({ ...entry, future_field: { added: "later" }, action: { ...entry.action, future_flag: true } }));
      body.result_info = { ...body.result_info, future_info: 1 };
      await intercepted.fulfill({ response, json: body });
    });
    try {
      await session.go(`#/org/${orgId}/audit`);
      await page.getByTestId("audit-table").waitFor();
      await page.getByRole("button", { name: /^Details of/ }).first().click();
      const detail = page.getByTestId("audit-detail").first();
      await detail.getByText("The entry as the API sent it (JSON)").click();
      await detail.locator("pre").getByText(/"future_field": \{\s+"added": "later"/).waitFor();
    } finally {
      await page.unroute(route);
    }
  });

  it("shows an empty state, and the API's errors with Retry", async () => {
    await session.go(`#/org/${orgId}/audit?actor_email=nobody%40example.com`);
    await page.getByText("No entry matches these filters in this range.").waitFor();

    await assertErrorThenRetry(session, { path: auditPath, hash: `#/org/${orgId}/audit`, testid: "audit-results", ready: () => page.getByTestId("audit-table").waitFor() });
  });

  it("works from the keyboard and fits a 360 px screen", async () => {
    await session.go(`#/org/${orgId}/audit`);
    await page.getByTestId("audit-table").waitFor();
    const details = page.getByRole("button", { name: /^Details of/ }).first();
    await details.focus();
    await page.keyboard.press("Enter");
    await page.getByTestId("audit-detail").first().waitFor();
    assert.equal(await details.getAttribute("aria-expanded"), "true");
    await page.keyboard.press("Tab");
    // the raw entry's disclosure comes next, inside the detail
    assert.equal(await page.evaluate(() => document.activeElement.tagName), "SUMMARY");

    await page.setViewportSize({ width: 360, height: 740 });
    await session.go(`#/org/${orgId}/audit`);
    await page.getByTestId("audit-table").waitFor();
    await page.getByRole("button", { name: /^Details of/ }).first().click();
    await assertFitsNarrowScreen(page);
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it("raised no script errors", () => {
    assert.deepEqual(session.pageErrors, []);
  });
});
