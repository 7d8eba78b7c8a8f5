// End to end: an organization's billable usage in headless Chromium, through the demo server's
// proxy, against the emulator with the demo data. The chart's series are read from the page
// (the Chart.js instance and the figure's data attributes) and compared with sums made here
// from the API's own records; the table must hold the same numbers.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { NO_EMULATOR, skipWithoutEmulator } from "../../demo/harness.mjs";
import { emulator, openDashboard, api, idOf, logMark, apiRequests, assertFitsNarrowScreen, SCREENSHOTS, assertErrorThenRetry } from "./session.mjs";

const DAY = 86_400_000;
const today = () => new Date().toISOString().slice(0, 10);
const shift = (date, days) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const money = (value) => new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);

/** { days, series: { product: number[] }, totals: { product: number }, total } from the API's records. */
function expectedSeries(records, from, to) {
  const days = [];
  for (let day = from; day <= to; day = shift(day, 1)) days.push(day);
  const series = {};
  for (const record of records) {
    const product = record.x_ProductFamilyName;
    series[product] ??= days.map(() => 0);
    series[product][days.indexOf(record.ChargePeriodStart.slice(0, 10))] += record.BilledCost ?? 0;
  }
  const totals = Object.fromEntries(Object.entries(series).map(([product, values]) => [product, values.reduce((a, b) => a + b, 0)]));
  return { days, series, totals, total: Object.values(totals).reduce((a, b) => a + b, 0) };
}

function assertClose(actual, expected, message) {
  assert.ok(Math.abs(actual - expected) < 1e-6, `${message}: ${actual} ≠ ${expected}`);
}

describe("usage", { skip: skipWithoutEmulator(emulator, NO_EMULATOR) }, () => {
  let session, page, orgId, usagePath;
  /** What Chart.js drew: type, stacking, axis titles, legend and datasets, read from its instance. */
  const drawn = () => page.evaluate(async () => {
    const { Chart } = await import("chart.js");
    const chart = Chart.getChart(document.querySelector("[data-testid=usage-chart] canvas"));
    return {
      type: chart.config.type,
      stacked: chart.options.scales.y.stacked,
      x: chart.options.scales.x.title.text,
      y: chart.options.scales.y.title.text,
      legend: chart.legend.legendItems.map((item) => item.text),
      labels: chart.data.labels,
      datasets: chart.data.datasets.map(({ label, data }) => ({ label, data })),
      attribute: JSON.parse(document.querySelector("[data-testid=usage-chart]").dataset.series),
      painted: document.querySelector("[data-testid=usage-chart] canvas").width > 0,
    };
  });
  const waitForChart = () => page.locator("[data-testid=usage-chart][data-state=drawn]").waitFor();

  before(async () => {
    session = await openDashboard();
    page = session.page;
    orgId = await idOf("Acme Americas");
    usagePath = `/organizations/${orgId}/billable/usage`;
  });
  after(() => session?.close());

  it("asks for this month and draws the daily cost by product, stacked, with legend, axes and currency", async () => {
    const mark = await logMark();
    await session.go(`#/org/${orgId}/usage`);
    await waitForChart();
    const [asked] = await apiRequests(mark, { path: usagePath });
    const from = `${today().slice(0, 7)}-01`;
    assert.equal(asked.params.get("from"), from);
    assert.equal(asked.params.get("to"), today());
    const records = (await api(`${usagePath}?${asked.query}`)).body.result;
    assert.ok(records.length > 0);
    const expected = expectedSeries(records, from, today());

    const chart = await drawn();
    assert.equal(chart.type, "bar");
    assert.equal(chart.stacked, true);
    assert.equal(chart.x, "Day (UTC)");
    assert.equal(chart.y, "Cost (USD)");
    assert.ok(chart.painted);
    assert.deepEqual(chart.labels, expected.days);
    assert.deepEqual([...chart.legend].sort(), Object.keys(expected.series).sort());
    assert.deepEqual(chart.attribute.datasets.map((d) => d.label), chart.datasets.map((d) => d.label));
    for (const dataset of chart.datasets) {
      dataset.data.forEach((value, index) => assertClose(value, expected.series[dataset.label][index], `${dataset.label} on ${expected.days[index]}`));
    }
    // biggest product first, so the legend reads in order of cost
    const order = chart.datasets.map((d) => expected.totals[d.label]);
    assert.deepEqual(order, [...order].sort((a, b) => b - a));
    await page.getByTestId("usage-total").getByText(money(expected.total)).waitFor();
  });

  it("shows the same numbers as a table, with totals per product and overall, sortable", async () => {
    const table = page.getByTestId("usage-table");
    const headers = await table.locator("thead th").allTextContents();
    const products = headers.slice(1, -1);
    assert.deepEqual(headers.at(0), "Day");
    assert.deepEqual(headers.at(-1), "Total");
    const chart = await drawn();
    assert.deepEqual(products, chart.datasets.map((d) => d.label));
    const rows = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent)));
    assert.deepEqual(rows.map((row) => row[0]), chart.labels);
    rows.forEach((row, dayIndex) => products.forEach((product, index) =>
      assert.equal(row[index + 1], money(chart.datasets[index].data[dayIndex]), `${product} on ${row[0]}`)));
    const footer = await table.locator("tfoot tr > *").allTextContents();
    const expectedTotals = chart.datasets.map((d) => d.data.reduce((a, b) => a + b, 0));
    assert.deepEqual(footer, ["Total", ...expectedTotals.map(money), money(expectedTotals.reduce((a, b) => a + b, 0))]);

    await table.getByRole("button", { name: "Total" }).click();
    assert.equal(await table.locator("thead th").last().getAttribute("aria-sort"), "descending");
    const totals = await table.locator("tbody tr td:last-child").allTextContents();
    const numbers = totals.map((text) => Number(text.replace(/[$,]/g, "")));
    assert.deepEqual(numbers, [...numbers].sort((a, b) => b - a));
    await table.getByRole("button", { name: "Day" }).click();
    assert.equal(await table.locator("thead th").first().getAttribute("aria-sort"), "ascending");
    assert.deepEqual(await table.locator("tbody th").allTextContents(), chart.labels);
    await page.getByTestId("metrics-table").getByRole("columnheader", { name: "Quantity" }).waitFor();
  });

  it("redraws as lines without asking the API again", async () => {
    const mark = await logMark();
    await page.getByLabel("Lines").check();
    await page.waitForFunction(() => document.querySelector("[data-testid=usage-chart]").dataset.chartType === "line");
    const chart = await drawn();
    assert.equal(chart.type, "line");
    assert.equal(chart.stacked, false);
    assert.equal((await apiRequests(mark, { path: usagePath })).length, 0);
    await page.getByLabel("Stacked bars").check();
    await page.waitForFunction(() => document.querySelector("[data-testid=usage-chart]").dataset.chartType === "bar");
  });

  it("sends the range chosen, and refuses one over 31 days before asking", async () => {
    const to = shift(today(), -3);
    let mark = await logMark();
    await page.getByLabel("From (UTC)").fill(shift(to, -32));
    await page.getByLabel("To (UTC, included)").fill(to);
    await page.getByRole("button", { name: "Show usage" }).click();
    await page.getByText(/At most 31 days after the start: the API refuses longer ranges \(this one is 32\)\./).waitFor();
    assert.equal((await apiRequests(mark, { path: usagePath })).length, 0, "a range over 31 days was sent");
    // the API agrees
    assert.equal((await api(`${usagePath}?from=${shift(to, -32)}&to=${to}`)).status, 400);

    mark = await logMark();
    await page.getByLabel("From (UTC)").fill(shift(to, -31));
    await page.getByRole("button", { name: "Show usage" }).click();
    await waitForChart();
    const [asked] = await apiRequests(mark, { path: usagePath });
    assert.equal(asked.params.get("from"), shift(to, -31));
    assert.equal(asked.params.get("to"), to);
    const chart = await drawn();
    assert.equal(chart.labels.length, 32);
    const expected = expectedSeries((await api(`${usagePath}?${asked.query}`)).body.result, shift(to, -31), to);
    for (const dataset of chart.datasets) assertClose(dataset.data.reduce((a, b) => a + b, 0), expected.totals[dataset.label], dataset.label);
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: path.join(SCREENSHOTS, "usage.png"), fullPage: true });

    // a range typed into the address is checked the same way
    mark = await logMark();
    await session.go(`#/org/${orgId}/usage?from=${shift(to, 1)}&to=${to}`);
    await page.getByText("The end must not be before the start.").waitFor();
    assert.equal((await apiRequests(mark, { path: usagePath })).length, 0);
  });

  it("shows an empty state and the API's errors with Retry", async () => {
    const created = await api("/organizations", { method: "POST", body: JSON.stringify({ name: `E2E usage ${Date.now().toString(36)}` }) });
    await session.go(`#/org/${created.body.result.id}/usage`);
    await page.getByText(/^No billable usage from \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}\.$/).waitFor();
    await api(`/organizations/${created.body.result.id}`, { method: "DELETE" });

    await assertErrorThenRetry(session, { path: usagePath, hash: `#/org/${orgId}/usage`, testid: "usage-results", ready: () => waitForChart() });
  });

  it("fits a 360 px screen and sorts from the keyboard", async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await session.go(`#/org/${orgId}/usage`);
    await waitForChart();
    await assertFitsNarrowScreen(page);
    await page.setViewportSize({ width: 1280, height: 860 });
    const table = page.getByTestId("usage-table");
    await table.getByRole("button", { name: "Total" }).focus();
    await page.keyboard.press("Enter");
    assert.equal(await table.locator("thead th").last().getAttribute("aria-sort"), "descending");
  });

  it("raised no script errors", () => {
    assert.deepEqual(session.pageErrors, []);
  });
});
