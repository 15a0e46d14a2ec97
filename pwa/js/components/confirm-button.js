/**
 * A button for a step that cannot be undone (closing a listing, deleting a photo). Pressing it
 * asks first, in place: the question, a "yes" that does it and a "cancel" that puts the button
 * back. Focus moves with it, so keyboard and screen-reader users land on the answer.
 */
import { h, replaceChildren } from "../dom.js";
import { t } from "../i18n.js";

let counter = 0;

/**
 * @param {object} props
 * @param {string} props.label the button's text (its accessible name: make it unique on the page)
 * @param {string} props.question what the user is asked, e.g. "Close the listing? …"
 * @param {string} props.yes the text of the button that does it
 * @param {() => Promise<void> | void} props.onConfirm runs after "yes"; the question stays until it settles
 * @param {string} [props.className] extra classes for the first button
 * @returns {HTMLElement}
 */
export function confirmButton({ label, question, yes, onConfirm, className = "button--secondary" }) {
  const id = `confirm-${++counter}`;
  const wrapper = h("div", { class: "confirm-button" });
  const start = h("button", { type: "button", class: `button ${className}`, text: label, onclick: ask });

  function ask() {
    let busy = false;
    const yesButton = h("button", { type: "button", class: "button button--danger", text: yes });
    const cancel = h("button", { type: "button", class: "button button--secondary", text: t("catalog.cancel"),
                                 onclick: () => { replaceChildren(wrapper, start); start.focus(); } });
    yesButton.addEventListener("click", async () => {
      if (busy) return;
      busy = true;
      yesButton.setAttribute("aria-disabled", "true");
      try {
        await onConfirm();
      } finally {
        busy = false;
        yesButton.removeAttribute("aria-disabled");
      }
    });
    replaceChildren(wrapper, h("div", { class: "confirm-button__ask", role: "group", "aria-labelledby": id },
      h("p", { id, class: "confirm-button__question", text: question }),
      h("div", { class: "confirm-button__answers" }, yesButton, cancel)));
    // The safe answer has focus: Enter on a stray key press never destroys anything.
    cancel.focus();
  }

  replaceChildren(wrapper, start);
  return wrapper;
}
