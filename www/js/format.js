// Display helpers for API values. They return plain strings; rendering stays in text nodes.

/** "2025-03-04 12:30 UTC" for an RFC 3339 time, or the raw value when it does not parse. */
export function formatTime(value) {
  if (!value) return "—";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** A flag value as the API writes it, with a readable fallback for missing ones. */
export function formatValue(value) {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  return String(value);
}

/** An amount of money with its currency ("$12.34"); a bare number when the currency is unknown. */
export function formatMoney(amount, currency) {
  const digits = { minimumFractionDigits: 2, maximumFractionDigits: 2 };
  try {
    return new Intl.NumberFormat("en-US", currency ? { style: "currency", currency, ...digits } : digits).format(amount);
  } catch {
    return `${new Intl.NumberFormat("en-US", digits).format(amount)} ${currency}`;
  }
}

/** A quantity with its unit ("1,500,000 Requests"). */
export function formatQuantity(quantity, unit) {
  const number = new Intl.NumberFormat("en-US", { maximumFractionDigits: 3 }).format(quantity);
  return unit ? `${number} ${unit}` : number;
}

/** Long ids shortened for display ("3c26520c…"); callers keep the full value in a title or label. */
export function shortId(id) {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}

/**
 * The route of an organization's page, or of one of its tabs ("members", "audit"...).
 * Ids are one path segment: encode them anyway.
 */
export function orgPath(id, tab) {
  return `/org/${encodeURIComponent(id)}${tab ? `/${tab}` : ""}`;
}

/** The same route as a link's hash. */
export function orgHref(id, tab) {
  return `#${orgPath(id, tab)}`;
}
