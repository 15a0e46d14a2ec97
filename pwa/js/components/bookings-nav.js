/**
 * The way into bookings from the start page: my bookings for everyone, the approval queue,
 * transport planning for coordinators and the day list (the field app's screen) for drivers.
 */
import { h } from "../dom.js";
import { t } from "../i18n.js";

/**
 * @param {{roles: string[]}} user
 * @returns {HTMLElement}
 */
export function bookingsNav(user) {
  const roles = user.roles ?? [];
  const link = (/** @type {string} */ href, /** @type {string} */ key) =>
    h("li", {}, h("a", { class: "bookings-nav__link", href, text: t(key) }));
  return h("nav", { class: "bookings-nav", "aria-label": t("bookings.nav") },
    h("ul", { class: "bookings-nav__list" },
      link("/bokningar", "bookings.mine_title"),
      link("/att-godkanna", "bookings.queue_title"),
      roles.includes("coordinator") ? link("/transporter", "jobs.title") : null,
      roles.includes("driver") ? link("/dagen", "jobs.my_day") : null));
}
