/**
 * What deciding on a booking needs, in one place on its card: a photo of the thing, how many, for
 * which unit, where and to whom it goes, the requester's message, what it costs (price and
 * transport) and whether it replaces a purchase. The server sends `quote` only to the owner side
 * (the queue to answer, and one booking read by its owners).
 */
import { h } from "../dom.js";
import { getLanguage, t } from "../i18n.js";
import { money } from "./listing-card.js";

/**
 * @param {any} booking a BookingRead with its quote
 * @returns {HTMLElement | null} nothing when the booking carries no quote (the requester's own list)
 */
export function bookingFacts(booking) {
  const quote = booking.quote;
  if (!quote) return null;
  const rows = [
    [t("facts.quantity"), t("facts.pieces", { count: booking.quantity })],
    [t("facts.unit"), `${booking.requester_unit.name} (${booking.requester_municipality.name})`],
    [t("facts.delivery"), delivery(booking)],
    booking.recipient_name || booking.recipient_phone
      ? [t("facts.recipient"), [booking.recipient_name, booking.recipient_phone].filter(Boolean).join(", ")] : null,
    booking.note ? [t("facts.note"), booking.note] : null,
    [t("facts.price"), quote.price_ore ? money(quote.price_ore) : t("facts.free")],
    [t("facts.transport"), quote.trips ? t("facts.trips", { amount: money(quote.transport_ore), count: quote.trips })
      : t("facts.no_transport")],
    [t("facts.replaces"), t(booking.displaces_purchase ? "facts.yes" : "facts.no")],
  ].filter((row) => row !== null);
  return h("div", { class: "booking-facts" },
    quote.photo_url ? h("img", { class: "booking-facts__photo", src: quote.photo_url, alt: booking.listing.title,
                                 width: "96", height: "96", loading: "lazy" }) : null,
    h("dl", { class: "booking-facts__list", "aria-label": t("facts.title") },
      rows.map(([term, value]) => h("div", { class: "booking-facts__row" },
        h("dt", { text: term }), h("dd", { text: value })))));
}

/** Where it goes: the address and room, the wanted day and part of the day; or picked up. @param {any} booking */
function delivery(booking) {
  if (!booking.delivery_address) return t("facts.pickup");
  const day = booking.wanted_date ? t("facts.wanted", { day: new Intl.DateTimeFormat(
    getLanguage() === "en" ? "en-GB" : "sv-SE", { dateStyle: "medium" }).format(new Date(`${booking.wanted_date}T12:00:00`)) })
    : null;
  const window = booking.delivery_window ? t(`book.window_${booking.delivery_window}`) : null;
  return [booking.delivery_address, booking.delivery_room, day, window].filter(Boolean).join(", ");
}
