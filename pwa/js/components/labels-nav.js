/**
 * The way to printing labels and linking pre-printed ones, for warehouse staff and their leads.
 */
import { h } from "../dom.js";
import { t } from "../i18n.js";

export const LABEL_ROLES = ["warehouse", "coordinator", "admin"];

/**
 * @param {{roles: string[]}} user
 * @returns {HTMLElement | null} nothing for people who do not handle labels
 */
export function labelsNav(user) {
  if (!user.roles?.some((role) => LABEL_ROLES.includes(role))) return null;
  const link = (/** @type {string} */ href, /** @type {string} */ key) =>
    h("li", {}, h("a", { class: "button button--secondary labels-nav__link", href, text: t(key) }));
  return h(
    "nav",
    { class: "labels-nav", "aria-label": t("home.labels") },
    h("ul", { class: "labels-nav__list" }, link("/skriv-ut", "home.print"), link("/koppla", "home.link")),
  );
}
