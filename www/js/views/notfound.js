import { h, replace } from "../dom.js";
import { pageHeading } from "../components/page.js";

export function notFoundView({ root }) {
  replace(root, pageHeading("Page not found"),
    h("p", {}, "There is no such page in this dashboard. ", h("a", { href: "#/organizations" }, "Go to the organizations.")));
}
