// One audit log entry: its row in a table (time, actor, action, result, resource, request),
// and its detail (every field of the request and the resource, the raw entry as JSON) with the
// resource's history (`logs.audit.history`). Fields the API adds later show in the raw JSON.
import { h } from "../../../dom.js";
import { organizations } from "../../../api.js";
import { formatTime, formatValue, shortId } from "../../../format.js";
import { emptyState } from "../../../components/status.js";
import { growingList } from "../../../components/growing-list.js";

const COLUMNS = ["Time", "Actor", "Action", "Result", "Resource", "Method, status"];

const HISTORY_STATUS = {
  exact: "Found by the resource's URI: exactly this resource's entries.",
  approximate: "Found without the resource's URI: entries that probably concern this resource.",
  unavailable: "This entry does not say enough to find the resource's history.",
};

/** { root, body }: an empty entries table; `withDetails` adds the column of detail buttons. */
export function entriesTable({ caption, testid, withDetails }) {
  const body = h("tbody", {});
  const root = h("table", { class: "table responsive audit-table", "data-testid": testid },
    h("caption", { class: "visually-hidden" }, caption),
    h("thead", {}, h("tr", {},
      COLUMNS.map((label) => h("th", { scope: "col" }, label)),
      withDetails ? h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Details")) : null)),
    body);
  return { root, body };
}

/** The cells every table of entries shows; each holds one element (a grid cell on narrow screens). */
function entryCells(entry) {
  const { action = {}, actor = {}, resource = {}, raw = {} } = entry;
  const cell = (label, ...content) => h("td", { "data-label": label }, h("span", {}, content));
  return [
    cell("Time", h("time", { datetime: action.time ?? "" }, formatTime(action.time))),
    cell("Actor", formatValue(actor.email ?? actor.id), actor.context ? h("span", { class: "muted" }, ` · ${actor.context}`) : null),
    cell("Action", formatValue(action.type), action.description ? h("span", { class: "muted" }, ` · ${action.description}`) : null),
    cell("Result", h("span", { class: `status status-${String(action.result).replace(/\W+/g, "-")}` }, formatValue(action.result))),
    cell("Resource", formatValue(resource.type), resource.id ? [" ", h("code", { class: "id", title: resource.id }, shortId(String(resource.id)))] : null),
    cell("Method, status", raw.method || raw.status_code ? `${raw.method ?? "?"} ${raw.status_code ?? "?"}` : "—"),
  ];
}

/** The rows of a history table: the cells only. */
export function historyRows(entry) {
  return [h("tr", { dataset: { id: entry.id } }, entryCells(entry))];
}

/**
 * The two rows of an entry in the main table: the entry, with a button that shows or hides
 * the detail row below it (which loads nothing until the history is asked for, within
 * `range`, the `since`/`before` of the trail shown).
 */
export function entryRows(entry, { org, signal, range }) {
  const detailId = `audit-detail-${String(entry.id).replace(/[^\w-]/g, "_")}`;
  let detail = null;
  const toggle = h("button", {
    type: "button", class: "button button-quiet", "aria-expanded": "false", "aria-controls": detailId,
    "aria-label": `Details of the ${formatValue(entry.action?.type)} at ${formatTime(entry.action?.time)}`,
    onclick: () => {
      const open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      toggle.textContent = open ? "Hide" : "Details";
      if (open && !detail.firstChild) detail.append(h("td", { colspan: COLUMNS.length + 1 }, entryDetail(entry, { org, signal, range })));
      detail.hidden = !open;
    },
  }, "Details");
  detail = h("tr", { id: detailId, class: "audit-detail", hidden: true, "data-testid": "audit-detail" });
  return [h("tr", { dataset: { id: entry.id } }, entryCells(entry), h("td", { "data-label": "" }, toggle)), detail];
}

function entryDetail(entry, { org, signal, range }) {
  const { action = {}, actor = {}, resource = {}, raw = {} } = entry;
  const history = h("div", { class: "region", "data-testid": "audit-history" });
  const showHistory = h("button", { type: "button", class: "button", onclick: () => {
    showHistory.remove();
    loadHistory(history, entry, { org, signal, range });
  } }, "Show this resource's history");
  return h("div", { class: "audit-detail-body" },
    h("div", { class: "detail-grid" },
      facts("Action", [["Type", action.type], ["Description", action.description], ["Result", action.result], ["Time", action.time]]),
      facts("Actor", [["Email", actor.email], ["ID", actor.id], ["Type", actor.type], ["Context", actor.context],
        ["IP address", actor.ip_address], ["Token", [actor.token_name, actor.token_id].filter(Boolean).join(" · ")]]),
      facts("Request", [["Method", raw.method], ["URI", raw.uri], ["Status", raw.status_code], ["Ray ID", raw.cf_ray_id], ["User agent", raw.user_agent]], "audit-raw"),
      facts("Resource", [["ID", resource.id], ["Product", resource.product], ["Type", resource.type],
        ["Scope", json(resource.scope)], ["Request", json(resource.request)], ["Response", json(resource.response)]], "audit-resource"),
    ),
    h("details", { class: "raw-json" }, h("summary", {}, "The entry as the API sent it (JSON)"), h("pre", {}, JSON.stringify(entry, null, 2))),
    h("p", { class: "actions" }, showHistory),
    history,
  );
}

function facts(title, rows, testid) {
  return h("section", { class: "detail-facts", "data-testid": testid },
    h("h3", {}, title),
    h("dl", { class: "facts" }, rows.map(([label, value]) => [
      h("dt", {}, label),
      h("dd", { dataset: { field: label.toLowerCase().replace(/\W+/g, "-") } }, formatValue(value)),
    ])));
}

function json(value) {
  return value === undefined || value === null ? value : JSON.stringify(value);
}

/** The history within `range` ({ since, before }: the range the trail shows), newest first. */
function loadHistory(region, entry, { org, signal, range }) {
  return growingList(region, {
    signal,
    noun: "entries",
    loadingText: "Loading the resource's history…",
    fetchPage: (cursor, s) => organizations().logs.audit.history(org.id, entry.id, {
      action_time: entry.action?.time, ...range, direction: "desc", limit: 25, ...(cursor ? { cursor } : {}),
    }, { signal: s }),
    intro: (page) => [
      h("h3", { class: "history-title" }, "The resource's history"),
      h("p", { class: "hint", "data-testid": "history-status" },
        HISTORY_STATUS[page.result_info?.history_status] ?? `History: ${formatValue(page.result_info?.history_status)}.`),
    ],
    empty: () => emptyState("No history for this resource."),
    frame: () => entriesTable({ caption: "The resource's history", testid: "history-table", withDetails: false }),
    rows: historyRows,
  });
}
