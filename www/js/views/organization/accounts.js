// The organization's accounts: the API's name filter (case-insensitive there), sorting by
// name through `order_by: "account_name"` + `direction`, page size and token paging.
import { h } from "../../dom.js";
import { organizations, compact } from "../../api.js";
import { formatTime, formatValue } from "../../format.js";
import { section } from "../../components/page.js";
import { loadInto, emptyState } from "../../components/status.js";
import { TokenPager, pagerControls } from "../../components/pager.js";
import { nameFilterFields, nameParam, describeNameFilter } from "../../components/name-filter.js";

const SORTS = [["", "API order"], ["asc", "Name A → Z"], ["desc", "Name Z → A"]];
const PAGE_SIZES = [5, 10, 25, 50];

export function accountsSection({ org, signal }) {
  const pager = new TokenPager();
  const state = { match: "contains", name: "", direction: "", size: 10 };
  const region = h("div", { class: "region", "data-testid": "accounts-results" });

  const form = h("form", { class: "filters", role: "search", "aria-label": "Filter accounts", method: "post", onsubmit: (event) => {
    event.preventDefault();
    const data = new FormData(form);
    Object.assign(state, {
      match: data.get("match"), name: String(data.get("name") ?? "").trim(),
      direction: data.get("direction"), size: Number(data.get("size")),
    });
    pager.reset();
    load();
  } },
  nameFilterFields({ match: state.match, text: state.name, what: "accounts" }),
  h("div", { class: "field-row" },
    h("div", { class: "field" },
      h("label", { for: "accounts-sort" }, "Sort"),
      h("select", { id: "accounts-sort", name: "direction" }, SORTS.map(([value, label]) => h("option", { value }, label)))),
    h("div", { class: "field" },
      h("label", { for: "accounts-size" }, "Per page"),
      h("select", { id: "accounts-size", name: "size" }, PAGE_SIZES.map((n) => h("option", { value: n, selected: n === state.size }, n)))),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "button" }, "Show accounts")),
  ));

  const load = () => loadInto(region, {
    signal,
    loadingText: "Loading accounts…",
    load: (s) => pager.load((token) => organizations().listAccounts(org.id, compact({
        name: nameParam(state.match, state.name),
        order_by: state.direction ? "account_name" : undefined,
        direction: state.direction || undefined,
        page_size: state.size,
        page_token: token,
      }), { signal: s })),
    isEmpty: (page) => page.result.length === 0 && !pager.hasPrevious,
    empty: () => emptyState(state.name ? `No account matches ${describeNameFilter(state.match, state.name)}.` : "This organization holds no accounts."),
    render: (page) => [
      accountsTable(page.result),
      pagerControls(pager, page, { go: load, noun: "accounts", label: "Account pages" }),
    ],
  });
  load();
  return section("Accounts", { testid: "accounts", className: "card-wide" }, form, region);
}

function accountsTable(accounts) {
  return h("table", { class: "table responsive", "data-testid": "accounts-table" },
    h("caption", { class: "visually-hidden" }, "Accounts"),
    h("thead", {}, h("tr", {}, ["Name", "Type", "Created", "2FA enforced", "ID"].map((label) => h("th", { scope: "col" }, label)))),
    h("tbody", {}, accounts.map((account) => h("tr", {},
      h("th", { scope: "row", "data-label": "Name" }, account.name ?? h("span", { class: "muted" }, "(no name)")),
      h("td", { "data-label": "Type" }, formatValue(account.type)),
      h("td", { "data-label": "Created" }, formatTime(account.created_on)),
      h("td", { "data-label": "2FA enforced" }, formatValue(account.settings?.enforce_twofactor)),
      h("td", { "data-label": "ID" }, h("code", { class: "id" }, account.id)),
    ))));
}
