/**
 * "Dina förfrågningar och bokningar": my open requests and bookings, each with its next step.
 */
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { period } from "./booking-list.js";
import { homeSection, moreLink, note, placeholder } from "./home-section.js";

const OPEN = new Set(["requested", "approved", "fulfilled", "returned"]);
const SHOWN = 5;

/**
 * @param {any[]} bookings my bookings (BookingRead)
 * @returns {any[]} the open ones, soonest first
 */
export function openBookings(bookings) {
  return bookings.filter((booking) => OPEN.has(booking.status))
    .sort((a, b) => String(a.start).localeCompare(String(b.start)));
}

/**
 * @param {Promise<any[]>} mine
 * @returns {HTMLElement}
 */
export function homeBookings(mine) {
  return homeSection({
    id: "home-bookings", title: t("home.bookings_title"), data: mine, modifier: "list",
    skeleton: () => [placeholder("row"), placeholder("row")],
    render: (bookings) => {
      const open = openBookings(bookings);
      if (!open.length) return [note(t("home.bookings_none")), moreLink("/bokningar", t("home.bookings_all"))];
      return [
        h("ul", { class: "home-bookings__list" }, open.slice(0, SHOWN).map(row)),
        moreLink("/bokningar", t("home.bookings_all")),
      ];
    },
  });
}

/** @param {any} booking */
function row(booking) {
  return h("li", { class: "home-bookings__item" },
    h("a", { class: "home-bookings__link", href: `/bokningar/${booking.id}`, text: booking.listing.title }),
    h("p", { class: "home-bookings__status" },
      h("span", { class: "booking-list__badge", text: t(`bookings.status_${booking.status}`) }), " ", period(booking)),
    h("p", { class: "home-bookings__next", text: t(`bookings.next_${booking.next_step}`) }));
}
