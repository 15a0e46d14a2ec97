/**
 * A photo field as people see it: a title, a hint, and a button that opens the camera or the
 * photo library. The browser's own file input shows its button and "no file chosen" in the
 * browser's language, whatever language the person chose, so it stays in the page for keyboards
 * and screen readers only, and its label is the button.
 */

import { h } from "../dom.js";

/**
 * @param {{id: string, button: string, title?: string, hint?: string, hintClass?: string,
 *          multiple?: boolean, name?: string}} props
 * @returns {{element: HTMLElement, input: HTMLInputElement}}
 */
export function photoPicker({ id, button, title, hint, hintClass = "field__hint", multiple = false, name }) {
  const hintId = hint ? `${id}-hint` : undefined;
  const input = /** @type {HTMLInputElement} */ (h("input", {
    id, name, type: "file", accept: "image/*", capture: "environment", multiple, class: "photo-picker__input",
    "aria-describedby": hintId }));
  const element = h("div", { class: "field photo-picker" },
    title ? h("p", { class: "field__label", text: title }) : null,
    hint ? h("p", { id: hintId, class: hintClass, text: hint }) : null,
    input,
    h("label", { for: id, class: "button button--secondary photo-picker__button", text: button }));
  return { element, input };
}
