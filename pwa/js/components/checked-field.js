/**
 * A labelled control that can show its own mistake: the message sits above the control, is tied
 * to it with aria-describedby (with an optional hint) and marks it aria-invalid. The form that
 * checks several fields focuses the first one whose `check` returned it.
 */
import { h } from "../dom.js";
import { t } from "../i18n.js";

/**
 * @typedef {object} CheckedField
 * @property {HTMLElement} element the label, hint, error and control
 * @property {HTMLLabelElement} label the label, for a form that renames it as choices change
 * @property {HTMLInputElement} input the control (an input or a select)
 * @property {(message: string) => HTMLElement | null} check show a mistake (empty: none);
 *   returns the control when there is one, so a form can focus the first
 */

/**
 * @param {string} id the control's id
 * @param {string} labelKey
 * @param {HTMLElement} control
 * @param {string} [hintKey]
 * @returns {CheckedField}
 */
export function checkedField(id, labelKey, control, hintKey) {
  control.id = id;
  control.classList.add("field__input");
  const hint = hintKey ? h("p", { id: `${id}-hint`, class: "checked-field__hint", text: t(hintKey) }) : null;
  const error = h("p", { id: `${id}-error`, class: "field__error", hidden: true });
  const describe = () => {
    const ids = [error.hidden ? null : error.id, hint?.id].filter(Boolean).join(" ");
    if (ids) control.setAttribute("aria-describedby", ids);
    else control.removeAttribute("aria-describedby");
  };
  describe();
  const label = /** @type {HTMLLabelElement} */ (h("label", { class: "field__label", for: id, text: t(labelKey) }));
  return {
    element: h("div", { class: "field" }, label, hint, error, control),
    label,
    input: /** @type {HTMLInputElement} */ (control),
    check(message) {
      error.textContent = message;
      error.hidden = !message;
      if (message) control.setAttribute("aria-invalid", "true");
      else control.removeAttribute("aria-invalid");
      describe();
      return message ? control : null;
    },
  };
}

/**
 * A one-line text input for a checked field.
 * @param {Record<string, any>} attrs
 * @returns {HTMLInputElement}
 */
export function textInput(attrs) {
  return /** @type {HTMLInputElement} */ (h("input", { type: "text", autocomplete: "off", ...attrs }));
}
