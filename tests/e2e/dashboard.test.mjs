// End-to-end: the dashboard in headless Chromium, through the demo server's proxy, against the
// emulator with the demo data. The steps build on each other (one organization is created,
// found, edited, then deleted), so they run in order in one suite.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { startDemoServer } from "../../demo/server.mjs";
import { emulatorFromEnv, resetEmulator, NO_EMULATOR, skipWithoutEmulator } from "../../demo/harness.mjs";
import { launchBrowser } from "./browser.mjs";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** Under the ignored target/, so tests leave the tree clean; `make screenshots` copies it to docs/. */
const SCREENSHOT = path.join(ROOT, "target", "screenshots", "dashboard.png");
const OUT = path.join(ROOT, "tests", "e2e", "out");
const emulator = emulatorFromEnv();
const NAME = `E2E Widgets ${Date.now().toString(36)}`;
const PROFILE = {
  business_name: "E2E Widgets Ltd",
  business_email: "billing@e2e-widgets.example",
  business_phone: "+44 20 7946 0000",
  business_address: "1 Test Street, London, GB",
  external_metadata: "{\"suite\":\"e2e\"}",
};

/** The emulator's API, called directly by the test to check what the page claims. */
async function api(p, init = {}) {
  const response = await fetch(`${emulator.url}${p}`, { ...init, headers: { authorization: `Bearer ${emulator.token}`, "content-type": "application/json", ...init.headers } });
  return { status: response.status, headers: response.headers, body: await response.json().catch(() => null) };
}

async function idOf(name) {
  const { body } = await api(`/organizations?name=${encodeURIComponent(name)}`);
  assert.equal(body.result.length, 1, `expected one organization named ${name}`);
  return body.result[0].id;
}

describe("dashboard", { skip: skipWithoutEmulator(emulator, NO_EMULATOR) }, () => {
  let server, browser, page;
  const pageErrors = [];
  const requests = [];
  let createdId;

  const go = async (hash) => {
    await page.goto(`${server.url}${hash}`);
    await page.locator("html[data-app=ready]").waitFor();
  };
  const errorField = (scope, field) => scope.locator(`[data-testid=error-panel] dd[data-field=${field}]`);

  before(async () => {
    await resetEmulator(emulator);
    server = await startDemoServer({ port: 0, upstream: emulator.url, credentials: { apiToken: emulator.token }, kind: "emulator", pkgDir: process.env.E2E_PKG_DIR });
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("request", (request) => requests.push({ url: request.url(), method: request.method(), headers: request.headers() }));
    await mkdir(OUT, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it("lists the organizations of the demo data", async () => {
    await go("#/organizations");
    const table = page.getByTestId("org-table");
    await table.waitFor();
    for (const name of ["Acme Corp", "Acme EMEA", "Acme Germany", "Globex", "Initech"]) {
      await table.getByRole("link", { name, exact: true }).first().waitFor();
    }
    assert.match(await page.locator(".pager-summary").textContent(), /7 shown of 7 organizations/);
  });

  it("pages with the API's page tokens, forward and back", async () => {
    await page.getByLabel("Per page").selectOption("5");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.getByText("Page 1 · 5 shown of 7 organizations").waitFor();
    const firstPage = await page.locator("[data-testid=org-table] tbody tr").allTextContents();
    await page.getByRole("button", { name: "Next →" }).click();
    await page.getByText("Page 2 · 2 shown of 7 organizations").waitFor();
    assert.ok(requests.some((r) => r.url.includes("/client/v4/organizations?") && r.url.includes("page_token=")));
    assert.equal(await page.getByRole("button", { name: "Next →" }).isDisabled(), true);
    await page.getByRole("button", { name: "← Previous" }).click();
    await page.getByText("Page 1 · 5 shown of 7 organizations").waitFor();
    assert.deepEqual(await page.locator("[data-testid=org-table] tbody tr").allTextContents(), firstPage);
  });

  it("shows the hierarchy as a tree that folds", async () => {
    await go("#/tree");
    const acme = page.locator(".tree-item", { has: page.locator(":scope > .tree-row a", { hasText: /^Acme Corp$/ }) });
    const germany = acme.locator(".tree-item .tree-item a", { hasText: /^Acme Germany$/ });
    await germany.waitFor();
    await page.getByRole("button", { name: "Collapse Acme Corp" }).click();
    assert.equal(await germany.isVisible(), false);
    await page.getByRole("button", { name: "Expand Acme Corp" }).click();
    assert.equal(await germany.isVisible(), true);
  });

  it("creates an organization under a parent, with a profile checked in the page first", async () => {
    const emeaId = await idOf("Acme EMEA");
    await go(`#/new?parent=${emeaId}`);
    const form = page.getByTestId("create-form");
    await form.getByLabel("Parent organization").waitFor();
    assert.equal(await form.getByLabel("Parent organization").inputValue(), emeaId);
    await form.getByRole("textbox", { name: "Name", exact: true }).fill(NAME);
    await form.getByLabel("Add a business profile now").check();
    for (const [key, value] of Object.entries(PROFILE)) await form.locator(`[name=${key}]`).fill(value);
    await form.locator("[name=business_email]").fill("not-an-email");
    const posts = () => requests.filter((r) => r.method === "POST").length;
    const before = posts();
    await form.getByRole("button", { name: "Create organization" }).click();
    await form.getByText("Enter an email address such as billing@example.com.").waitFor();
    assert.equal(await form.locator("[name=business_email]").getAttribute("aria-invalid"), "true");
    assert.equal(posts(), before, "an invalid profile was sent");

    await form.locator("[name=business_email]").fill(PROFILE.business_email);
    await form.getByRole("button", { name: "Create organization" }).click();
    await page.getByRole("heading", { level: 1, name: NAME }).waitFor();
    createdId = decodeURIComponent(new URL(page.url()).hash.replace("#/org/", ""));
    assert.match(createdId, /^[0-9a-f]{32}$/);
    await page.getByTestId("details").getByRole("link", { name: "Acme EMEA" }).waitFor();
    await page.getByTestId("profile").getByText(PROFILE.business_name).waitFor();
    const { body } = await api(`/organizations/${createdId}`);
    assert.equal(body.result.parent.id, emeaId);
  });

  it("finds it with the name filters", async () => {
    await go("#/organizations");
    await page.getByLabel("Name match").selectOption("startsWith");
    await page.getByLabel("Name of organizations").fill("E2E Widgets");
    await page.getByLabel("Name of organizations").press("Enter");
    await page.getByText("Page 1 · 1 shown of 1 organizations").waitFor();
    await page.getByTestId("org-table").getByRole("link", { name: NAME }).waitFor();
    assert.ok(requests.some((r) => r.url.includes("name.startsWith=E2E")));
    // the filter lives in the URL (no secrets there), so it survives a reload
    await page.reload();
    await page.getByTestId("org-table").getByRole("link", { name: NAME }).waitFor();
    await page.getByLabel("Name match").selectOption("exact");
    await page.getByLabel("Name of organizations").fill(NAME.toLowerCase());
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.getByText(/No organization matches name is exactly/).waitFor();
  });

  it("edits its profile: checked in the page, saved, read back", async () => {
    await go(`#/org/${createdId}`);
    const section = page.getByTestId("profile-section");
    await section.getByRole("button", { name: "Edit profile" }).click();
    const form = section.getByTestId("profile-form");
    await form.locator("[name=business_phone]").fill("");
    await form.getByRole("button", { name: "Save profile" }).click();
    await form.getByText("Enter the business phone.").waitFor();
    await form.locator("[name=business_phone]").fill("+44 20 7946 1234");
    await form.locator("[name=business_email]").fill("accounts@e2e-widgets.example");
    await form.getByRole("button", { name: "Save profile" }).click();
    await section.getByTestId("profile").getByText("accounts@e2e-widgets.example").waitFor();
    await page.getByTestId("notice").getByText("Profile saved.").waitFor();
    const { body } = await api(`/organizations/${createdId}/profile`);
    assert.equal(body.result.business_email, "accounts@e2e-widgets.example");
    assert.equal(body.result.business_phone, "+44 20 7946 1234");
  });

  it("renames it", async () => {
    const form = page.getByTestId("rename-form");
    await form.getByLabel("New name").fill(`${NAME} renamed`);
    await form.getByRole("button", { name: "Rename" }).click();
    await page.getByRole("heading", { level: 1, name: `${NAME} renamed` }).waitFor();
    assert.equal((await api(`/organizations/${createdId}`)).body.result.name, `${NAME} renamed`);
  });

  it("shows the API's code, message and ray id when a delete is refused", async () => {
    const acmeId = await idOf("Acme Corp");
    await go(`#/org/${acmeId}`);
    await page.getByRole("button", { name: "Delete organization…" }).click();
    const dialog = page.getByTestId("confirm-dialog");
    await dialog.getByText("Delete “Acme Corp”?").waitFor();
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "DELETE"),
      dialog.getByRole("button", { name: "Delete organization" }).click(),
    ]);
    const envelope = await response.json();
    assert.equal(response.status(), 409);
    const outcome = page.getByTestId("delete-outcome");
    await outcome.getByText(/^Delete refused: conflict \(409\)$/).waitFor();
    assert.equal(await errorField(outcome, "code").textContent(), String(envelope.errors[0].code));
    assert.equal(await errorField(outcome, "message").textContent(), envelope.errors[0].message);
    const ray = await response.headerValue("cf-ray");
    assert.ok(ray, "the emulator sent no cf-ray");
    assert.equal(await errorField(outcome, "ray-id").textContent(), ray);
    assert.equal((await api(`/organizations/${acmeId}`)).status, 200, "Acme Corp was deleted");
  });

  it("deletes an empty organization only after confirming", async () => {
    await go(`#/org/${createdId}`);
    const deletes = () => requests.filter((r) => r.method === "DELETE").length;
    const before = deletes();
    await page.getByRole("button", { name: "Delete organization…" }).click();
    await page.getByTestId("confirm-dialog").getByRole("button", { name: "Cancel" }).click();
    assert.equal(deletes(), before, "Cancel sent a delete");
    await page.getByRole("button", { name: "Delete organization…" }).click();
    await page.getByTestId("confirm-dialog").getByRole("button", { name: "Delete organization" }).click();
    await page.getByTestId("notice").getByText(`Deleted “${NAME} renamed”.`).waitFor();
    await page.getByRole("heading", { level: 1, name: "Acme EMEA" }).waitFor();
    assert.equal((await api(`/organizations/${createdId}`)).status, 404);
  });

  it("shows an organization's flags, tags and accounts, filtered, sorted and paged as the API returns them", async () => {
    const americasId = await idOf("Acme Americas");
    await go(`#/org/${americasId}`);
    await page.getByTestId("flags").getByText("account_creation").waitFor();
    assert.equal(await page.getByTestId("tags").locator(".chip").count(), 2);
    const accounts = page.getByTestId("accounts");
    await accounts.getByText("Page 1 · 10 shown of 25 accounts").waitFor();

    await accounts.getByLabel("Sort").selectOption("desc");
    await accounts.getByLabel("Per page").selectOption("5");
    await accounts.getByRole("button", { name: "Show accounts" }).click();
    await accounts.getByText("Page 1 · 5 shown of 25 accounts").waitFor();
    const names = () => accounts.locator("[data-testid=accounts-table] tbody th").allTextContents();
    const expected = await api(`/organizations/${americasId}/accounts?order_by=account_name&direction=desc&page_size=5`);
    assert.deepEqual(await names(), expected.body.result.map((a) => a.name));
    await accounts.getByRole("button", { name: "Next →" }).click();
    await accounts.getByText("Page 2 · 5 shown of 25 accounts").waitFor();
    const second = await api(`/organizations/${americasId}/accounts?order_by=account_name&direction=desc&page_size=5&page_token=${expected.body.result_info.next_page_token}`);
    assert.deepEqual(await names(), second.body.result.map((a) => a.name));

    await accounts.getByLabel("Name match").selectOption("startsWith");
    await accounts.getByLabel("Name of accounts").fill("acme s");
    await accounts.getByLabel("Sort").selectOption("asc");
    await accounts.getByRole("button", { name: "Show accounts" }).click();
    const filtered = await api(`/organizations/${americasId}/accounts?name.startsWith=acme%20s&order_by=account_name&direction=asc&page_size=5`);
    assert.ok(filtered.body.result.length > 1);
    await accounts.getByText(`Page 1 · ${filtered.body.result.length} shown`).waitFor();
    assert.deepEqual(await names(), filtered.body.result.map((a) => a.name));
  });

  it("saves a screenshot of an organization's page for the README", async () => {
    await page.goto("about:blank");
    await go(`#/org/${await idOf("Acme Americas")}`);
    const accounts = page.getByTestId("accounts");
    await accounts.getByLabel("Sort").selectOption("asc");
    await accounts.getByRole("button", { name: "Show accounts" }).click();
    await accounts.getByText("Page 1 · 10 shown of 25 accounts").waitFor();
    await page.getByTestId("profile").waitFor();
    await page.waitForLoadState("networkidle");
    await mkdir(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  it("recovers from a failed request with Retry", async () => {
    await page.route("**/client/v4/organizations?**", (route) => route.abort("connectionrefused"));
    await go("#/organizations");
    const panel = page.getByTestId("error-panel");
    await panel.getByText("Could not reach the API").waitFor();
    await page.unroute("**/client/v4/organizations?**");
    await panel.getByRole("button", { name: "Retry" }).click();
    await page.getByTestId("org-table").waitFor();
  });

  it("shows the package's ValidationError (field and reason) for bad settings", async () => {
    await go("#/settings");
    await page.getByText(/This server forwards \/client\/v4 to http:\/\/127\.0\.0\.1:\d+\/client\/v4 \(emulator\)/).waitFor();
    await page.getByLabel("Base URL").fill("ftp://example.com/client/v4");
    await page.getByRole("button", { name: "Test connection" }).click();
    const outcome = page.getByTestId("settings-outcome");
    await outcome.getByText(/^Connection test failed: refused by the client before sending$/).waitFor();
    assert.equal(await errorField(outcome, "field").textContent(), "baseUrl");
    assert.ok((await errorField(outcome, "reason").textContent()).length > 0);
    // and such settings are not saved
    await page.getByRole("button", { name: "Save for this tab" }).click();
    await outcome.getByText(/^Not saved: refused by the client before sending$/).waitFor();
    assert.ok(!(await page.evaluate(() => JSON.stringify(sessionStorage))).includes("ftp:"));
    // a credential kind chosen without its value is caught in the page
    await page.getByLabel("Base URL").fill("/client/v4");
    await page.getByRole("radio", { name: "API token" }).check();
    await page.getByRole("button", { name: "Save for this tab" }).click();
    await page.getByText("Enter the API token, or choose None.").waitFor();
    await page.getByRole("radio", { name: /^None/ }).check();
  });

  it("keeps credentials in sessionStorage only, never in a URL, and sends them only when configured", async () => {
    const proxied = requests.filter((r) => r.url.startsWith(`${server.url}client/v4`));
    assert.ok(proxied.length > 10);
    assert.ok(proxied.every((r) => !r.headers.authorization && !r.headers["x-auth-key"]), "the page sent credentials to the proxy");

    await go("#/settings");
    await page.getByLabel("Base URL").fill(emulator.url);
    await page.getByRole("radio", { name: "API token" }).check();
    await page.locator("input[name=apiToken]").fill(emulator.token);
    await page.getByRole("button", { name: "Save for this tab" }).click();
    await page.getByTestId("settings-outcome").getByText("Saved for this tab.").waitFor();
    await page.getByRole("button", { name: "Test connection" }).click();
    await page.getByText(/Connected: the API reports 7 organizations\./).waitFor();
    await go("#/organizations");
    await page.getByTestId("org-table").waitFor();
    const direct = requests.filter((r) => r.url.startsWith(emulator.url) && r.method === "GET");
    assert.equal(direct.at(-1).headers.authorization, `Bearer ${emulator.token}`);
    assert.ok(requests.every((r) => !r.url.includes(emulator.token)) && !page.url().includes(emulator.token));
    const stored = await page.evaluate(() => JSON.stringify(sessionStorage) + JSON.stringify(localStorage) + document.cookie);
    assert.ok(stored.includes(emulator.token));
    assert.ok(!(await page.evaluate(() => JSON.stringify(localStorage) + document.cookie)).includes(emulator.token));

    await go("#/settings");
    await page.getByRole("button", { name: "Forget" }).click();
    assert.ok(!(await page.evaluate(() => JSON.stringify(sessionStorage))).includes(emulator.token));
    assert.equal(await page.getByLabel("Base URL").inputValue(), "/client/v4");
  });

  it("can be used from the keyboard alone, with visible focus", async () => {
    await page.goto("about:blank");
    await go("#/organizations");
    await page.getByTestId("org-table").waitFor();
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.textContent), "Skip to content");
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate(() => document.activeElement.id), "main");

    const focusOn = async (test, limit = 40) => {
      for (let i = 0; i < limit; i += 1) {
        await page.keyboard.press("Tab");
        if (await page.evaluate(test)) return;
      }
      throw new Error(`focus never reached the target: ${test}`);
    };
    await focusOn(() => document.activeElement.getAttribute("name") === "name");
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, "none", "the focused control shows no focus ring");
    await page.keyboard.type("Globex");
    await page.keyboard.press("Enter");
    await page.getByText("Page 1 · 1 shown of 1 organizations").waitFor();
    await focusOn(() => document.activeElement.textContent === "Globex" && document.activeElement.tagName === "A");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Globex" }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.tagName), "H1");

    // the delete dialog: opens from the keyboard, starts on Cancel, closes with Escape
    await focusOn(() => document.activeElement.textContent === "Delete organization…", 80);
    const deletes = requests.filter((r) => r.method === "DELETE").length;
    await page.keyboard.press("Enter");
    await page.getByTestId("confirm-dialog").waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.textContent), "Cancel");
    await page.keyboard.press("Escape");
    await page.getByTestId("confirm-dialog").waitFor({ state: "detached" });
    assert.equal(await page.evaluate(() => document.activeElement.textContent), "Delete organization…");
    assert.equal(requests.filter((r) => r.method === "DELETE").length, deletes);
  });

  it("fits a 360 px wide screen", async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    for (const hash of ["#/organizations", `#/org/${await idOf("Acme Americas")}`, "#/tree", "#/new", "#/settings"]) {
      await go(hash);
      await page.locator("main h1").waitFor();
      await page.waitForLoadState("networkidle");
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 360, `${hash} is ${width} px wide`);
    }
    await go("#/organizations");
    await page.getByTestId("org-table").waitFor();
    // table rows turn into labelled cards
    assert.equal(await page.locator("[data-testid=org-table] tbody tr").first().evaluate((row) => getComputedStyle(row).display), "block");
    await page.screenshot({ path: path.join(OUT, "dashboard-narrow.png"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it("shows the package's ValidationError for an id it refuses to send", async () => {
    const before = requests.length;
    await go("#/org/%2e%2e");
    const panel = page.getByTestId("error-panel");
    await panel.getByText("Refused by the client before sending").waitFor();
    assert.ok((await panel.locator("dd[data-field=field]").textContent()).length > 0);
    assert.ok(!requests.slice(before).some((r) => r.url.includes("/client/v4/")), "a request was sent");
  });

  it("shows empty states, with a way forward, when there is no data", async () => {
    await resetEmulator(emulator, "empty");
    await go("#/organizations");
    await page.getByText("There are no organizations yet.").waitFor();
    await page.locator(".state-empty").getByRole("link", { name: "Create an organization" }).waitFor();
    await go("#/tree");
    await page.getByText("There are no organizations yet.").waitFor();
    await go("#/organizations?name=nothing");
    await page.getByText("No organization matches name contains “nothing”.").waitFor();
    await page.getByRole("link", { name: "Clear filters" }).click();
    await page.getByText("There are no organizations yet.").waitFor();
    await resetEmulator(emulator, "demo");
  });

  it("raised no script errors", () => {
    assert.deepEqual(pageErrors, []);
  });
});
