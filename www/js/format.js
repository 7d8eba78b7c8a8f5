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

/** The hash of an organization's page. Ids are one path segment: encode them anyway. */
export function orgHref(id) {
  return `#/org/${encodeURIComponent(id)}`;
}
