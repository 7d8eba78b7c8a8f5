// Previous/next over the API's opaque page tokens. The API only hands out a "next" token, so
// "previous" replays the token that led to the page before: a stack of tokens seen so far.
import { h } from "../dom.js";

export class TokenPager {
  constructor() { this.reset(); }

  /** Back to the first page (filters changed). */
  reset() { this.tokens = [undefined]; this.index = 0; this.nextToken = undefined; }

  /** The token for the page to load now (undefined for the first page). */
  get current() { return this.tokens[this.index]; }

  get pageNumber() { return this.index + 1; }
  get hasPrevious() { return this.index > 0; }
  get hasNext() { return Boolean(this.nextToken); }

  /** Records what the page just loaded said about the next one. */
  loaded(page) { this.nextToken = page?.result_info?.next_page_token || undefined; }

  /** Loads the current page with `fetchPage(token)` and records what it says of the next one. */
  async load(fetchPage) {
    const page = await fetchPage(this.current);
    this.loaded(page);
    return page;
  }

  next() {
    if (!this.hasNext) return;
    this.tokens = this.tokens.slice(0, this.index + 1);
    this.tokens.push(this.nextToken);
    this.index += 1;
  }

  previous() { if (this.hasPrevious) this.index -= 1; }
}

/** The pager's buttons and position; `go()` reloads after a move. `noun` names the items. */
export function pagerControls(pager, page, { go, noun, label }) {
  const total = page?.result_info?.total_size;
  const shown = page?.result?.length ?? 0;
  const summary = `Page ${pager.pageNumber} · ${shown} shown${typeof total === "number" ? ` of ${total} ${noun}` : ` ${noun}`}`;
  return h("nav", { class: "pager", "aria-label": label },
    h("button", { type: "button", class: "button", disabled: !pager.hasPrevious, onclick: () => { pager.previous(); go(); } }, "← Previous"),
    h("span", { class: "pager-summary" }, summary),
    h("button", { type: "button", class: "button", disabled: !pager.hasNext, onclick: () => { pager.next(); go(); } }, "Next →"),
  );
}
