// The building blocks every view shares: the page heading (focus target after navigation)
// and titled sections.
import { h, uid } from "../dom.js";

const APP_NAME = "Cloudflare Organizations";

/** Sets the document title and returns the page's <h1> (focusable for the router). */
export function pageHeading(title, ...extra) {
  document.title = `${title} · ${APP_NAME}`;
  return h("div", { class: "page-heading" }, h("h1", { tabindex: "-1" }, title), extra);
}

/** A card with an <h2> that labels it; `actions` go right of the heading. */
export function section(title, { actions, testid, className } = {}, ...children) {
  const headingId = uid("section");
  return h("section", { class: `card ${className ?? ""}`.trim(), "aria-labelledby": headingId, "data-testid": testid },
    h("div", { class: "card-header" }, h("h2", { id: headingId }, title), actions ? h("div", { class: "card-actions" }, actions) : null),
    children,
  );
}
