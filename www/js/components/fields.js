// Labelled form fields with a hint and an error slot wired through aria-describedby, and the
// helpers that show or clear per-field errors.
import { h, uid, replace } from "../dom.js";

/** A labelled input (or textarea/select via `type`). `name` is the form key. */
export function field({ label, name, type = "text", value = "", required = false, hint, autocomplete = "off", options }) {
  const id = uid(name);
  const hintId = hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ");
  const common = { id, name, required, "aria-describedby": describedBy, autocomplete };
  let control;
  if (type === "textarea") control = h("textarea", { ...common, rows: 2 }, value);
  else if (type === "select") control = h("select", common, options);
  else control = h("input", { ...common, type, value, spellcheck: type === "text" ? null : "false" });
  return h("div", { class: "field", dataset: { field: name } },
    h("label", { for: id }, label, required ? h("span", { class: "required", "aria-hidden": "true" }, " *") : null),
    hint ? h("p", { id: hintId, class: "hint" }, hint) : null,
    control,
    h("p", { id: errorId, class: "field-error" }),
  );
}

/** Marks the fields named in `problems` ({ name: message }) invalid; focuses the first one; true if any. */
export function showFieldProblems(form, problems) {
  clearFieldProblems(form);
  for (const [name, message] of Object.entries(problems)) {
    const control = form.elements.namedItem(name);
    if (!control) continue;
    control.setAttribute("aria-invalid", "true");
    const slot = control.closest(".field")?.querySelector(".field-error");
    if (slot) replace(slot, message);
  }
  // The first invalid field on screen, not the first in `problems`.
  const first = form.querySelector("[aria-invalid=true]");
  first?.focus();
  return Boolean(first);
}

export function clearFieldProblems(form) {
  for (const control of form.querySelectorAll("[aria-invalid]")) control.removeAttribute("aria-invalid");
  for (const slot of form.querySelectorAll(".field-error")) slot.replaceChildren();
}

/**
 * Disables a form's controls while a request runs, and puts a busy label on the button that
 * started it (the submit button unless another is given).
 */
export async function whileSubmitting(form, busyLabel, work, submit = form.querySelector("[type=submit]")) {
  const idleLabel = submit?.textContent;
  // Only the controls enabled now are disabled, and exactly those are enabled again.
  const controls = [...form.querySelectorAll("input, select, textarea, button")].filter((control) => !control.disabled);
  form.setAttribute("aria-busy", "true");
  for (const control of controls) control.disabled = true;
  if (submit) submit.textContent = busyLabel;
  try {
    return await work();
  } finally {
    form.removeAttribute("aria-busy");
    for (const control of controls) control.disabled = false;
    if (submit) submit.textContent = idleLabel;
  }
}
