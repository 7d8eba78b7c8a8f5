// A table a person sorts by any column (a button in each header, `aria-sort` on the sorted
// one), with an optional totals row that stays at the bottom. It scrolls sideways on its own
// when it is wider than the screen, so the page never does.
import { h, replace } from "../dom.js";

/**
 * columns: [{ key, label, numeric?, format?(value, row) }]; rows: plain objects; `footer`: an
 * object shown in <tfoot>; `sort`: { key, descending } to start with.
 */
export function sortableTable({ caption, columns, rows, footer, testid, sort = { key: columns[0].key, descending: false } }) {
  const state = { ...sort };
  const body = h("tbody", {});
  const headers = columns.map((column) => h("th", { scope: "col", class: column.numeric ? "numeric" : null, dataset: { key: column.key } },
    h("button", { type: "button", class: "sort-button", onclick: () => {
      state.descending = state.key === column.key ? !state.descending : Boolean(column.numeric);
      state.key = column.key;
      render();
    } }, column.label)));

  const cell = (column, row, header) => {
    const text = column.format ? column.format(row[column.key], row) : String(row[column.key] ?? "—");
    return header
      ? h("th", { scope: "row", "data-label": column.label }, text)
      : h("td", { class: column.numeric ? "numeric" : null, "data-label": column.label }, text);
  };
  const rowOf = (row) => h("tr", {}, columns.map((column, index) => cell(column, row, index === 0)));

  const render = () => {
    const column = columns.find((item) => item.key === state.key) ?? columns[0];
    const sign = state.descending ? -1 : 1;
    const sorted = [...rows].sort((a, b) => sign * compare(a[column.key], b[column.key]));
    replace(body, sorted.map(rowOf));
    headers.forEach((header, index) => header.setAttribute("aria-sort", columns[index].key === column.key ? (state.descending ? "descending" : "ascending") : "none"));
  };
  render();

  return h("div", { class: "table-scroll", role: "region", "aria-label": caption, tabindex: "0" },
    h("table", { class: "table sortable", "data-testid": testid },
      h("caption", {}, caption),
      h("thead", {}, h("tr", {}, headers)),
      body,
      footer ? h("tfoot", {}, rowOf(footer)) : null));
}

function compare(a, b) {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a ?? "").localeCompare(String(b ?? ""));
}
