// The five profile fields, shared by "create organization" and "edit profile".
import { h } from "../dom.js";
import { field } from "./fields.js";
import { PROFILE_FIELDS } from "../validate.js";

/** Labelled inputs for a profile, prefilled from `profile` when given. */
export function profileFields(profile = {}) {
  return PROFILE_FIELDS.map(({ key, label, type, autocomplete, optional, hint }) =>
    field({ label, name: key, type, value: profile[key] ?? "", required: !optional, autocomplete, hint }));
}

/** Reads the profile fields of a form into a plain object. */
export function readProfile(form) {
  return Object.fromEntries(PROFILE_FIELDS.map(({ key }) => [key, form.elements.namedItem(key)?.value ?? ""]));
}

/** A profile as a definition list. */
export function profileList(profile) {
  return h("dl", { class: "facts", "data-testid": "profile" },
    PROFILE_FIELDS.map(({ key, label }) => [
      h("dt", {}, label),
      h("dd", { dataset: { field: key } }, profile[key] ? profile[key] : h("span", { class: "muted" }, "—")),
    ]));
}
