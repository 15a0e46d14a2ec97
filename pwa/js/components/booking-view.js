/**
 * One booking (/bokningar/:id), where booking notifications lead: its card with the steps this
 * user may take, where it is delivered, what it has been charged, and everything that happened.
 */
import { h, replaceChildren } from "../dom.js";
import { errorText, getLanguage, t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { card, takeStep } from "./booking-list.js";
import { money } from "./listing-card.js";
import { signedFor } from "./receipt-view.js";
import { subjectConversation } from "./subject-conversation.js";

/**
 * @param {object} props
 * @param {string} props.bookingId
 * @returns {HTMLElement}
 */
export function bookingView({ bookingId }) {
  const id = encodeURIComponent(bookingId);
  const status = h("p", { class: "booking-view__status", role: "status", "aria-live": "polite" });
  const body = h("div", { class: "booking-view__body" });
  const back = h("p", {}, h("a", { href: "/bokningar", text: t("booking.back") }));
  const section = h("section", { class: "booking-view", "aria-labelledby": "booking-view-title" },
    h("h1", { id: "booking-view-title", text: t("booking.title") }), status, body, back);

  /** @type {HTMLElement | null} */
  let talk = null;

  async function load() {
    section.setAttribute("aria-busy", "true");
    try {
      const [booking, charges] = await Promise.all([api(`/api/bookings/${id}`), api(`/api/bookings/${id}/charges`)]);
      const act = (/** @type {any} */ b, /** @type {string} */ action, /** @type {string} */ reason) =>
        takeStep(b, action, reason, status, load);
      // dom.js's replaceChildren skips a missing part; the DOM's would show it as the text "null".
      replaceChildren(body, h("ul", { class: "booking-list__list" }, card(booking, act, { link: false })),
                      details(booking), receipt(booking.transport?.proof), chargeList(charges),
                      history(booking.events));
      // Made once, so a step taken on the card does not lose a message being written.
      if (!talk) {
        talk = subjectConversation({ kind: "booking", subjectId: bookingId });
        body.after(talk);
      }
      if (booking.actions.includes("approve")) {
        back.replaceChildren(h("a", { href: "/att-godkanna", text: t("booking.back_queue") }));
      }
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status.textContent = error.status === 404 ? t("booking.not_found") : errorText(error);
    } finally {
      section.removeAttribute("aria-busy");
    }
  }

  queueMicrotask(load);
  return section;
}

/** @param {any} booking */
function details(booking) {
  // The owner side reads the address, recipient and message in the card's facts (booking-facts.js).
  const inCard = Boolean(booking.quote);
  const lines = [
    booking.delivery_address && !inCard ? t("booking.delivery_to", { address: [booking.delivery_address,
      booking.delivery_room].filter(Boolean).join(", ") }) : null,
    (booking.recipient_name || booking.recipient_phone) && !inCard ? t("booking.delivery_details", {
      who: [booking.recipient_name, booking.recipient_phone].filter(Boolean).join(", ") }) : null,
    booking.transport ? transportText(booking.transport) : null,
    booking.transport?.return_date ? t("booking.return_trip", { day: mediumDay(booking.transport.return_date) }) : null,
    booking.note && !inCard ? t("booking.note", { note: booking.note }) : null,
  ].filter(Boolean);
  return lines.length ? h("div", { class: "booking-view__details" }, lines.map((text) => h("p", { text }))) : null;
}

/** The recipient's receipt, once the delivery is signed for. @param {any} proof */
function receipt(proof) {
  if (!proof) return null;
  return h("section", { class: "booking-view__part", "aria-labelledby": "booking-receipt",
                        "data-testid": "booking-receipt" },
    h("h2", { id: "booking-receipt", text: t("proof.title") }), ...signedFor(proof));
}

/** @param {string} iso */
function mediumDay(iso) {
  return new Intl.DateTimeFormat(getLanguage() === "en" ? "en-GB" : "sv-SE", { dateStyle: "medium" })
    .format(new Date(`${iso}T12:00:00`));
}

/** Where the delivery stands, with its day once a driver has one. @param {any} transport */
function transportText(transport) {
  const format = new Intl.DateTimeFormat(getLanguage() === "en" ? "en-GB" : "sv-SE", { dateStyle: "medium" });
  const day = (/** @type {string | null} */ iso) => (iso ? format.format(new Date(`${iso}T12:00:00`)) : "–");
  return t(`booking.transport_${transport.status}`, { day: day(transport.day), wanted: day(transport.wanted_date) });
}

/** @param {any[]} charges */
function chargeList(charges) {
  return h("section", { class: "booking-view__part", "aria-labelledby": "booking-charges" },
    h("h2", { id: "booking-charges", text: t("booking.charges") }),
    charges.length
      ? h("ul", { class: "booking-view__charges" }, charges.map((c) => h("li", { text: t("booking.charge_line", {
        description: c.description, amount: money(c.amount_ore), payer: c.payer_unit.name,
        payee: c.payee_unit.name }) })))
      : h("p", { text: t("booking.no_charges") }));
}

/** @param {any[]} events oldest first */
function history(events) {
  const format = new Intl.DateTimeFormat(getLanguage() === "en" ? "en-GB" : "sv-SE",
                                         { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Stockholm" });
  return h("section", { class: "booking-view__part", "aria-labelledby": "booking-history" },
    h("h2", { id: "booking-history", text: t("booking.history") }),
    h("ol", { class: "booking-view__history" }, events.map((event) => {
      const action = t(`booking.event_${event.action}`);
      const what = event.actor ? t("booking.by", { action, actor: event.actor.name }) : action;
      return h("li", {},
        h("time", { datetime: event.at, text: format.format(new Date(event.at)) }), " ",
        what + (event.reason ? `: ${event.reason}` : ""));
    })));
}
