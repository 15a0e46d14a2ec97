/**
 * The way to the admin's screens from the start page. Only admins see it; the server still
 * refuses anyone else on those screens.
 */
import { h } from "../dom.js";
import { t } from "../i18n.js";

/**
 * @param {{roles: string[]}} user
 * @returns {HTMLElement | null} nothing for people who are not admins
 */
export function adminNav(user) {
  if (!user.roles?.includes("admin")) return null;
  const link = (/** @type {string} */ href, /** @type {string} */ key) =>
    h("li", {}, h("a", { class: "button button--secondary admin-nav__link", href, text: t(key) }));
  return h("nav", { class: "admin-nav", "aria-label": t("admin.title") },
    h("ul", { class: "admin-nav__list" },
      link("/admin", "admin.overview_link"),
      link("/admin/anvandare", "admin.users_title"),
      link("/admin/enheter", "admin.units_title"),
      link("/admin/samverkan", "admin.networks_title")));
}
