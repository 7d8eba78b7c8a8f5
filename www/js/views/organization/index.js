// An organization's overview: independent sections, each with its own loading and error states
// so one failing call does not blank the page. The other tabs live in their own modules.
import { h } from "../../dom.js";
import { organizationTab } from "./shell.js";
import { detailsSection, flagsSection } from "./details.js";
import { renameSection } from "./rename.js";
import { childrenSection } from "./children.js";
import { accountsSection } from "./accounts.js";
import { profileSection } from "./profile.js";
import { deleteSection } from "./delete.js";

export const organizationView = organizationTab("", (context) =>
  h("div", { class: "grid" },
    detailsSection(context),
    profileSection(context),
    flagsSection(context),
    childrenSection(context),
    accountsSection(context),
    renameSection(context),
    deleteSection(context),
  ));
