/**
 * The offer to switch to a new version. Shown only while a new service worker waits.
 */
import { h } from "../dom.js";
import { t } from "../i18n.js";

/**
 * @param {{onReload: () => void}} props
 * @returns {HTMLElement}
 */
export function updateBanner({ onReload }) {
  return h("button", {
    type: "button",
    class: "update-banner",
    "data-testid": "update-banner",
    text: t("update.reload"),
    onclick: onReload,
  });
}
