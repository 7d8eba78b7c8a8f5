// An organization's page: loads it once, then lays out independent sections, each with its
// own loading and error states so one failing call does not blank the page.
import { h, replace } from "../../dom.js";
import { organizations } from "../../api.js";
import { orgHref } from "../../format.js";
import { loadInto } from "../../components/status.js";
import { pageHeading } from "../../components/page.js";
import { detailsSection, flagsSection } from "./details.js";
import { renameSection } from "./rename.js";
import { childrenSection } from "./children.js";
import { accountsSection } from "./accounts.js";
import { profileSection } from "./profile.js";
import { deleteSection } from "./delete.js";

export function organizationView({ root, params: [id], signal }) {
  const body = h("div", { class: "region" });
  replace(root, body);
  loadInto(body, {
    signal,
    loadingText: "Loading the organization…",
    load: (s) => organizations().get(id, { signal: s }),
    render: (org) => {
      const context = { org, signal };
      return [
        breadcrumb(org),
        pageHeading(org.name, h("code", { class: "id", "data-testid": "org-id" }, org.id)),
        h("div", { class: "grid" },
          detailsSection(context),
          profileSection(context),
          flagsSection(context),
          childrenSection(context),
          accountsSection(context),
          renameSection(context),
          deleteSection(context),
        ),
      ];
    },
  });
}

function breadcrumb(org) {
  return h("nav", { class: "breadcrumb", "aria-label": "Breadcrumb" },
    h("ol", {},
      h("li", {}, h("a", { href: "#/organizations" }, "Organizations")),
      org.parent?.id ? h("li", {}, h("a", { href: orgHref(org.parent.id) }, org.parent.name || org.parent.id)) : null,
      h("li", {}, h("span", { "aria-current": "page" }, org.name)),
    ));
}
