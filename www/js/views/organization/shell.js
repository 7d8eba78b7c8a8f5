// The frame every page of one organization shares: it loads the organization once, then shows
// the breadcrumb, its name as the heading, the tabs (overview, members, shares, audit trail,
// usage) and the tab's own content, which loads on its own below.
import { h, replace } from "../../dom.js";
import { organizations } from "../../api.js";
import { orgHref } from "../../format.js";
import { loadInto } from "../../components/status.js";
import { pageHeading } from "../../components/page.js";

/** The tabs, in order; `key` is the hash segment after the organization's id. */
export const ORGANIZATION_TABS = [
  { key: "", label: "Overview" },
  { key: "members", label: "Members" },
  { key: "shares", label: "Shares" },
  { key: "audit", label: "Audit trail" },
  { key: "usage", label: "Usage" },
];

/**
 * Renders organization `id` into `root` with tab `tab` selected; `render({ org, signal })`
 * returns the tab's content.
 */
export function organizationShell({ root, id, tab, signal, render }) {
  const body = h("div", { class: "region" });
  replace(root, body);
  loadInto(body, {
    signal,
    loadingText: "Loading the organization…",
    load: (s) => organizations().get(id, { signal: s }),
    render: (org) => {
      const label = ORGANIZATION_TABS.find((item) => item.key === tab)?.label;
      return [
        breadcrumb(org, tab ? label : null),
        pageHeading(tab ? `${org.name}: ${label}` : org.name, h("code", { class: "id", "data-testid": "org-id" }, org.id)),
        tabs(org, tab),
        render({ org, signal }),
      ];
    },
  });
}

/** A view for the router that shows tab `tab` of the organization in the route. */
export function organizationTab(tab, render) {
  return ({ root, params: [id], query, signal }) =>
    organizationShell({ root, id, tab, signal, render: (context) => render({ ...context, query }) });
}

function tabs(org, current) {
  return h("nav", { class: "tabs", "aria-label": "Organization sections", "data-testid": "org-tabs" },
    h("ul", {}, ORGANIZATION_TABS.map(({ key, label }) => h("li", {},
      h("a", { href: orgHref(org.id, key), "aria-current": key === current ? "page" : null }, label)))));
}

function breadcrumb(org, tabLabel) {
  return h("nav", { class: "breadcrumb", "aria-label": "Breadcrumb" },
    h("ol", {},
      h("li", {}, h("a", { href: "#/organizations" }, "Organizations")),
      org.parent?.id ? h("li", {}, h("a", { href: orgHref(org.parent.id) }, org.parent.name || org.parent.id)) : null,
      tabLabel
        ? [h("li", {}, h("a", { href: orgHref(org.id) }, org.name)), h("li", {}, h("span", { "aria-current": "page" }, tabLabel))]
        : h("li", {}, h("span", { "aria-current": "page" }, org.name)),
    ));
}
