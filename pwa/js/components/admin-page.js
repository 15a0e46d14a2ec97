/**
 * The frame every admin screen shares: a way back to the admin overview, the heading, an intro,
 * a polite status line for what went well and an alert for what the server refused.
 */
import { h } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { ApiError } from "../api.js";

/**
 * @typedef {object} AdminPage
 * @property {HTMLElement} element
 * @property {(text: string) => void} say announce an outcome (clears the alert)
 * @property {(text: string) => void} warn show a problem in the alert region
 * @property {(error: unknown) => void} refuse show a failed request's text; rethrows anything that is not an ApiError
 * @property {(busy: boolean) => void} busy mark the page aria-busy while it loads
 */

/**
 * @param {object} props
 * @param {string} props.id prefix for the heading's id
 * @param {string} props.titleKey
 * @param {string} props.intro the intro's text
 * @param {boolean} [props.back] link back to /admin (default true)
 * @param {...any} children the screen's own content
 * @returns {AdminPage}
 */
export function adminPage({ id, titleKey, intro, back = true }, ...children) {
  const status = h("p", { class: "admin-page__status", role: "status", "aria-live": "polite" });
  const alert = h("p", { class: "admin-page__alert", role: "alert" });
  const element = h("section", { class: `admin-page ${id}`, "aria-labelledby": `${id}-title` },
    back ? h("p", { class: "admin-page__back" }, h("a", { href: "/admin", text: t("admin.back") })) : null,
    h("h1", { id: `${id}-title`, text: t(titleKey) }),
    h("p", { class: "admin-page__intro", text: intro }),
    status, alert, ...children);
  return {
    element,
    say(text) {
      alert.textContent = "";
      status.textContent = text;
    },
    warn(text) {
      status.textContent = "";
      alert.textContent = text;
    },
    refuse(error) {
      if (!(error instanceof ApiError)) throw error;
      status.textContent = "";
      alert.textContent = errorText(error);
    },
    busy(busy) {
      if (busy) element.setAttribute("aria-busy", "true");
      else element.removeAttribute("aria-busy");
    },
  };
}
