/**
 * Request or book a listing: a month grid of free items per day (so people see what is free
 * before asking), then dates or a time window, quantity, delivery and the purchase question.
 */
import { h } from "../dom.js";
import { errorText, getLanguage, t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { money } from "./listing-card.js";

const DAYS = 56;

/**
 * @param {object} props
 * @param {string} props.listingId
 * @param {(path: string) => void} props.navigate
 * @returns {HTMLElement}
 */
export function bookingForm({ listingId, navigate }) {
  const status = h("p", { class: "booking-form__status", role: "status", "aria-live": "polite" });
  const body = h("div", { class: "booking-form__body" });
  const view = h(
    "section",
    { class: "booking-form", "aria-labelledby": "booking-form-title" },
    h("h1", { id: "booking-form-title", text: t("book.title") }),
    body,
    // Below the form, next to the button, so a refusal is seen where the user pressed.
    status,
  );
  queueMicrotask(async () => {
    view.setAttribute("aria-busy", "true");
    try {
      const free = await api(`/api/listings/${encodeURIComponent(listingId)}/availability?end=${isoDay(DAYS)}`);
      body.replaceChildren(form(free, status, navigate));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status.textContent = error.status === 404 ? t("book.not_found") : errorText(error);
    } finally {
      view.removeAttribute("aria-busy");
    }
  });
  return view;
}

/** @param {any} free an AvailabilityRead @param {HTMLElement} status @param {(p: string) => void} navigate */
function form(free, status, navigate) {
  const loan = free.deal === "lend" || free.deal === "rent";
  // Reached from a purchase check's hit: the booking decides that check (and displaces a purchase).
  const check = new URLSearchParams(location.search).get("inkopskontroll");
  const service = free.kind === "service" || free.kind === "staffing";
  const fields = [];
  if (service) fields.push(windowChoice(free.windows));
  else {
    fields.push(calendarGrid(free.days, free.items.length));
    fields.push(field("book-start", loan ? t("book.start") : t("book.wanted_day"), { type: "date", name: "start",
                                                                                   min: isoDay(0), required: loan }));
    if (loan) fields.push(field("book-end", t("book.end"), { type: "date", name: "end", min: isoDay(1), required: true },
                                t("book.end_hint")));
  }
  fields.push(field("book-quantity", t("book.quantity"), { type: "number", name: "quantity", min: "1", value: "1",
                                                            inputmode: "numeric" }));
  if (!service) {
    fields.push(field("book-address", t("book.delivery"), { type: "text", name: "delivery_address",
                                                             autocomplete: "street-address" },
                        free.transport_fee_ore ? t("book.delivery_hint_fee", { fee: money(free.transport_fee_ore) })
                          : t("book.delivery_hint")));
  }
  fields.push(field("book-note", t("book.note"), { type: "text", name: "note", maxlength: "200" }));
  fields.push(check ? h("p", { class: "booking-form__hint", text: t("booking.from_check") })
    : h("div", { class: "booking-form__check" },
      h("input", { type: "checkbox", id: "book-displaces", name: "displaces_purchase" }),
      h("label", { for: "book-displaces", text: t("book.displaces") })));
  const submit = h("button", { type: "submit", class: "button button--primary", text: t("book.submit") });
  const element = h("form", { class: "booking-form__form", novalidate: true }, ...fields, submit);
  let busy = false;
  element.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    submit.setAttribute("aria-disabled", "true");
    status.textContent = t("book.sending");
    try {
      const body = request(element, free.listing_id);
      if (check) body.purchase_check_id = check;
      await api("/api/bookings", { method: "POST", body });
      navigate("/bokningar");
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status.textContent = errorText(error);
    } finally {
      busy = false;
      submit.removeAttribute("aria-disabled");
    }
  });
  return element;
}

/** @param {HTMLFormElement} element @param {string} listingId */
function request(element, listingId) {
  const data = new FormData(element);
  /** @type {Record<string, any>} */
  const body = { id: crypto.randomUUID(), listing_id: listingId, quantity: Number(data.get("quantity") || 1),
                 displaces_purchase: data.get("displaces_purchase") === "on" };
  for (const name of ["start", "end", "window_id", "note", "delivery_address"]) {
    const value = String(data.get(name) ?? "").trim();
    if (value) body[name] = value;
  }
  return body;
}

/** @param {{date: string, free: number}[]} days @param {number} total */
function calendarGrid(days, total) {
  const format = new Intl.DateTimeFormat(getLanguage() === "en" ? "en-GB" : "sv-SE",
                                         { weekday: "short", day: "numeric", month: "short" });
  return h("section", { class: "booking-form__calendar", "aria-labelledby": "book-calendar-title" },
    h("h2", { id: "book-calendar-title", text: t("book.calendar") }),
    // The list scrolls inside its box: it takes keyboard focus so every day can be reached (WCAG 2.1.1).
    h("ol", { class: "booking-form__days", tabindex: "0", "aria-labelledby": "book-calendar-title" },
      days.map((day) => {
      const label = format.format(new Date(`${day.date}T12:00:00`));
      const state = day.free === 0 ? "busy" : day.free < total ? "some" : "free";
      return h("li", { class: `booking-form__day booking-form__day--${state}` },
        h("span", { class: "booking-form__date", text: label }),
        h("span", { class: "booking-form__free", text: day.free === 0 ? t("book.day_busy")
                                                       : t("book.day_free", { count: day.free }) }));
      })));
}

/** @param {any[]} windows */
function windowChoice(windows) {
  if (!windows.length) return h("p", { text: t("book.no_windows") });
  const locale = getLanguage() === "en" ? "en-GB" : "sv-SE";
  const day = new Intl.DateTimeFormat(locale, { weekday: "short", day: "numeric", month: "short",
                                                timeZone: "Europe/Stockholm" });
  const time = new Intl.DateTimeFormat("sv-SE", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Stockholm" });
  // The first free time is chosen; a full one is shown but cannot be picked.
  const first = windows.findIndex((w) => w.remaining > 0);
  return h("fieldset", { class: "booking-form__windows" }, h("legend", { text: t("book.window") }),
    windows.map((w, index) => h("div", { class: "booking-form__check" },
      h("input", { type: "radio", name: "window_id", id: `book-window-${index}`, value: w.id,
                   disabled: w.remaining === 0, checked: index === first }),
      h("label", { for: `book-window-${index}`,
                   text: `${day.format(new Date(w.starts_at))} ${time.format(new Date(w.starts_at))}–` +
                         `${time.format(new Date(w.ends_at))} · ${t("book.places_left", { count: w.remaining })}` }))));
}

/** @param {string} id @param {string} label @param {Record<string, any>} attrs @param {string} [hint] */
function field(id, label, attrs, hint) {
  return h("div", { class: "booking-form__field" },
    h("label", { for: id, text: label }),
    hint ? h("p", { class: "booking-form__hint", id: `${id}-hint`, text: hint }) : null,
    h("input", { id, ...attrs, "aria-describedby": hint ? `${id}-hint` : null }));
}

/** @param {number} offset days from today @returns {string} YYYY-MM-DD in Swedish time */
export function isoDay(offset) {
  const day = new Date(Date.now() + offset * 86400000);
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(day);
}
