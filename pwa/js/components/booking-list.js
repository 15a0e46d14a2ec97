/**
 * Bookings with their status, what happens next and the steps this user may take: cards on a
 * phone, a table at desk width where rows are compared. "mine" lists the user's own requests;
 * "queue" lists what their unit (or, for coordinators, the municipality) must answer.
 */
import { h } from "../dom.js";
import { errorText, getLanguage, t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { bookingFacts } from "./booking-facts.js";

const NEEDS_REASON = new Set(["decline", "cancel"]);
/** Where the sidebar appears (app-nav.css): from there the list is a table. */
const DESK = "(min-width: 64rem)";

/**
 * @param {object} props
 * @param {"mine" | "queue"} props.view
 * @returns {HTMLElement}
 */
export function bookingList({ view }) {
  const status = h("p", { class: "booking-list__status", role: "status", "aria-live": "polite" });
  const body = h("div", { class: "booking-list__body" });
  const titleKey = view === "mine" ? "bookings.mine_title" : "bookings.queue_title";
  const section = h(
    "section",
    { class: "booking-list", "aria-labelledby": "booking-list-title" },
    h("h1", { id: "booking-list-title", text: t(titleKey) }),
    status,
    body,
  );
  const desk = matchMedia(DESK);
  /** @type {any[]} */
  let rows = [];

  function render() {
    if (!rows.length) body.replaceChildren();
    else if (desk.matches) body.replaceChildren(table(rows, view, act));
    else body.replaceChildren(h("ul", { class: "booking-list__list" }, rows.map((row) => card(row, act))));
  }

  async function load() {
    section.setAttribute("aria-busy", "true");
    try {
      const query = view === "mine" ? "view=mine" : "view=queue&status=open";
      rows = await api(`/api/bookings?${query}`);
      render();
      if (!rows.length) status.textContent = t(view === "mine" ? "bookings.none_mine" : "bookings.none_queue");
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status.textContent = errorText(error);
    } finally {
      section.removeAttribute("aria-busy");
    }
  }

  const onWidth = () => {
    if (!section.isConnected) desk.removeEventListener("change", onWidth);
    else render();
  };
  desk.addEventListener("change", onWidth);
  queueMicrotask(load);
  return section;

  /** @param {any} booking @param {string} action @param {string} reason */
  function act(booking, action, reason) {
    return takeStep(booking, action, reason, status, load);
  }
}

/**
 * Take one step on a booking (approve, decline …), say how it went in `status`, then reload.
 * @param {any} booking @param {string} action @param {string} reason
 * @param {HTMLElement} status @param {() => Promise<void>} reload
 */
export async function takeStep(booking, action, reason, status, reload) {
  try {
    const body = NEEDS_REASON.has(action) ? { reason } : {};
    await api(`/api/bookings/${booking.id}/${action}`, { method: "POST", body });
    status.textContent = t(`bookings.done_${action}`);
    await reload();
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    status.textContent = errorText(error);
  }
}

/**
 * This user's steps on a booking: its buttons, and the reason field when a step needs one.
 * @param {any} booking @param {(b: any, action: string, reason: string) => Promise<void>} act
 * @param {string} reasonId
 */
function controls(booking, act, reasonId) {
  const error = h("p", { id: `${reasonId}-error`, class: "booking-list__error", hidden: true });
  const reason = h("input", { type: "text", id: reasonId, maxlength: "500" });
  // Decline (a request) and cancel (an approved booking) are never offered together; the label names the one.
  const saysNo = booking.actions.find((/** @type {string} */ a) => NEEDS_REASON.has(a));
  const needsReason = Boolean(saysNo);
  reason.addEventListener("input", () => {
    if (!reason.value.trim()) return;
    reason.removeAttribute("aria-invalid");
    reason.removeAttribute("aria-describedby");
    error.hidden = true;
  });
  const buttons = booking.actions.map((/** @type {string} */ action) => {
    const button = h("button", { type: "button", text: t(`bookings.action_${action}`),
                                 class: `button ${action === "approve" ? "button--primary" : "button--secondary"}` });
    let busy = false;
    button.addEventListener("click", async () => {
      if (busy) return;
      if (NEEDS_REASON.has(action) && !reason.value.trim()) {
        error.textContent = t(`bookings.reason_needed_${action}`);
        error.hidden = false;
        reason.setAttribute("aria-invalid", "true");
        reason.setAttribute("aria-describedby", error.id);
        reason.focus();
        return;
      }
      busy = true;
      button.setAttribute("aria-disabled", "true");
      await act(booking, action, reason.value.trim());
      busy = false;
      button.removeAttribute("aria-disabled");
    });
    return button;
  });
  return [
    needsReason ? h("div", { class: "booking-list__reason" },
      h("label", { for: reasonId, text: t(`bookings.reason_${saysNo}`) }), reason, error) : null,
    buttons.length ? h("div", { class: "booking-list__actions" }, buttons) : null,
  ];
}

/** @param {any} party @param {any} unit @param {any} municipality */
const who = (party, unit, municipality) => `${party ? `${party.name}, ` : ""}${unit.name} (${municipality.name})`;

/**
 * One booking as a card: status, period, who, the next step and this user's buttons. In a list
 * its title links to the booking's own page.
 * @param {any} booking @param {(b: any, action: string, reason: string) => Promise<void>} act
 * @param {{link?: boolean}} options
 */
export function card(booking, act, { link = true } = {}) {
  const headingId = `booking-${booking.id}`;
  return h("li", { class: `booking-list__item booking-list__item--${booking.status}` },
    h("article", { "aria-labelledby": headingId },
      h("h2", { id: headingId, class: "booking-list__title" },
        link ? h("a", { href: `/bokningar/${booking.id}`, text: booking.listing.title }) : booking.listing.title),
      h("p", { class: "booking-list__status-line" },
        h("span", { class: "booking-list__badge", text: t(`bookings.status_${booking.status}`) }),
        " ", period(booking)),
      h("p", { class: "booking-list__who", text: t("bookings.between", {
        requester: who(booking.requester, booking.requester_unit, booking.requester_municipality),
        owner: who(null, booking.owner_unit, booking.owner_municipality) }) }),
      bookingFacts(booking),
      h("p", { class: "booking-list__next", text: t(`bookings.next_${booking.next_step}`) }),
      controls(booking, act, `${headingId}-reason`),
      h("a", { href: `/api/bookings/${booking.id}/ics`, download: "", text: t("bookings.ics") })));
}

/**
 * The bookings as one table, a row each, to compare at desk width: what, when, with whom, the
 * status and next step, and this user's steps. Each row is named by its listing's title.
 * @param {any[]} bookings @param {"mine" | "queue"} view
 * @param {(b: any, action: string, reason: string) => Promise<void>} act
 */
function table(bookings, view, act) {
  const column = (/** @type {string} */ key) => h("th", { scope: "col", text: t(key) });
  return h("div", { class: "booking-list__scroll" }, h("table", { class: "booking-list__table", "aria-labelledby": "booking-list-title" },
    h("thead", {}, h("tr", {},
      column("bookings.col_item"), column("bookings.col_when"),
      column(view === "mine" ? "bookings.col_owner" : "bookings.col_requester"),
      column("bookings.col_status"), column("bookings.col_actions"))),
    h("tbody", {}, bookings.map((booking) => {
      const id = `booking-${booking.id}`;
      const party = view === "mine" ? who(null, booking.owner_unit, booking.owner_municipality)
        : who(booking.requester, booking.requester_unit, booking.requester_municipality);
      return h("tr", { class: `booking-list__row booking-list__item--${booking.status}`, "aria-labelledby": id },
        h("th", { scope: "row", class: "booking-list__cell-title" },
          h("a", { id, href: `/bokningar/${booking.id}`, text: booking.listing.title }), bookingFacts(booking)),
        h("td", {}, h("span", { class: "booking-list__period" }, period(booking)),
          h("a", { class: "booking-list__ics", href: `/api/bookings/${booking.id}/ics`, download: "",
                   text: t("bookings.ics_short") })),
        h("td", { text: party }),
        h("td", {}, h("span", { class: "booking-list__badge", text: t(`bookings.status_${booking.status}`) }),
          h("span", { class: "booking-list__next", text: t(`bookings.next_${booking.next_step}`) })),
        h("td", { class: "booking-list__cell-actions" }, controls(booking, act, `${id}-reason`)));
    }))));
}

/**
 * A booking's time as the person entered it: a service's window, or the first day and the return
 * day (the API's `end`: the day the thing comes back, shown as it is, never a day earlier).
 * @param {any} booking
 */
export function period(booking) {
  const locale = getLanguage() === "en" ? "en-GB" : "sv-SE";
  const format = new Intl.DateTimeFormat(locale, { dateStyle: "medium" });
  if (booking.window) {
    const zone = { timeZone: "Europe/Stockholm" };
    const time = new Intl.DateTimeFormat(locale, { timeStyle: "short", ...zone });
    return t("bookings.window", {
      day: new Intl.DateTimeFormat(locale, { dateStyle: "medium", ...zone }).format(new Date(booking.window.starts_at)),
      start: time.format(new Date(booking.window.starts_at)), end: time.format(new Date(booking.window.ends_at)) });
  }
  const start = format.format(new Date(`${booking.start}T12:00:00`));
  if (!booking.end) return t("bookings.from", { start });
  return t("bookings.period", { start, end: format.format(new Date(`${booking.end}T12:00:00`)) });
}
