// Loading, empty and error states, and the loop that moves a region between them. Every error
// state has a Retry button, so no failure leaves a dead end.
import { h, replace } from "../dom.js";
import { describeError, isAbort } from "../errors.js";

export function loadingState(text = "Loading…") {
  return h("p", { class: "state state-loading", role: "status" }, h("span", { class: "spinner", "aria-hidden": "true" }), text);
}

export function emptyState(text, ...actions) {
  return h("div", { class: "state state-empty" }, h("p", {}, text), actions.length ? h("p", { class: "actions" }, actions) : null);
}

/** An error box: the title, the API's details as a list, a hint, and optional actions (Retry). */
export function errorPanel(error, { retry, role = "alert", titlePrefix } = {}) {
  const info = describeError(error);
  return h("div", { class: "error-panel", role, "data-testid": "error-panel" },
    h("p", { class: "error-title" }, titlePrefix ? `${titlePrefix}: ${info.title}` : info.title[0].toUpperCase() + info.title.slice(1)),
    info.details.length
      ? h("dl", { class: "error-details" }, info.details.map(([label, value]) => [
        h("dt", {}, label),
        h("dd", { dataset: { field: label.toLowerCase().replace(/\W+/g, "-") } }, String(value)),
      ]))
      : null,
    info.hint ? h("p", { class: "error-hint" }, info.hint) : null,
    h("p", { class: "actions" },
      retry ? h("button", { type: "button", class: "button", onclick: retry }, "Retry") : null,
      info.settingsLink ? h("a", { class: "button button-quiet", href: "#/settings" }, "Connection settings") : null,
    ),
  );
}

/**
 * Fills `region` with a loading state, runs `load(signal)`, then `render(result)` or an error
 * panel whose Retry runs it all again. `isEmpty(result)` + `empty()` give the empty state.
 * Aborts (the view was left) are silent. Returns the result, or undefined on failure.
 */
export async function loadInto(region, { load, render, isEmpty, empty, loadingText, signal }) {
  const attempt = async () => {
    region.setAttribute("aria-busy", "true");
    replace(region, loadingState(loadingText));
    try {
      const result = await load(signal);
      if (signal?.aborted) return undefined;
      replace(region, isEmpty?.(result) ? empty(result) : render(result));
      return result;
    } catch (error) {
      if (isAbort(error) || signal?.aborted) return undefined;
      replace(region, errorPanel(error, { retry: attempt }));
      return undefined;
    } finally {
      region.removeAttribute("aria-busy");
    }
  };
  return attempt();
}
