// Every organization, as the tree its parent links make.
import { h, replace } from "../dom.js";
import { organizations } from "../api.js";
import { loadInto, emptyState } from "../components/status.js";
import { buildTree, treeView, setAllExpanded } from "../components/org-tree.js";
import { pageHeading } from "../components/page.js";

export function hierarchyView({ root, signal }) {
  const region = h("div", { class: "card region" });
  replace(root, pageHeading("Hierarchy", h("a", { class: "button button-primary", href: "#/new" }, "New organization")), region);
  loadInto(region, {
    signal,
    loadingText: "Loading every organization…",
    load: (s) => organizations().listAll({ page_size: 1000 }, { signal: s }),
    isEmpty: (list) => list.length === 0,
    empty: () => emptyState("There are no organizations yet.", h("a", { class: "button button-primary", href: "#/new" }, "Create an organization")),
    render: (list) => {
      const tree = treeView(buildTree(list));
      return [
        h("p", { class: "toolbar" },
          h("span", {}, `${list.length} organization${list.length === 1 ? "" : "s"}`),
          h("button", { type: "button", class: "button button-quiet", onclick: () => setAllExpanded(tree, true) }, "Expand all"),
          h("button", { type: "button", class: "button button-quiet", onclick: () => setAllExpanded(tree, false) }, "Collapse all"),
        ),
        tree,
      ];
    },
  });
}
