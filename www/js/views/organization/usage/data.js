// Billable usage records (FinOps FOCUS rows: one per account, metric and day) summed into what
// the chart and the tables show: the daily cost of each product over the range, the totals, and
// the quantities per metric. Pure functions of the API's records.
import { datesFrom } from "../../../dates.js";

/** The product a record belongs to: its product family, or the closest name the record has. */
export function productOf(record) {
  return record.x_ProductFamilyName || record.x_ProductCategoryName || record.ServiceName || record.x_BillableMetricName || "Other";
}

/** The day a record's usage happened (its charge period's start, UTC). */
export function dayOf(record) {
  return String(record.ChargePeriodStart ?? "").slice(0, 10);
}

/** The billed cost of a record; the API may send null for a record not (yet) priced. */
export function costOf(record) {
  return Number.isFinite(record.BilledCost) ? record.BilledCost : 0;
}

/** Sums without the float noise that adding cents leaves (0.1 + 0.2). */
function round(value) {
  return Math.round(value * 1e6) / 1e6;
}

/**
 * { days, currencies, series: [{ label, product, currency, values, total }], dailyTotals,
 *   total, metrics: [{ product, metric, unit, quantity, cost, currency }] }
 * Every day of the range is a point (0 when nothing was used), plus any day a record names
 * outside it. With several currencies, a product has one series per currency.
 */
export function summarizeUsage(records, { from, to }) {
  const currencies = [...new Set(records.map((record) => record.BillingCurrency || ""))].sort();
  const labelOf = (record) => (currencies.length > 1 ? `${productOf(record)} (${record.BillingCurrency || "?"})` : productOf(record));
  const days = [...new Set([...datesFrom(from, to), ...records.map(dayOf).filter(Boolean)])].sort();
  const dayIndex = new Map(days.map((day, index) => [day, index]));

  const series = new Map();
  const metrics = new Map();
  for (const record of records) {
    const label = labelOf(record);
    if (!series.has(label)) series.set(label, { label, product: productOf(record), currency: record.BillingCurrency || "", values: days.map(() => 0) });
    const index = dayIndex.get(dayOf(record));
    if (index !== undefined) series.get(label).values[index] += costOf(record);

    const metric = record.x_BillableMetricName || record.ChargeDescription || "—";
    const unit = record.ConsumedUnit || record.PricingUnit || "";
    const key = JSON.stringify([label, metric, unit]);
    if (!metrics.has(key)) metrics.set(key, { product: label, metric, unit, quantity: 0, cost: 0, currency: record.BillingCurrency || "" });
    const row = metrics.get(key);
    row.quantity += Number.isFinite(record.ConsumedQuantity) ? record.ConsumedQuantity : 0;
    row.cost += costOf(record);
  }

  const list = [...series.values()]
    .map((item) => ({ ...item, values: item.values.map(round), total: round(item.values.reduce((a, b) => a + b, 0)) }))
    .sort((a, b) => b.total - a.total || a.label.localeCompare(b.label));
  const dailyTotals = days.map((_, index) => round(list.reduce((sum, item) => sum + item.values[index], 0)));
  return {
    days,
    currencies: currencies.filter(Boolean),
    series: list,
    dailyTotals,
    total: round(dailyTotals.reduce((a, b) => a + b, 0)),
    metrics: [...metrics.values()].map((row) => ({ ...row, quantity: round(row.quantity), cost: round(row.cost) }))
      .sort((a, b) => b.cost - a.cost || a.product.localeCompare(b.product)),
  };
}
