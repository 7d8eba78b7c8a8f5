// Short success messages in a polite live region, so screen readers announce them too.
import { h, replace } from "../dom.js";

let region = null;
let timer = null;

/** Mounts the live region once, at app start. */
export function mountNotices(parent) {
  region = h("div", { class: "notice", role: "status", "aria-live": "polite", "data-testid": "notice" });
  parent.append(region);
}

export function notify(text) {
  if (!region) return;
  clearTimeout(timer);
  replace(region, h("p", {}, text));
  region.classList.add("visible");
  timer = setTimeout(() => region.classList.remove("visible"), 6000);
}
