// The organization's own facts: identity, hierarchy tags and meta flags.
import { h } from "../../dom.js";
import { formatTime, formatValue, orgHref, shortId } from "../../format.js";
import { section } from "../../components/page.js";

export function detailsSection({ org }) {
  return section("Details", { testid: "details" },
    h("dl", { class: "facts" },
      h("dt", {}, "Name"), h("dd", {}, org.name),
      h("dt", {}, "ID"), h("dd", {}, h("code", { class: "id" }, org.id)),
      h("dt", {}, "Created"), h("dd", {}, formatTime(org.create_time)),
      h("dt", {}, "Parent"), h("dd", {}, org.parent?.id ? h("a", { href: orgHref(org.parent.id) }, org.parent.name || org.parent.id) : "— (a root organization)"),
      h("dt", {}, "Managed by"), h("dd", {}, formatValue(org.meta?.managed_by)),
      h("dt", {}, "Hierarchy tags"), h("dd", { "data-testid": "tags" }, hierarchyTags(org)),
    ));
}

/** `meta.tenant_flags`, or `meta.flags` (the API's 2025 name) when only that is present. */
export function flagsSection({ org }) {
  const source = org.meta?.tenant_flags ? "tenant_flags" : org.meta?.flags ? "flags" : null;
  const flags = source ? org.meta[source] : null;
  return section("Flags", { testid: "flags" },
    flags && Object.keys(flags).length
      ? [
        h("table", { class: "table compact" },
          h("caption", { class: "visually-hidden" }, "Organization flags"),
          h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Flag"), h("th", { scope: "col" }, "Value"))),
          h("tbody", {}, Object.entries(flags).map(([name, value]) =>
            h("tr", {}, h("th", { scope: "row" }, h("code", {}, name)), h("td", {}, flagValue(value)))))),
        h("p", { class: "hint" }, `From meta.${source}.`),
      ]
      : h("p", { class: "muted" }, "The API reported no flags for this organization."));
}

function flagValue(value) {
  const text = typeof value === "object" && value !== null ? JSON.stringify(value) : formatValue(value);
  return h("span", { class: `flag flag-${String(text).toLowerCase().replace(/[^a-z]+/g, "-")}` }, text);
}

/** Hierarchy tags, root first; a tag that is another organization's id links to it. */
function hierarchyTags(org) {
  const tags = org.meta?.hierarchy_tags ?? [];
  if (!tags.length) return "—";
  return h("ol", { class: "chips", "aria-label": "Hierarchy tags, from the root organization down to this one" },
    tags.map((tag) => h("li", { class: "chip", title: tag }, /^[0-9a-f]{32}$/.test(tag) && tag !== org.id
      ? h("a", { href: orgHref(tag), "aria-label": `Organization ${tag}` }, shortId(tag))
      : shortId(tag))));
}
