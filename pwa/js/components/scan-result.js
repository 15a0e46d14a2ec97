/**
 * What was scanned and the actions it offers in the current task, one big button each.
 */
import { h } from "../dom.js";
import { t } from "../i18n.js";

/**
 * @param {object} props
 * @param {string} props.code
 * @param {{id: string, title: string, state: string | null} | null} props.item null when this phone cannot tell
 * @param {{action: string, label: string}[]} props.actions
 * @param {(action: string, label: string) => void} props.onAction
 * @param {((file: File) => void) | null} props.onPhoto
 * @returns {HTMLElement}
 */
export function scanResult({ code, item, actions, onAction, onPhoto }) {
  const state = item?.state ? t(`state.${item.state}`) : null;
  return h(
    "section",
    { class: "scan-result", "aria-labelledby": "scan-result-title", "data-testid": "scan-result" },
    h("h2", { id: "scan-result-title", class: "scan-result__title", text: item?.title ?? t("scan.code", { code }) }),
    h("p", { class: "scan-result__meta", text: [item ? t("scan.code", { code }) : null, state].filter(Boolean).join(" · ") }),
    item ? null : h("p", { class: "scan-result__note", text: t("scan.unknown_offline", { code }) }),
    actions.length
      ? h(
          "div",
          { class: "scan-result__actions" },
          actions.map(({ action, label }) =>
            h("button", {
              type: "button",
              class: "button button--primary scan-result__action",
              "data-action": action,
              text: label,
              onclick: () => onAction(action, label),
            }),
          ),
        )
      : h("p", { class: "scan-result__note", text: t("scan.no_actions", { state: state ?? "?" }) }),
    onPhoto ? photoButton(onPhoto) : null,
  );
}

/** @param {(file: File) => void} onPhoto */
function photoButton(onPhoto) {
  const input = /** @type {HTMLInputElement} */ (
    h("input", { id: "scan-photo", class: "scan-result__file", type: "file", accept: "image/*", capture: "environment" })
  );
  input.addEventListener("change", () => {
    const [file] = input.files ?? [];
    if (file) onPhoto(file);
  });
  return h(
    "div",
    { class: "scan-result__photo" },
    input,
    h("label", { for: "scan-photo", class: "button button--secondary", text: t("scan.photo") }),
  );
}
