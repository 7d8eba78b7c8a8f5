// Builds DOM nodes from data without ever parsing HTML: every string becomes a text node,
// so API-provided names and messages cannot inject markup.

/**
 * h("a", { href: "#/x", class: "link", onclick: fn }, "text", childNode, [more, children])
 * Attributes: `class`, `dataset` (object), `on<event>` (listener), booleans set or drop the
 * attribute, null/undefined/false are skipped. Children may be nested arrays, strings, numbers,
 * nodes, or null/false (skipped).
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === "dataset") {
      Object.assign(el.dataset, value);
    } else if (key === "value" && "value" in el) {
      el.value = value;
    } else if (key === "checked" || key === "selected" || key === "disabled") {
      el[key] = Boolean(value);
    } else {
      el.setAttribute(key, value === true ? "" : String(value));
    }
  }
  append(el, children);
  return el;
}

/** Appends children (strings become text nodes); returns the parent. */
export function append(parent, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces all children of `parent`. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

let idCounter = 0;
/** A unique id for pairing labels, hints and error texts with their controls. */
export function uid(prefix = "id") {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}
