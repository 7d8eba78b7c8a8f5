// Rename: `update(id, { name })`, then the page reloads so every section shows the new name.
import { h, replace } from "../../dom.js";
import { organizations } from "../../api.js";
import { orgHref } from "../../format.js";
import { navigate } from "../../router.js";
import { section } from "../../components/page.js";
import { errorPanel } from "../../components/status.js";
import { field, showFieldProblems, clearFieldProblems, whileSubmitting } from "../../components/fields.js";
import { notify } from "../../components/notice.js";
import { checkOrganizationName } from "../../validate.js";

export function renameSection({ org }) {
  const outcome = h("div", { class: "region" });
  const form = h("form", { class: "form", method: "post", novalidate: true, "data-testid": "rename-form", onsubmit: async (event) => {
    event.preventDefault();
    outcome.replaceChildren();
    clearFieldProblems(form);
    const name = form.elements.namedItem("name").value;
    const problem = checkOrganizationName(name);
    if (problem) { showFieldProblems(form, { name: problem }); return; }
    if (name.trim() === org.name) { showFieldProblems(form, { name: "That is already its name." }); return; }
    try {
      const updated = await whileSubmitting(form, "Saving…", () => organizations().update(org.id, { name: name.trim() }));
      notify(`Renamed to “${updated.name}”.`);
      navigate(orgHref(org.id));
    } catch (error) {
      replace(outcome, errorPanel(error, { titlePrefix: "Not renamed" }));
    }
  } },
  h("fieldset", { class: "form-body" },
    h("legend", { class: "visually-hidden" }, "Rename"),
    field({ label: "New name", name: "name", value: org.name, required: true }),
  ),
  outcome,
  h("p", { class: "actions" }, h("button", { type: "submit", class: "button button-primary" }, "Rename")));
  return section("Rename", { testid: "rename" }, form);
}
