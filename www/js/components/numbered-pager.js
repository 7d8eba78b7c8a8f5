// Page numbers, for the API's page-number paging (`page`, `per_page`, `result_info.total_pages`):
// previous/next and a link to each page near the current one, the first and the last.
import { h } from "../dom.js";

/** The page numbers to offer: 1, last, and current ± 2, in order, with null where some are skipped. */
export function pageNumbers(current, total) {
  const wanted = new Set([1, total]);
  for (let page = current - 2; page <= current + 2; page += 1) if (page >= 1 && page <= total) wanted.add(page);
  const sorted = [...wanted].sort((a, b) => a - b);
  return sorted.flatMap((page, index) => (index > 0 && page - sorted[index - 1] > 1 ? [null, page] : [page]));
}

/**
 * The pager for a numbered page: `go(n)` loads page n. `total_pages` missing (an API that
 * stopped sending it) leaves previous/next, with next offered while pages come back full.
 */
export function numberedPagerControls(page, { current, perPage, go, noun, label }) {
  const info = page?.result_info ?? {};
  const shown = page?.result?.length ?? 0;
  const total = Number.isFinite(info.total_pages) ? Math.max(1, info.total_pages) : null;
  const hasNext = total ? current < total : shown >= perPage;
  const count = Number.isFinite(info.total_count) ? ` of ${info.total_count} ${noun}` : ` ${noun}`;
  return h("nav", { class: "pager", "aria-label": label },
    h("button", { type: "button", class: "button", disabled: current <= 1, onclick: () => go(current - 1) }, "← Previous"),
    h("span", { class: "pager-summary" }, `Page ${current}${total ? ` of ${total}` : ""} · ${shown} shown${count}`),
    total && total > 1
      ? h("ul", { class: "page-numbers" }, pageNumbers(current, total).map((number) => h("li", {}, number === null
        ? h("span", { class: "muted", "aria-hidden": "true" }, "…")
        : h("button", {
          type: "button", class: "button page-number", "aria-current": number === current ? "page" : null,
          "aria-label": `Page ${number}`, onclick: () => go(number),
        }, String(number)))))
      : null,
    h("button", { type: "button", class: "button", disabled: !hasNext, onclick: () => go(current + 1) }, "Next →"),
  );
}
