/**
 * The way into the field screens for drivers and warehouse staff, with the outbox counter.
 */
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { outboxStatus } from "./outbox-status.js";

export const FIELD_ROLES = ["driver", "warehouse", "admin"];

/**
 * @param {{roles: string[]}} user
 * @returns {HTMLElement | null} nothing for people who do not work in the field
 */
export function fieldNav(user) {
  if (!user.roles?.some((role) => FIELD_ROLES.includes(role))) return null;
  const link = (/** @type {string} */ href, /** @type {string} */ key) =>
    h("li", {}, h("a", { class: "button button--primary field-nav__link", href, text: t(key) }));
  return h(
    "nav",
    { class: "field-nav", "aria-label": t("field.nav") },
    h("ul", { class: "field-nav__list" }, link("/skanna", "field.scan"), link("/dagen", "field.day")),
    outboxStatus(),
  );
}
