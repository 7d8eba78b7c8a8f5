// The hierarchy built from a flat list of organizations (each names its parent), rendered as
// nested lists with expand/collapse buttons, and flattened for the parent picker.
import { h } from "../dom.js";
import { orgHref } from "../format.js";

/** Roots with `children` arrays, sorted by name. An unknown parent makes a node a root. */
export function buildTree(organizations) {
  const nodes = new Map(organizations.map((org) => [org.id, { org, children: [] }]));
  const roots = [];
  for (const node of nodes.values()) {
    const parent = node.org.parent?.id ? nodes.get(node.org.parent.id) : null;
    (parent && parent !== node ? parent.children : roots).push(node);
  }
  const byName = (a, b) => a.org.name.localeCompare(b.org.name);
  const sort = (list) => { list.sort(byName); for (const node of list) sort(node.children); };
  sort(roots);
  return roots;
}

/** Depth-first [{ org, depth }] in tree order, guarded against cycles in odd data. */
export function flattenTree(roots) {
  const out = [];
  const seen = new Set();
  const walk = (nodes, depth) => {
    for (const node of nodes) {
      if (seen.has(node.org.id)) continue;
      seen.add(node.org.id);
      out.push({ org: node.org, depth });
      walk(node.children, depth + 1);
    }
  };
  walk(roots, 0);
  return out;
}

function countDescendants(node) {
  return node.children.reduce((sum, child) => sum + 1 + countDescendants(child), 0);
}

/** The tree as nested lists; `highlightId` marks one organization (the current page). */
export function treeView(roots, { highlightId } = {}) {
  const seen = new Set();
  const renderNodes = (nodes) => h("ul", { class: "tree-list" }, nodes.filter((n) => !seen.has(n.org.id)).map(renderNode));
  const renderNode = (node) => {
    seen.add(node.org.id);
    const hasChildren = node.children.length > 0;
    const childList = hasChildren ? renderNodes(node.children) : null;
    const toggle = hasChildren
      ? h("button", {
        type: "button", class: "tree-toggle", "aria-expanded": "true",
        "aria-label": `Collapse ${node.org.name}`,
        onclick: (event) => setExpanded(event.currentTarget, childList, node.org.name),
      })
      : h("span", { class: "tree-leaf", "aria-hidden": "true" });
    const descendants = countDescendants(node);
    return h("li", { class: "tree-item", dataset: { id: node.org.id } },
      h("div", { class: "tree-row" },
        toggle,
        h("a", { href: orgHref(node.org.id), "aria-current": node.org.id === highlightId ? "page" : null }, node.org.name),
        descendants ? h("span", { class: "badge" }, `${descendants} below`) : null,
      ),
      childList,
    );
  };
  return h("div", { class: "tree", "data-testid": "tree" }, renderNodes(roots));
}

function setExpanded(button, childList, name, expanded = button.getAttribute("aria-expanded") !== "true") {
  button.setAttribute("aria-expanded", String(expanded));
  button.setAttribute("aria-label", `${expanded ? "Collapse" : "Expand"} ${name}`);
  childList.hidden = !expanded;
}

/** Expands or collapses every node under `container`. */
export function setAllExpanded(container, expanded) {
  for (const button of container.querySelectorAll(".tree-toggle")) {
    const childList = button.closest(".tree-item").querySelector(":scope > .tree-list");
    const name = button.nextElementSibling?.textContent ?? "";
    setExpanded(button, childList, name, expanded);
  }
}
