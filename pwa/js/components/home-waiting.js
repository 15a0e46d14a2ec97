/**
 * "Väntar på dig": counts of what waits on this person, each a link to where they answer it.
 */
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { homeSection, note, placeholder } from "./home-section.js";

/**
 * @typedef {object} Waiting
 * @property {number} unread unread notifications
 * @property {number} approve requests to this person's unit (or municipality) that wait for an answer
 * @property {number} toReturn own bookings whose next step is to bring the thing back
 * @property {number} matches listings found for this person's open wants
 */

/**
 * @param {Promise<Waiting>} counts
 * @returns {HTMLElement}
 */
export function homeWaiting(counts) {
  return homeSection({
    id: "home-waiting", title: t("home.waiting_title"), data: counts, modifier: "waiting",
    skeleton: () => [placeholder("row")],
    render: (count) => {
      const rows = [
        ["/notiser", "home.waiting_unread", count.unread],
        ["/att-godkanna", "home.waiting_approve", count.approve],
        ["/bokningar", "home.waiting_return", count.toReturn],
        ["/efterlysningar", "home.waiting_matches", count.matches],
      ].filter(([, , n]) => Number(n) > 0);
      if (!rows.length) return note(t("home.waiting_none"));
      return h("ul", { class: "home-waiting__list" }, rows.map(([href, key, n]) =>
        h("li", {}, h("a", { class: "home-waiting__link", href: String(href) },
          h("span", { class: "home-waiting__count", text: String(n) }), " ",
          h("span", { class: "home-waiting__text", text: t(String(key), { count: Number(n) }) })))));
    },
  });
}
