/**
 * Typing the code printed under the QR, for when the camera fails or is refused.
 * The check character is validated on the phone, so a mistype is told apart from an
 * unknown code without a network.
 */
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { parseTyped } from "../scan/codes.js";

/**
 * @param {{onCode: (code: string) => Promise<string | null>}} props resolves to an error to show, or null
 * @returns {HTMLElement}
 */
export function manualEntry({ onCode }) {
  const input = /** @type {HTMLInputElement} */ (
    h("input", {
      id: "manual-code",
      class: "field__input manual-entry__input",
      autocomplete: "off",
      autocapitalize: "characters",
      spellcheck: "false",
      maxlength: 12,
      "aria-describedby": "manual-code-hint",
    })
  );
  const error = h("p", { id: "manual-code-error", class: "field__error", "aria-live": "assertive" });

  /** @param {string} message */
  function showError(message) {
    error.textContent = message;
    if (message) {
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", "manual-code-hint manual-code-error");
    } else {
      input.removeAttribute("aria-invalid");
      input.setAttribute("aria-describedby", "manual-code-hint");
    }
  }

  /** @param {SubmitEvent} event */
  async function onSubmit(event) {
    event.preventDefault();
    const parsed = parseTyped(input.value);
    if (!parsed.ok) {
      showError(t(parsed.reason === "mistyped" ? "scan.mistyped" : "scan.format"));
      input.focus();
      return;
    }
    showError("");
    const problem = await onCode(parsed.code);
    if (problem) showError(problem);
    else input.value = "";
  }

  return h(
    "form",
    { class: "manual-entry", novalidate: true, onsubmit: onSubmit },
    h(
      "div",
      { class: "field" },
      h("label", { for: "manual-code", class: "field__label", text: t("scan.manual") }),
      h("p", { id: "manual-code-hint", class: "manual-entry__hint", text: t("scan.manual_hint") }),
      error,
      input,
    ),
    h("button", { type: "submit", class: "button button--secondary", text: t("scan.manual_submit") }),
  );
}
