// "New organization": a name, an optional parent (picked from the hierarchy) and an optional
// business profile, checked in the page before `create` is called.
import { h, replace } from "../dom.js";
import { organizations } from "../api.js";
import { orgHref } from "../format.js";
import { navigate } from "../router.js";
import { loadInto, errorPanel } from "../components/status.js";
import { field, showFieldProblems, clearFieldProblems, whileSubmitting } from "../components/fields.js";
import { profileFields, readProfile } from "../components/profile-form.js";
import { buildTree, flattenTree } from "../components/org-tree.js";
import { pageHeading } from "../components/page.js";
import { notify } from "../components/notice.js";
import { checkOrganizationName, checkProfile, normalizeProfile } from "../validate.js";
import { fieldForValidationError } from "./form-errors.js";

export function createView({ root, query, signal }) {
  const preselected = query.get("parent") ?? "";
  const parentSlot = h("div", { class: "region" });
  const profileBox = h("fieldset", { class: "profile-fields", disabled: true, hidden: true },
    h("legend", {}, "Business profile"), profileFields());
  const withProfile = h("input", { type: "checkbox", name: "with_profile", id: "with-profile", onchange: () => {
    profileBox.disabled = !withProfile.checked;
    profileBox.hidden = !withProfile.checked;
  } });
  const outcome = h("div", { class: "region" });

  const form = h("form", { class: "card form", method: "post", novalidate: true, "data-testid": "create-form", onsubmit: (event) => {
    event.preventDefault();
    submit(form, { withProfile: withProfile.checked, outcome });
  } },
  h("fieldset", { class: "form-body" },
    h("legend", { class: "visually-hidden" }, "Organization"),
    field({ label: "Name", name: "name", required: true, autocomplete: "organization" }),
    parentSlot,
    h("label", { class: "check", for: "with-profile" }, withProfile, "Add a business profile now"),
    profileBox,
  ),
  outcome,
  h("p", { class: "actions" },
    h("button", { type: "submit", class: "button button-primary" }, "Create organization"),
    h("a", { class: "button button-quiet", href: preselected ? orgHref(preselected) : "#/organizations" }, "Cancel"),
  ));

  replace(root, pageHeading("New organization"), form);
  loadInto(parentSlot, {
    signal,
    loadingText: "Loading possible parents…",
    load: (s) => organizations().listAll({ page_size: 1000 }, { signal: s }),
    render: (list) => parentField(list, preselected),
  });
}

function parentField(list, preselected) {
  const options = [
    h("option", { value: "" }, "— none: a root organization —"),
    ...flattenTree(buildTree(list)).map(({ org, depth }) =>
      h("option", { value: org.id, selected: org.id === preselected }, `${"\u00a0\u00a0".repeat(depth)}${depth ? "└ " : ""}${org.name}`)),
  ];
  return field({ label: "Parent organization", name: "parent", type: "select", options,
    hint: "Sub-organizations inherit their place in the hierarchy from it." });
}

async function submit(form, { withProfile, outcome }) {
  outcome.replaceChildren();
  clearFieldProblems(form);
  const name = form.elements.namedItem("name").value;
  const parentId = form.elements.namedItem("parent")?.value ?? "";
  const profile = withProfile ? readProfile(form) : null;
  const problems = { ...(profile ? checkProfile(profile) : {}) };
  const nameProblem = checkOrganizationName(name);
  if (nameProblem) problems.name = nameProblem;
  if (showFieldProblems(form, problems)) return;

  const body = { name: name.trim() };
  if (parentId) body.parent = { id: parentId };
  if (profile) body.profile = normalizeProfile(profile);
  try {
    const created = await whileSubmitting(form, "Creating…", () => organizations().create(body));
    notify(`Created “${created.name}”.`);
    navigate(orgHref(created.id));
  } catch (error) {
    const fieldName = fieldForValidationError(error);
    if (fieldName && form.elements.namedItem(fieldName)) showFieldProblems(form, { [fieldName]: `${error.reason} (the client refused it: ${error.field})` });
    replace(outcome, errorPanel(error, { titlePrefix: "Not created" }));
  }
}
