// Delete, after a confirmation. The API refuses while sub-organizations or accounts remain;
// that refusal is shown as the API gave it: code, message and ray id.
import { h, replace } from "../../dom.js";
import { organizations } from "../../api.js";
import { orgHref } from "../../format.js";
import { navigate } from "../../router.js";
import { section } from "../../components/page.js";
import { errorPanel } from "../../components/status.js";
import { confirmDialog } from "../../components/confirm-dialog.js";
import { notify } from "../../components/notice.js";
import { ApiError } from "cloudflare-organizations";

export function deleteSection({ org }) {
  const outcome = h("div", { class: "region", "data-testid": "delete-outcome" });
  const button = h("button", { type: "button", class: "button button-danger", onclick: async () => {
    outcome.replaceChildren();
    const confirmed = await confirmDialog({
      title: `Delete “${org.name}”?`,
      body: ["This cannot be undone.", "The API refuses while the organization still has sub-organizations or accounts."],
      confirmLabel: "Delete organization",
      danger: true,
    });
    if (!confirmed) return;
    button.disabled = true;
    try {
      await organizations().delete(org.id);
      notify(`Deleted “${org.name}”.`);
      navigate(org.parent?.id ? orgHref(org.parent.id) : "#/organizations");
    } catch (error) {
      replace(outcome, errorPanel(error, { titlePrefix: error instanceof ApiError ? "Delete refused" : "Not deleted" }));
      outcome.querySelector("[role=alert]")?.setAttribute("tabindex", "-1");
      outcome.querySelector("[role=alert]")?.focus();
    } finally {
      button.disabled = false;
    }
  } }, "Delete organization…");
  return section("Delete", { testid: "delete", className: "card-danger" },
    h("p", {}, "Only an organization without sub-organizations and accounts can be deleted."),
    h("p", { class: "actions" }, button),
    outcome);
}
