// The shell: header navigation, the connection badge, notices, and the routes.
import { h, replace } from "./dom.js";
import { startRouter } from "./router.js";
import { loadSettings, onSettingsChange, describeConnection } from "./settings.js";
import { mountNotices } from "./components/notice.js";
import { organizationsView } from "./views/organizations.js";
import { hierarchyView } from "./views/hierarchy.js";
import { createView } from "./views/create.js";
import { organizationView } from "./views/organization/index.js";
import { membersView } from "./views/organization/members.js";
import { sharesView } from "./views/organization/shares.js";
import { auditView } from "./views/organization/audit/index.js";
import { usageView } from "./views/organization/usage/index.js";
import { settingsView } from "./views/settings.js";
import { notFoundView } from "./views/notfound.js";

const NAV = [
  { href: "#/organizations", label: "Organizations", key: "list" },
  { href: "#/tree", label: "Hierarchy", key: "tree" },
  { href: "#/new", label: "New", key: "new" },
  { href: "#/settings", label: "Connection", key: "settings" },
];

const ROUTES = [
  { pattern: /^\/(?:organizations)?$/, view: organizationsView, nav: "list" },
  { pattern: /^\/tree$/, view: hierarchyView, nav: "tree" },
  { pattern: /^\/new$/, view: createView, nav: "new" },
  { pattern: /^\/org\/([^/]+)$/, view: organizationView, nav: "list" },
  { pattern: /^\/org\/([^/]+)\/members$/, view: membersView, nav: "list" },
  { pattern: /^\/org\/([^/]+)\/shares$/, view: sharesView, nav: "list" },
  { pattern: /^\/org\/([^/]+)\/audit$/, view: auditView, nav: "list" },
  { pattern: /^\/org\/([^/]+)\/usage$/, view: usageView, nav: "list" },
  { pattern: /^\/settings$/, view: settingsView, nav: "settings" },
];

export function start() {
  const main = document.getElementById("main");
  const nav = document.getElementById("nav");
  const badge = document.getElementById("connection");

  const links = NAV.map((item) => h("li", {}, h("a", { href: item.href, dataset: { nav: item.key } }, item.label)));
  replace(nav, h("ul", {}, links));
  const showConnection = (settings) => replace(badge, h("a", { href: "#/settings", title: "Connection settings" }, describeConnection(settings)));
  showConnection(loadSettings());
  onSettingsChange(showConnection);
  mountNotices(document.body);

  // The skip link must not touch the hash (the router owns it): it only moves focus.
  document.querySelector(".skip-link")?.addEventListener("click", (event) => {
    event.preventDefault();
    main.focus();
  });

  startRouter({
    routes: ROUTES,
    root: main,
    notFound: notFoundView,
    onRoute: (route) => {
      for (const link of nav.querySelectorAll("a")) {
        if (link.dataset.nav === route?.nav) link.setAttribute("aria-current", "page");
        else link.removeAttribute("aria-current");
      }
    },
  });
  document.documentElement.dataset.app = "ready";
}
