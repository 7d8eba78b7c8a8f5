// A modal confirmation on the native <dialog>: it traps focus, closes on Escape and returns
// focus to the button that opened it, with no extra code.
import { h } from "../dom.js";

/**
 * Resolves true when the person confirms, false on Cancel/Escape.
 * The confirm button is not focused first, so Enter alone never destroys anything.
 */
export function confirmDialog({ title, body, confirmLabel, danger = false }) {
  return new Promise((resolve) => {
    const dialog = h("dialog", { class: "dialog", "aria-labelledby": "dialog-title", "data-testid": "confirm-dialog" },
      h("form", { method: "dialog" },
        h("h2", { id: "dialog-title" }, title),
        [body].flat().map((line) => h("p", {}, line)),
        h("p", { class: "actions" },
          h("button", { value: "cancel", class: "button", autofocus: true }, "Cancel"),
          h("button", { value: "confirm", class: danger ? "button button-danger" : "button button-primary" }, confirmLabel),
        ),
      ),
    );
    dialog.addEventListener("close", () => {
      resolve(dialog.returnValue === "confirm");
      dialog.remove();
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}
