// Direct sub-organizations (`list({ parent: { id } })`), paged, with a way to add one.
import { h } from "../../dom.js";
import { organizations } from "../../api.js";
import { orgHref, formatTime } from "../../format.js";
import { section } from "../../components/page.js";
import { loadInto, emptyState } from "../../components/status.js";
import { TokenPager, pagerControls } from "../../components/pager.js";

export function childrenSection({ org, signal }) {
  const pager = new TokenPager();
  const region = h("div", { class: "region" });
  const addLink = h("a", { class: "button", href: `#/new?parent=${encodeURIComponent(org.id)}` }, "Add sub-organization");
  const load = () => loadInto(region, {
    signal,
    loadingText: "Loading sub-organizations…",
    load: (s) => pager.load((token) => organizations().list({ parent: { id: org.id }, page_size: 10, ...(token ? { page_token: token } : {}) }, { signal: s })),
    isEmpty: (page) => page.result.length === 0 && !pager.hasPrevious,
    empty: () => emptyState("No sub-organizations."),
    render: (page) => [
      h("ul", { class: "link-list" }, page.result.map((child) => h("li", {},
        h("a", { href: orgHref(child.id) }, child.name), h("span", { class: "muted" }, ` · created ${formatTime(child.create_time)}`)))),
      pager.hasNext || pager.hasPrevious ? pagerControls(pager, page, { go: load, noun: "sub-organizations", label: "Sub-organization pages" }) : null,
    ],
  });
  load();
  return section("Sub-organizations", { testid: "children", actions: addLink }, region);
}
