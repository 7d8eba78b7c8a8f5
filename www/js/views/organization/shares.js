// Resources this organization shares or is shared: the list with every filter the API has
// (status, kind, target type, resource types), its order and direction, and page numbers.
import { h } from "../../dom.js";
import { organizations, compact } from "../../api.js";
import { formatTime, formatValue, orgPath } from "../../format.js";
import { hashFor, navigate } from "../../router.js";
import { section } from "../../components/page.js";
import { loadInto, emptyState } from "../../components/status.js";
import { numberedPagerControls } from "../../components/numbered-pager.js";
import { checkboxes, readCheckboxes, choiceSelect, oneOf } from "../../components/choices.js";
import { organizationTab } from "./shell.js";

const STATUSES = ["active", "deleting", "deleted"];
const KINDS = [["sent", "sent (shared by this organization)"], ["received", "received (shared with it)"]];
const TARGET_TYPES = ["account", "organization"];
const RESOURCE_TYPES = ["custom-ruleset", "gateway-policy", "gateway-destination-ip", "gateway-block-page-settings",
  "gateway-extended-email-matching", "idp-federation-grant"];
const ORDERS = [["created", "creation time"], ["name", "name"]];
const DIRECTIONS = [["asc", "ascending"], ["desc", "descending"]];
const PER_PAGE = [5, 10, 20, 50, 100];
const FILTER_KEYS = ["status", "kind", "target_type", "resource_types"];

function readFilters(query) {
  const perPage = Number(query.get("per_page"));
  return {
    status: oneOf(STATUSES, query.get("status")),
    kind: oneOf(KINDS, query.get("kind")),
    target_type: oneOf(TARGET_TYPES, query.get("target_type")),
    resource_types: (query.get("resource_types") ?? "").split(",").filter((type) => RESOURCE_TYPES.includes(type)),
    order: oneOf(ORDERS, query.get("order")) || "created",
    direction: oneOf(DIRECTIONS, query.get("direction")) || "asc",
    per_page: PER_PAGE.includes(perPage) ? perPage : 20,
  };
}

export const sharesView = organizationTab("shares", ({ org, query, signal }) => {
  const filters = readFilters(query);
  let current = 1;
  const results = h("div", { class: "region", "data-testid": "shares-results" });

  const form = h("form", { class: "filters", role: "search", "aria-label": "Filter shares", method: "post", onsubmit: (event) => {
    event.preventDefault();
    const data = new FormData(form);
    navigate(hashFor(orgPath(org.id, "shares"), {
      ...Object.fromEntries(["status", "kind", "target_type", "order", "direction", "per_page"].map((key) => [key, data.get(key)])),
      resource_types: readCheckboxes(form, "resource_types").join(","),
    }));
  } },
  h("div", { class: "field-row" },
    choiceSelect({ label: "Status", name: "status", values: STATUSES, value: filters.status }),
    choiceSelect({ label: "Kind", name: "kind", values: KINDS, value: filters.kind }),
    choiceSelect({ label: "Target type", name: "target_type", values: TARGET_TYPES, value: filters.target_type }),
  ),
  checkboxes({ legend: "Resource types", name: "resource_types", values: RESOURCE_TYPES, checked: filters.resource_types }),
  h("div", { class: "field-row" },
    choiceSelect({ label: "Order by", name: "order", values: ORDERS, value: filters.order, anyLabel: null }),
    choiceSelect({ label: "Direction", name: "direction", values: DIRECTIONS, value: filters.direction, anyLabel: null }),
    choiceSelect({ label: "Per page", name: "per_page", values: PER_PAGE.map(String), value: String(filters.per_page), anyLabel: null }),
    h("div", { class: "actions" },
      h("button", { type: "submit", class: "button button-primary" }, "Show shares"),
      h("a", { class: "button button-quiet", href: `#${orgPath(org.id, "shares")}` }, "Clear")),
  ));

  const filtered = FILTER_KEYS.some((key) => filters[key].length > 0);
  const load = () => loadInto(results, {
    signal,
    loadingText: "Loading shares…",
    load: (s) => organizations().shares.list(org.id, compact({
      status: filters.status || undefined,
      kind: filters.kind || undefined,
      target_type: filters.target_type || undefined,
      resource_types: filters.resource_types.length ? filters.resource_types : undefined,
      order: filters.order,
      direction: filters.direction,
      page: current,
      per_page: filters.per_page,
    }), { signal: s }),
    isEmpty: (page) => page.result.length === 0 && current === 1,
    empty: () => emptyState(filtered ? "No share matches these filters." : "This organization has no shares."),
    render: (page) => [
      sharesTable(page.result),
      numberedPagerControls(page, {
        current, perPage: filters.per_page, noun: "shares", label: "Share pages",
        go: (n) => { current = n; load(); },
      }),
    ],
  });
  load();
  return section("Shares", { testid: "shares", className: "card-wide" }, form, results);
});

function sharesTable(shares) {
  return h("table", { class: "table responsive", "data-testid": "shares-table" },
    h("caption", { class: "visually-hidden" }, "Shares"),
    h("thead", {}, h("tr", {}, ["Name", "Kind", "Status", "Target", "Account", "Resources", "Created", "Modified", "ID"].map((label) => h("th", { scope: "col" }, label)))),
    h("tbody", {}, shares.map((share) => h("tr", { dataset: { id: share.id } },
      h("th", { scope: "row", "data-label": "Name" }, formatValue(share.name)),
      h("td", { "data-label": "Kind" }, formatValue(share.kind)),
      h("td", { "data-label": "Status" }, h("span", { class: `status status-${String(share.status).replace(/\W+/g, "-")}` }, formatValue(share.status))),
      h("td", { "data-label": "Target" }, formatValue(share.target_type)),
      h("td", { "data-label": "Account" }, formatValue(share.account_name ?? share.account_id)),
      h("td", { "data-label": "Resources" }, resourceSummary(share.resources)),
      h("td", { "data-label": "Created" }, formatTime(share.created)),
      h("td", { "data-label": "Modified" }, formatTime(share.modified)),
      h("td", { "data-label": "ID" }, h("code", { class: "id" }, share.id)),
    ))));
}

/** The resource types in a share, when the API included its resources. */
function resourceSummary(resources) {
  if (!Array.isArray(resources) || resources.length === 0) return "—";
  return [...new Set(resources.map((resource) => resource.resource_type).filter(Boolean))].join(", ") || `${resources.length}`;
}
