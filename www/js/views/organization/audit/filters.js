// The audit trail's filters: the range (`since`/`before`, by calendar day in UTC, the last 7
// days by default), the order, and the filters a person reaches for, each either "is" or
// "is not" (the API's `.not` form). They round-trip through the page's hash.
import { h, uid } from "../../../dom.js";
import { addDays, isIsoDate, todayUtc } from "../../../dates.js";
import { listParam, choiceSelect, oneOf } from "../../../components/choices.js";
import { field } from "../../../components/fields.js";

export const DEFAULT_DAYS = 7;
export const DIRECTIONS = [["desc", "Newest first"], ["asc", "Oldest first"]];
export const LIMITS = ["10", "25", "50", "100"];

/** `values` for an enumerated filter; otherwise free text, several separated by commas. */
export const AUDIT_FILTERS = [
  { key: "action_type", label: "Action type", values: ["create", "update", "delete", "view"] },
  { key: "action_result", label: "Result", values: ["success", "failure"] },
  { key: "actor_email", label: "Actor email", hint: "Several: separate them with commas." },
  { key: "resource_type", label: "Resource type", hint: "As the entries show it, such as organization or member." },
];

/** The filters in a page's query, with the defaults for what is missing or malformed. */
export function readAuditFilters(query, today = todayUtc()) {
  const to = isIsoDate(query.get("to")) ? query.get("to") : today;
  const from = isIsoDate(query.get("from")) ? query.get("from") : addDays(to, 1 - DEFAULT_DAYS);
  const values = Object.fromEntries(AUDIT_FILTERS.map(({ key, values: allowed }) => {
    const raw = (query.get(key) ?? "").trim();
    return [key, { value: allowed ? oneOf(allowed, raw) : raw, not: query.get(`${key}.not`) === "1" }];
  }));
  return {
    from, to,
    direction: oneOf(DIRECTIONS, query.get("direction")) || "desc",
    limit: oneOf(LIMITS, query.get("limit")) || "25",
    filters: values,
  };
}

/** The hash query for the form's current values (what `readAuditFilters` reads back). */
export function auditQuery(form) {
  const data = new FormData(form);
  const query = { from: data.get("from"), to: data.get("to"), direction: data.get("direction"), limit: data.get("limit") };
  for (const { key } of AUDIT_FILTERS) {
    const value = String(data.get(key) ?? "").trim();
    query[key] = value;
    query[`${key}.not`] = value && data.get(`${key}.op`) === "not" ? "1" : "";
  }
  return query;
}

/** { from?, to? } messages for a range the page must not send. */
export function checkAuditRange(from, to) {
  const problems = {};
  if (!isIsoDate(from)) problems.from = "Enter a date (YYYY-MM-DD).";
  if (!isIsoDate(to)) problems.to = "Enter a date (YYYY-MM-DD).";
  if (!problems.from && !problems.to && from > to) problems.to = "The end must not be before the start.";
  return problems;
}

/**
 * The parameters for `logs.audit.list`: the range as `since` (the first day) and `before` (the
 * day after the last), the order, the limit, and each filter as a value, a list, or `{ not }`.
 */
export function auditParams({ from, to, direction, limit, filters }) {
  const params = { since: from, before: addDays(to, 1), direction, limit: Number(limit) };
  for (const { key } of AUDIT_FILTERS) {
    const { value, not } = filters[key];
    const values = value.split(",").map((item) => item.trim()).filter(Boolean);
    if (!values.length) continue;
    params[key] = not ? { not: listParam(values) } : listParam(values);
  }
  return params;
}

/** "action type is not view, result is failure": the active filters, for a person. */
export function describeAuditFilters(filters) {
  return AUDIT_FILTERS.filter(({ key }) => filters[key].value)
    .map(({ key, label }) => `${label.toLowerCase()} ${filters[key].not ? "is not" : "is"} ${filters[key].value}`)
    .join(", ");
}

/** The form's fields: range, order, page size, then one "is / is not" row per filter. */
export function auditFilterFields(state) {
  return [
    h("div", { class: "field-row" },
      field({ label: "From (UTC)", name: "from", type: "date", value: state.from, required: true }),
      field({ label: "To (UTC, included)", name: "to", type: "date", value: state.to, required: true }),
      choiceSelect({ label: "Order", name: "direction", values: DIRECTIONS, value: state.direction, anyLabel: null }),
      choiceSelect({ label: "Per load", name: "limit", values: LIMITS, value: state.limit, anyLabel: null }),
    ),
    h("div", { class: "filter-grid" }, AUDIT_FILTERS.map((filter) => filterRow(filter, state.filters[filter.key]))),
  ];
}

function filterRow({ key, label, values, hint }, { value, not }) {
  const opId = uid(`${key}-op`);
  const valueId = uid(key);
  const hintId = hint ? `${valueId}-hint` : null;
  return h("div", { class: "filter-row", dataset: { filter: key } },
    h("label", { class: "filter-label", for: valueId }, label),
    h("label", { class: "visually-hidden", for: opId }, `${label}: match or exclude`),
    h("select", { id: opId, name: `${key}.op` },
      h("option", { value: "is", selected: !not }, "is"),
      h("option", { value: "not", selected: not }, "is not")),
    values
      ? h("select", { id: valueId, name: key }, h("option", { value: "" }, "any"), values.map((item) => h("option", { value: item, selected: item === value }, item)))
      : h("input", { id: valueId, name: key, type: "search", value, autocomplete: "off", spellcheck: "false", "aria-describedby": hintId }),
    hint ? h("p", { id: hintId, class: "hint filter-hint" }, hint) : null,
  );
}
