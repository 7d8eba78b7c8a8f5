// A list that grows by the API's cursor ("load more"), as the audit logs page: the first page
// replaces the region (loading, empty and error states as everywhere), later pages are appended
// below what is shown, with their own loading state and a Retry that keeps what was loaded.
import { h, replace } from "../dom.js";
import { loadInto, loadingState, errorPanel } from "./status.js";
import { isAbort } from "../errors.js";

/** The next cursor a page gives: `result_info.cursor`, or the official SDKs' `cursors.after`. */
export function cursorOf(page) {
  const info = page?.result_info ?? {};
  return info.cursor || info.cursors?.after || undefined;
}

/**
 * Fills `region` with the first page of `fetchPage(cursor, signal)` and a "Load more" button
 * while the API hands out a new cursor. `frame()` returns { root, body }: the table whose body
 * receives `rows(item)` for every item. `intro(page)` (optional) is shown above it.
 */
export function growingList(region, { signal, loadingText, fetchPage, empty, frame, rows, intro, noun }) {
  const seen = new Set();
  const footer = h("div", { class: "load-more", "data-testid": "load-more" });
  let table = null;
  let shown = 0;

  const append = (page, { focus = false } = {}) => {
    table.body.append(...page.result.flatMap(rows));
    shown += page.result.length;
    const next = cursorOf(page);
    // A cursor handed back twice would load the same entries forever: treat it as the end.
    const more = next && !seen.has(next) && page.result.length > 0 ? next : undefined;
    if (more) seen.add(more);
    const button = more ? h("button", { type: "button", class: "button", onclick: () => loadMore(more) }, `Load more ${noun}`) : null;
    replace(footer,
      h("span", { class: "pager-summary", tabindex: "-1", "data-testid": "shown-count" }, `${shown} ${noun} shown`),
      button ?? h("span", { class: "muted", "data-testid": "list-end" }, `No more ${noun}.`));
    if (focus) (button ?? footer.firstElementChild).focus();
  };

  const loadMore = async (cursor) => {
    replace(footer, loadingState(`Loading more ${noun}…`));
    try {
      const page = await fetchPage(cursor, signal);
      if (!signal?.aborted) append(page, { focus: true });
    } catch (error) {
      if (isAbort(error) || signal?.aborted) return;
      seen.delete(cursor);
      replace(footer, errorPanel(error, { retry: () => loadMore(cursor) }));
    }
  };

  return loadInto(region, {
    signal,
    loadingText,
    load: (s) => fetchPage(undefined, s),
    isEmpty: (page) => page.result.length === 0,
    empty: (page) => [intro?.(page), empty(page)],
    render: (page) => {
      table = frame();
      append(page);
      return [intro?.(page), table.root, footer];
    },
  });
}
