// Choices among the API's enumerated values: a group of checkboxes (several values, sent as a
// repeated key) and a select with an "any" option (one value or none).
import { h, uid } from "../dom.js";

/** undefined for no value, the value alone for one, the array for several. */
export function listParam(values) {
  if (!values?.length) return undefined;
  return values.length === 1 ? values[0] : values;
}

/** A fieldset of checkboxes named `name`, one per value; `labels` maps a value to its text. */
export function checkboxes({ legend, name, values, checked = [], labels = {} }) {
  return h("fieldset", { class: "choices", "data-testid": `${name}-choices` },
    h("legend", {}, legend),
    h("div", { class: "choice-list" }, values.map((value) =>
      h("label", { class: "check" }, h("input", { type: "checkbox", name, value, checked: checked.includes(value) }), labels[value] ?? value))));
}

/** The checked values of the checkboxes named `name` in `form`. */
export function readCheckboxes(form, name) {
  return [...form.querySelectorAll(`input[type=checkbox][name="${name}"]:checked`)].map((box) => box.value);
}

/**
 * A labelled select of `values` (or [value, label] pairs), with a first "any" option ("")
 * unless `anyLabel` is null.
 */
export function choiceSelect({ label, name, values, value = "", anyLabel = "any" }) {
  const id = uid(name);
  return h("div", { class: "field" },
    h("label", { for: id }, label),
    h("select", { id, name },
      anyLabel === null ? null : h("option", { value: "" }, anyLabel),
      values.map((item) => {
        const [optionValue, optionLabel] = Array.isArray(item) ? item : [item, item];
        return h("option", { value: optionValue, selected: optionValue === value }, optionLabel);
      })));
}

/** `value` when it is one of `values` (strings or [value, label] pairs), else "". */
export function oneOf(values, value) {
  return values.some((item) => (Array.isArray(item) ? item[0] : item) === value) ? value : "";
}
