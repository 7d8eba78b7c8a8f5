// An organization's billable usage (`billing.usage.get`) over a range of days (this month by
// default): a chart of the daily cost by product, the same numbers as a sortable table with
// totals, and the quantities per metric. A range the API refuses is refused here first.
import { h, replace } from "../../../dom.js";
import { organizations } from "../../../api.js";
import { formatMoney, formatQuantity, orgPath } from "../../../format.js";
import { hashFor, navigate } from "../../../router.js";
import { daysBetween, isIsoDate, startOfMonth, todayUtc } from "../../../dates.js";
import { section } from "../../../components/page.js";
import { loadInto, emptyState } from "../../../components/status.js";
import { field, showFieldProblems, clearFieldProblems } from "../../../components/fields.js";
import { sortableTable } from "../../../components/sortable-table.js";
import { organizationTab } from "../shell.js";
import { summarizeUsage } from "./data.js";
import { drawUsageChart, costAxisTitle } from "./chart.js";

/** The longest range the API answers: `to` at most this many days after `from`. */
export const MAX_USAGE_DAYS = 31;
const STYLES = [["bars", "Stacked bars"], ["lines", "Lines"]];

/** { from?, to? } messages for a range the API would refuse; empty when it may be sent. */
export function checkUsageRange(from, to) {
  const problems = {};
  if (!isIsoDate(from)) problems.from = "Enter a date (YYYY-MM-DD).";
  if (!isIsoDate(to)) problems.to = "Enter a date (YYYY-MM-DD).";
  if (Object.keys(problems).length) return problems;
  if (from > to) problems.to = "The end must not be before the start.";
  else if (daysBetween(from, to) > MAX_USAGE_DAYS) problems.to = `At most ${MAX_USAGE_DAYS} days after the start: the API refuses longer ranges (this one is ${daysBetween(from, to)}).`;
  return problems;
}

function readRange(query, today = todayUtc()) {
  const from = query.get("from");
  const to = query.get("to");
  return from || to ? { from: from ?? "", to: to ?? "" } : { from: startOfMonth(today), to: today };
}

export const usageView = organizationTab("usage", ({ org, query, signal }) => {
  const range = readRange(query);
  const results = h("div", { class: "region", "data-testid": "usage-results" });
  const form = h("form", { class: "filters", "aria-label": "Usage range", method: "post", novalidate: true, onsubmit: (event) => {
    event.preventDefault();
    clearFieldProblems(form);
    const data = new FormData(form);
    const next = { from: String(data.get("from") ?? ""), to: String(data.get("to") ?? "") };
    if (showFieldProblems(form, checkUsageRange(next.from, next.to))) return;
    navigate(hashFor(orgPath(org.id, "usage"), next));
  } },
  h("div", { class: "field-row" },
    field({ label: "From (UTC)", name: "from", type: "date", value: range.from, required: true }),
    field({ label: "To (UTC, included)", name: "to", type: "date", value: range.to, required: true,
      hint: `At most ${MAX_USAGE_DAYS} days after the start.` }),
    h("div", { class: "actions" },
      h("button", { type: "submit", class: "button button-primary" }, "Show usage"),
      h("a", { class: "button button-quiet", href: `#${orgPath(org.id, "usage")}` }, "This month"))));

  const card = section("Usage", { testid: "usage", className: "card-wide" }, form, results);
  // A range typed into the URL gets the same check as the form's, and nothing is sent.
  if (showFieldProblems(form, checkUsageRange(range.from, range.to))) {
    replace(results, emptyState("Choose a range the API accepts."));
    return card;
  }
  loadInto(results, {
    signal,
    loadingText: "Loading usage…",
    load: (s) => organizations().billing.usage.get(org.id, { from: range.from, to: range.to }, { signal: s }),
    isEmpty: (records) => records.length === 0,
    empty: () => emptyState(`No billable usage from ${range.from} to ${range.to}.`),
    render: (records) => usageReport(summarizeUsage(records, range), range),
  });
  return card;
});

function usageReport(summary, range) {
  const currency = summary.currencies.length === 1 ? summary.currencies[0] : undefined;
  const money = (value) => formatMoney(value, currency);
  const canvas = h("canvas", { role: "img", "aria-label": `Daily cost by product from ${range.from} to ${range.to}; the same numbers are in the table below.` });
  const chartStatus = h("div", { class: "chart-status" });
  const figure = h("figure", { class: "chart", "data-testid": "usage-chart" },
    h("div", { class: "chart-box" }, canvas),
    h("figcaption", {}, `Daily cost by product, ${range.from} to ${range.to} (UTC). Total ${money(summary.total)}.`),
    chartStatus);

  let chart = null;
  const draw = async (style) => {
    chart?.destroy();
    chart = null;
    try {
      chart = await drawUsageChart({ figure, canvas, summary, style });
      figure.dataset.state = "drawn";
    } catch (error) {
      figure.dataset.state = "failed";
      replace(chartStatus, h("p", { class: "error-panel", role: "alert" },
        `The chart library could not load (${error?.message ?? error}); the numbers are in the table below.`));
    }
  };
  const styleChoice = h("fieldset", { class: "chart-style" },
    h("legend", {}, "Chart"),
    STYLES.map(([value, label], index) => h("label", { class: "check" },
      h("input", { type: "radio", name: "chart-style", value, checked: index === 0, onchange: () => draw(value) }), label)));
  draw(STYLES[0][0]);

  const dailyColumns = [
    { key: "day", label: "Day" },
    ...summary.series.map((series, index) => ({ key: `s${index}`, label: series.label, numeric: true, format: (value) => formatMoney(value, series.currency || currency) })),
    { key: "total", label: "Total", numeric: true, format: money },
  ];
  const dailyRows = summary.days.map((day, dayIndex) => ({
    day, total: summary.dailyTotals[dayIndex],
    ...Object.fromEntries(summary.series.map((series, index) => [`s${index}`, series.values[dayIndex]])),
  }));
  const totalsRow = { day: "Total", total: summary.total, ...Object.fromEntries(summary.series.map((series, index) => [`s${index}`, series.total])) };

  return [
    h("p", { class: "usage-total", "data-testid": "usage-total" }, "Total cost: ", h("strong", {}, money(summary.total)),
      summary.currencies.length > 1 ? h("span", { class: "muted" }, ` (${costAxisTitle(summary.currencies)})`) : null),
    styleChoice,
    figure,
    sortableTable({ caption: "Daily cost by product", columns: dailyColumns, rows: dailyRows, footer: totalsRow, testid: "usage-table" }),
    sortableTable({
      caption: "Usage by metric", testid: "metrics-table", sort: { key: "cost", descending: true },
      columns: [
        { key: "product", label: "Product" },
        { key: "metric", label: "Metric" },
        { key: "quantity", label: "Quantity", numeric: true, format: (value, row) => formatQuantity(value, row.unit) },
        { key: "cost", label: "Cost", numeric: true, format: (value, row) => formatMoney(value, row.currency || currency) },
      ],
      rows: summary.metrics,
    }),
  ];
}

