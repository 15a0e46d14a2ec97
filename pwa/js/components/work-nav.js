/**
 * The ways to the AME lead's and the reporter's screens, and to the purchase check.
 */
import { h } from "../dom.js";
import { t } from "../i18n.js";

const COORDINATORS = ["coordinator", "admin"];
const REPORTERS = ["reporter", "coordinator", "admin"];
const CHECKERS = ["employee", "warehouse", "driver", "coordinator", "admin"];

/**
 * @param {{roles: string[]}} user
 * @returns {HTMLElement | null} nothing when none of the screens are the user's
 */
export function workNav(user) {
  const has = (/** @type {string[]} */ roles) => user.roles?.some((role) => roles.includes(role));
  const link = (/** @type {string} */ href, /** @type {string} */ key) =>
    h("li", {}, h("a", { class: "button button--secondary work-nav__link", href, text: t(key) }));
  const links = [
    has(COORDINATORS) && link("/arbetsko", "work.queue_link"),
    has(COORDINATORS) && link("/fakturaunderlag", "invoice.link"),
    has(REPORTERS) && link("/rapport", "report.link"),
    has(CHECKERS) && link("/inkopskontroll", "check.link"),
  ].filter(Boolean);
  if (!links.length) return null;
  return h("nav", { class: "work-nav", "aria-label": t("work.nav") }, h("ul", { class: "work-nav__list" }, links));
}
