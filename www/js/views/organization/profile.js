// The business profile: shown as read, edited in place, checked in the page, saved with
// `updateProfile` (204) and then read back with `getProfile` to show what the API kept.
import { h, replace } from "../../dom.js";
import { organizations } from "../../api.js";
import { NotFoundError } from "cloudflare-organizations";
import { section } from "../../components/page.js";
import { loadInto, emptyState, errorPanel } from "../../components/status.js";
import { profileFields, readProfile, profileList } from "../../components/profile-form.js";
import { showFieldProblems, clearFieldProblems, whileSubmitting } from "../../components/fields.js";
import { notify } from "../../components/notice.js";
import { checkProfile, normalizeProfile } from "../../validate.js";
import { fieldForValidationError } from "../form-errors.js";

export function profileSection({ org, signal }) {
  const region = h("div", { class: "region" });

  const show = () => loadInto(region, {
    signal,
    loadingText: "Loading the profile…",
    // An organization that never had a profile may answer 404: that is the empty state.
    load: (s) => organizations().getProfile(org.id, { signal: s }).catch((error) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    }),
    isEmpty: (profile) => !profile,
    empty: () => emptyState("No business profile yet.", h("button", { type: "button", class: "button button-primary", onclick: () => edit({}) }, "Add a profile")),
    render: (profile) => [
      profileList(profile),
      h("p", { class: "actions" }, h("button", { type: "button", class: "button", onclick: () => edit(profile) }, "Edit profile")),
    ],
  });

  const edit = (profile) => {
    const outcome = h("div", { class: "region" });
    const form = h("form", { class: "form", method: "post", novalidate: true, "data-testid": "profile-form", onsubmit: async (event) => {
      event.preventDefault();
      outcome.replaceChildren();
      clearFieldProblems(form);
      const draft = readProfile(form);
      if (showFieldProblems(form, checkProfile(draft))) return;
      try {
        await whileSubmitting(form, "Saving…", () => organizations().updateProfile(org.id, normalizeProfile(draft)));
        notify("Profile saved.");
        await show();
        region.querySelector("[data-testid=profile]")?.setAttribute("tabindex", "-1");
        region.querySelector("[data-testid=profile]")?.focus();
      } catch (error) {
        const name = fieldForValidationError(error);
        if (name && form.elements.namedItem(name)) showFieldProblems(form, { [name]: `${error.reason} (refused by the client)` });
        replace(outcome, errorPanel(error, { titlePrefix: "Profile not saved" }));
      }
    } },
    h("fieldset", { class: "form-body" }, h("legend", { class: "visually-hidden" }, "Business profile"), profileFields(profile)),
    outcome,
    h("p", { class: "actions" },
      h("button", { type: "submit", class: "button button-primary" }, "Save profile"),
      h("button", { type: "button", class: "button button-quiet", onclick: show }, "Cancel"),
    ));
    replace(region, form);
    form.elements[1]?.focus();
  };

  show();
  return section("Business profile", { testid: "profile-section" }, region);
}
