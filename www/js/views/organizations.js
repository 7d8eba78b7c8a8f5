// The organizations list: the API's name filters, "roots only", page size, and token paging.
// Filters live in the hash (shareable, no secrets); page tokens stay in memory.
import { h, replace } from "../dom.js";
import { organizations, compact } from "../api.js";
import { formatTime, orgHref } from "../format.js";
import { hashFor, navigate } from "../router.js";
import { loadInto, emptyState } from "../components/status.js";
import { TokenPager, pagerControls } from "../components/pager.js";
import { nameFilterFields, nameParam, describeNameFilter } from "../components/name-filter.js";
import { pageHeading } from "../components/page.js";

const PAGE_SIZES = [5, 10, 25, 50, 100];

function readFilters(query) {
  const size = Number(query.get("size"));
  return {
    match: query.get("match") ?? "contains",
    name: query.get("name") ?? "",
    size: PAGE_SIZES.includes(size) ? size : 10,
    roots: query.get("roots") === "1",
  };
}

export function organizationsView({ root, query, signal }) {
  const filters = readFilters(query);
  const pager = new TokenPager();
  const results = h("div", { class: "region", "data-testid": "org-results" });

  const form = h("form", { class: "filters card", role: "search", "aria-label": "Filter organizations", method: "post", onsubmit: (event) => {
    event.preventDefault();
    const data = new FormData(form);
    navigate(hashFor("/organizations", {
      match: data.get("match"), name: String(data.get("name") ?? "").trim(),
      size: data.get("size"), roots: data.get("roots") ? "1" : "",
    }));
  } },
  nameFilterFields({ match: filters.match, text: filters.name, what: "organizations" }),
  h("div", { class: "field-row" },
    h("div", { class: "field" },
      h("label", { for: "org-page-size" }, "Per page"),
      h("select", { id: "org-page-size", name: "size" }, PAGE_SIZES.map((n) => h("option", { value: n, selected: n === filters.size }, n))),
    ),
    h("label", { class: "check" }, h("input", { type: "checkbox", name: "roots", value: "1", checked: filters.roots }), "Root organizations only"),
    h("div", { class: "actions" },
      h("button", { type: "submit", class: "button button-primary" }, "Apply filters"),
      h("a", { class: "button button-quiet", href: "#/organizations" }, "Clear"),
    ),
  ));

  const load = () => loadInto(results, {
    signal,
    loadingText: "Loading organizations…",
    load: (s) => pager.load((token) => organizations().list(compact({
        name: nameParam(filters.match, filters.name),
        parent: filters.roots ? { id: null } : undefined,
        page_size: filters.size,
        page_token: token,
      }), { signal: s })),
    isEmpty: (page) => page.result.length === 0,
    empty: () => emptyState(
      filters.name || filters.roots
        ? `No organization matches ${[filters.name && describeNameFilter(filters.match, filters.name), filters.roots && "at the root"].filter(Boolean).join(", ")}.`
        : "There are no organizations yet.",
      filters.name || filters.roots ? h("a", { class: "button", href: "#/organizations" }, "Clear filters") : null,
      h("a", { class: "button button-primary", href: "#/new" }, "Create an organization"),
    ),
    render: (page) => [
      organizationsTable(page.result),
      pagerControls(pager, page, { go: load, noun: "organizations", label: "Organization pages" }),
    ],
  });

  replace(root,
    pageHeading("Organizations", h("a", { class: "button button-primary", href: "#/new" }, "New organization")),
    form,
    results,
  );
  load();
}

function organizationsTable(list) {
  return h("table", { class: "table responsive", "data-testid": "org-table" },
    h("caption", { class: "visually-hidden" }, "Organizations"),
    h("thead", {}, h("tr", {}, ["Name", "Parent", "Created", "ID"].map((label) => h("th", { scope: "col" }, label)))),
    h("tbody", {}, list.map((org) => h("tr", { dataset: { id: org.id } },
      h("th", { scope: "row", "data-label": "Name" }, h("a", { href: orgHref(org.id) }, org.name)),
      h("td", { "data-label": "Parent" }, org.parent?.id ? h("a", { href: orgHref(org.parent.id) }, org.parent.name || org.parent.id) : h("span", { class: "muted" }, "— (root)")),
      h("td", { "data-label": "Created" }, formatTime(org.create_time)),
      h("td", { "data-label": "ID" }, h("code", { class: "id" }, org.id)),
    ))),
  );
}
