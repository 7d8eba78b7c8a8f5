// What each end-to-end suite of an organization's tabs needs: the demo server in front of the
// emulator (reset to the demo data), a Chromium page on it, the emulator's API and request log
// for checking what the page asked, and the folder screenshots go to (ignored by git).
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { startDemoServer } from "../../demo/server.mjs";
import { emulatorFromEnv, resetEmulator } from "../../demo/harness.mjs";
import { launchBrowser } from "./browser.mjs";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** Screenshots the tests take; `make screenshots` copies the README's from here to docs/. */
export const SCREENSHOTS = path.join(ROOT, "target", "screenshots");
export const emulator = emulatorFromEnv();

/**
 * Starts everything; resolves to { page, go(hash), api(path, init), idOf(name), logMark(),
 * apiRequests(mark, filter), pageErrors, close() }.
 */
export async function openDashboard() {
  await resetEmulator(emulator);
  const server = await startDemoServer({ port: 0, upstream: emulator.url, credentials: { apiToken: emulator.token }, kind: "emulator", pkgDir: process.env.E2E_PKG_DIR });
  const browser = await launchBrowser();
  const page = await browser.context.newPage();
  page.setDefaultTimeout(15_000);
  const pageErrors = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await mkdir(SCREENSHOTS, { recursive: true });

  const go = async (hash) => {
    await page.goto(`${server.url}${hash}`);
    await page.locator("html[data-app=ready]").waitFor();
  };
  return {
    page, go, api, idOf, logMark, apiRequests, pageErrors, server,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** The emulator's API, called directly by a test to check what the page claims. */
export async function api(p, init = {}) {
  const response = await fetch(`${emulator.url}${p}`, { ...init, headers: { authorization: `Bearer ${emulator.token}`, "content-type": "application/json", ...init.headers } });
  return { status: response.status, headers: response.headers, body: await response.json().catch(() => null) };
}

/** The id of the demo organization called `name`. */
export async function idOf(name) {
  const { body } = await api(`/organizations?name=${encodeURIComponent(name)}`);
  assert.equal(body.result.length, 1, `expected one organization named ${name}`);
  return body.result[0].id;
}

/** The request log's last sequence number: requests after it are the ones a step made. */
export async function logMark() {
  const log = await (await fetch(`${emulator.admin}/requests`)).json();
  return log.requests.at(-1)?.seq ?? 0;
}

/**
 * API requests the emulator received after `mark` whose method and path match, each with its
 * query parsed: [{ method, path, params: URLSearchParams, status, body }].
 */
export async function apiRequests(mark, { method = "GET", path: pattern }) {
  const log = await (await fetch(`${emulator.admin}/requests?since=${mark}`)).json();
  return log.requests
    .filter((entry) => entry.method === method && (typeof pattern === "string" ? entry.path === pattern : pattern.test(entry.path)))
    .map((entry) => ({ ...entry, params: new URLSearchParams(entry.query) }));
}

/** The error panel's value for a field (`code`, `message`, `ray-id`...) inside `scope`. */
export function errorField(scope, field) {
  return scope.locator(`[data-testid=error-panel] dd[data-field=${field}]`);
}

/**
 * Asserts the page at 360 px is no wider than the screen, once what resizes itself after a
 * viewport change has: a chart is redrawn to its new width from a ResizeObserver, some frames
 * later, and `go` to the hash already shown does not reload the page. So it reads the width until
 * it fits, for up to 3 s, and asserts on the last reading.
 */
export async function assertFitsNarrowScreen(page) {
  const width = await page.evaluate(async () => {
    const deadline = performance.now() + 3000;
    while (document.documentElement.scrollWidth > 360 && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return document.documentElement.scrollWidth;
  });
  assert.ok(width <= 360, `the page is ${width} px wide at 360 px`);
}

/** Queues a fault in the emulator for the next matching request(s): { fault, method, path, times }. */
export async function queueFault(fault) {
  const response = await fetch(`${emulator.admin}/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(fault) });
  assert.equal(response.status, 200, await response.text());
}

/**
 * The error state of a tab: the emulator answers the next GET of `path` with a 403; the page
 * opened at `hash` must show it in the region `testid` (title and the API's code) and recover
 * with Retry, after which `ready()` resolves.
 */
export async function assertErrorThenRetry(session, { path: apiPath, hash, testid, ready }) {
  await queueFault({ fault: "status=403", method: "GET", path: apiPath });
  await session.go(hash);
  const region = session.page.getByTestId(testid);
  await region.getByText("Permission denied (403)").waitFor();
  assert.equal(await errorField(region, "code").textContent(), "10403");
  await region.getByRole("button", { name: "Retry" }).click();
  await ready();
}
