// An organization's audit trail (`logs.audit.list`): who did what, when, with what result.
// The range and filters live in the hash; entries load by cursor ("load more"); each opens
// its detail and its resource's history.
import { h } from "../../../dom.js";
import { organizations } from "../../../api.js";
import { orgPath } from "../../../format.js";
import { hashFor, navigate } from "../../../router.js";
import { section } from "../../../components/page.js";
import { emptyState } from "../../../components/status.js";
import { showFieldProblems, clearFieldProblems } from "../../../components/fields.js";
import { growingList } from "../../../components/growing-list.js";
import { organizationTab } from "../shell.js";
import { readAuditFilters, auditQuery, checkAuditRange, auditParams, describeAuditFilters, auditFilterFields, DIRECTIONS } from "./filters.js";
import { entriesTable, entryRows } from "./entry.js";

export const auditView = organizationTab("audit", ({ org, query, signal }) => {
  const state = readAuditFilters(query);
  const results = h("div", { class: "region", "data-testid": "audit-results" });

  const form = h("form", { class: "filters", role: "search", "aria-label": "Filter the audit trail", method: "post", novalidate: true, onsubmit: (event) => {
    event.preventDefault();
    clearFieldProblems(form);
    const next = auditQuery(form);
    if (showFieldProblems(form, checkAuditRange(next.from, next.to))) return;
    navigate(hashFor(orgPath(org.id, "audit"), next));
  } },
  auditFilterFields(state),
  h("p", { class: "actions" },
    h("button", { type: "submit", class: "button button-primary" }, "Show entries"),
    h("a", { class: "button button-quiet", href: `#${orgPath(org.id, "audit")}` }, "Last 7 days, no filter")));

  const active = describeAuditFilters(state.filters);
  const order = DIRECTIONS.find(([value]) => value === state.direction)[1].toLowerCase();
  const summary = h("p", { class: "hint", "data-testid": "audit-summary" },
    `From ${state.from} to ${state.to} (UTC), ${order}${active ? `, ${active}` : ""}.`);

  const params = auditParams(state);
  const range = { since: params.since, before: params.before };
  growingList(results, {
    signal,
    noun: "entries",
    loadingText: "Loading the audit trail…",
    fetchPage: (cursor, s) => organizations().logs.audit.list(org.id, { ...params, ...(cursor ? { cursor } : {}) }, { signal: s }),
    empty: () => emptyState(active ? "No entry matches these filters in this range." : "No entry in this range."),
    frame: () => entriesTable({ caption: "Audit log entries", testid: "audit-table", withDetails: true }),
    rows: (entry) => entryRows(entry, { org, signal, range }),
  });
  return section("Audit trail", { testid: "audit", className: "card-wide" }, form, summary, results);
});
