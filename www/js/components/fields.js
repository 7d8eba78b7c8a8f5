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

/** Marks the fields named in `problems` ({ name: message }) invalid; focuses the first one. */
export function showFieldProblems(form, problems) {
  clearFieldProblems(form);
  let first = null;
  for (const [name, message] of Object.entries(problems)) {
    const control = form.elements.namedItem(name);
    if (!control) continue;
    control.setAttribute("aria-invalid", "true");
    const slot = control.closest(".field")?.querySelector(".field-error");
    if (slot) replace(slot, message);
    first ??= control;
  }
  first?.focus();
  return Boolean(first);
}

export function clearFieldProblems(form) {
  for (const control of form.querySelectorAll("[aria-invalid]")) control.removeAttribute("aria-invalid");
  for (const slot of form.querySelectorAll(".field-error")) slot.replaceChildren();
}

/** Disables a form's controls while a request runs, and puts a busy label on its submit button. */
export async function whileSubmitting(form, busyLabel, work) {
  const submit = form.querySelector("[type=submit]");
  const idleLabel = submit?.textContent;
  const fieldset = form.querySelector("fieldset.form-body") ?? form;
  form.setAttribute("aria-busy", "true");
  for (const control of fieldset.querySelectorAll("input, select, textarea, button")) control.disabled = true;
  if (submit) { submit.disabled = true; submit.textContent = busyLabel; }
  try {
    return await work();
  } finally {
    form.removeAttribute("aria-busy");
    for (const control of fieldset.querySelectorAll("input, select, textarea, button")) control.disabled = false;
    if (submit) { submit.disabled = false; submit.textContent = idleLabel; }
  }
}
