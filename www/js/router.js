// A hash router: "#/org/<id>?x=1" picks a view, which renders into <main>. Each navigation
// aborts the previous view's requests (via its AbortSignal) so late answers never land on the
// wrong page.

/** Splits "#/org/abc?tab=1" into { path: "/org/abc", query: URLSearchParams }. */
export function parseHash(hash) {
  const raw = hash.replace(/^#/, "") || "/";
  const [path, search = ""] = raw.split(/\?(.*)/s);
  return { path: path || "/", query: new URLSearchParams(search) };
}

/** "#/path?k=v" from a path and an object of query values (empty values left out). */
export function hashFor(path, query = {}) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== "") params.set(key, value);
  const search = params.toString();
  return `#${path}${search ? `?${search}` : ""}`;
}

/**
 * routes: [{ pattern: /^\/org\/([^/]+)$/, view, nav }]; a view is
 * ({ root, params, query, signal }) => void. `onRoute(route)` lets the shell mark the nav.
 */
export function startRouter({ routes, root, notFound, onRoute }) {
  let controller = null;
  let first = true;
  const render = () => {
    controller?.abort();
    controller = new AbortController();
    const { path, query } = parseHash(location.hash);
    let match = null;
    const route = routes.find((candidate) => (match = candidate.pattern.exec(path)));
    const params = match ? match.slice(1).map(safeDecode) : [];
    root.replaceChildren();
    onRoute?.(route);
    (route?.view ?? notFound)({ root, params, query, signal: controller.signal });
    // Move focus to the new page's heading (not on first load), so keyboard and screen-reader
    // users start at the top of what changed. Views that load first add their heading later.
    if (!first) focusHeadingWhenShown(root, controller.signal);
    first = false;
  };
  addEventListener("hashchange", render);
  render();
  return { refresh: render };
}

function focusHeadingWhenShown(root, signal) {
  const focus = () => {
    const heading = root.querySelector("h1");
    if (heading) heading.focus();
    return Boolean(heading);
  };
  if (focus()) return;
  const observer = new MutationObserver(() => { if (focus()) observer.disconnect(); });
  observer.observe(root, { childList: true, subtree: true });
  signal.addEventListener("abort", () => observer.disconnect(), { once: true });
}

function safeDecode(segment) {
  try { return decodeURIComponent(segment); } catch { return segment; }
}

/** Navigates to a hash; re-renders even if it is the current one. */
export function navigate(hash) {
  if (location.hash === hash) dispatchEvent(new HashChangeEvent("hashchange"));
  else location.hash = hash;
}
