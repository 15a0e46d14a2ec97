/**
 * Request or book a listing in one pass: the item on top, a month calendar to tap the first day
 * and the return day (or a time window of a service), delivery details, and what it will cost,
 * price and transport summed, before the request is sent. Errors mark their field.
 */
import { h, replaceChildren } from "../dom.js";
import { errorText, getLanguage, t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { money } from "./listing-card.js";
import { dealLine } from "./listing-details.js";
import { addDays, isoDay, monthCalendar } from "./month-calendar.js";
import { bookingField, deliveryFields } from "./booking-fields.js";

const DAYS = 91;
// Which field a refusal from the server belongs to.
const FIELD_OF_ERROR = /** @type {Record<string, string>} */ ({
  period_required: "book-end", end_before_start: "book-end", in_the_past: "book-start", not_available: "book-start",
  own_overlap: "book-start", too_long: "book-end", too_far_ahead: "book-start", not_yet_available: "book-start",
  after_available_until: "book-end", no_end_date: "book-start", address_required: "book-address",
  delivery_before_start: "book-delivery-date", delivery_after_end: "book-delivery-date",
  window_required: "book-window", window_full: "book-window",
});

/**
 * @param {object} props
 * @param {string} props.listingId
 * @param {(path: string) => void} props.navigate
 * @returns {HTMLElement}
 */
export function bookingForm({ listingId, navigate }) {
  const status = h("p", { class: "booking-form__status", role: "status", "aria-live": "polite" });
  const item = h("div", { class: "booking-form__item" });
  const body = h("div", { class: "booking-form__body" });
  const view = h(
    "section",
    { class: "booking-form", "aria-labelledby": "booking-form-title" },
    h("h1", { id: "booking-form-title", text: t("book.title") }),
    item,
    body,
    // Below the form, next to the button, so a refusal is seen where the user pressed.
    status,
  );
  queueMicrotask(async () => {
    view.setAttribute("aria-busy", "true");
    const id = encodeURIComponent(listingId);
    try {
      const [listing, free] = await Promise.all([
        api(`/api/listings/${id}`), api(`/api/listings/${id}/availability?end=${isoDay(DAYS)}`)]);
      replaceChildren(item, ...itemCard(listing));
      body.replaceChildren(form(free, listing, status, navigate));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status.textContent = error.status === 404 ? t("book.not_found") : errorText(error);
    } finally {
      view.removeAttribute("aria-busy");
    }
  });
  return view;
}

/** The item being booked: its first photo, its title and its deal. @param {any} listing */
function itemCard(listing) {
  const photo = listing.photos?.[0];
  return [
    photo ? h("img", { class: "booking-form__thumb", src: photo.thumb_url, alt: "", width: "96", height: "96" })
      : h("span", { class: "booking-form__thumb booking-form__thumb--none", "aria-hidden": "true" }),
    h("div", { class: "booking-form__what" },
      h("p", { class: "booking-form__label", text: t("book.item") }),
      h("p", { class: "booking-form__name" }, h("a", { href: `/annons/${listing.id}`, text: listing.title })),
      h("p", { class: "booking-form__deal", text: dealLine(listing) })),
  ];
}

/**
 * @param {any} free an AvailabilityRead @param {any} listing a ListingRead
 * @param {HTMLElement} status @param {(p: string) => void} navigate
 */
function form(free, listing, status, navigate) {
  const loan = free.deal === "lend" || free.deal === "rent";
  // Reached from a purchase check's hit: the booking decides that check (and displaces a purchase).
  const check = new URLSearchParams(location.search).get("inkopskontroll");
  const service = free.kind === "service" || free.kind === "staffing";
  const quantity = bookingField("book-quantity", t("book.quantity"), { type: "number", name: "quantity", min: "1",
                                                                     value: "1", inputmode: "numeric" });
  const fields = /** @type {Record<string, ReturnType<typeof bookingField>>} */ ({ "book-quantity": quantity });
  const parts = [];
  const summary = h("div", { class: "booking-form__summary", "aria-live": "polite" });
  /** @type {ReturnType<typeof deliveryFields> | null} */
  let delivery = null;
  let windows = null;
  if (service) {
    windows = windowChoice(free.windows);
    parts.push(windows);
  } else {
    const start = bookingField("book-start", loan ? t("book.start") : t("book.wanted_day"),
                               { type: "date", name: "start", min: isoDay(0), required: loan });
    const end = loan ? bookingField("book-end", t("book.end"), { type: "date", name: "end", min: isoDay(1),
                                                                  required: true }, t("book.end_hint")) : null;
    fields["book-start"] = start;
    if (end) fields["book-end"] = end;
    const picked = h("p", { class: "booking-form__picked", "aria-live": "polite",
                            text: loan ? t("book.pick_start") : "" });
    const calendar = monthCalendar({
      days: free.days, total: free.items.length, mode: loan ? "range" : "day", label: t("book.calendar"),
      needed: () => Math.max(1, Number(quantity.input.value) || 1),
      onPick: (range) => {
        start.input.value = range.start;
        if (end) end.input.value = range.end;
        start.setError("");
        end?.setError("");
        pickedText();
        update();
      },
    });
    const pickedText = () => {
      const s = start.input.value, e = end?.input.value ?? "";
      if (!loan) picked.textContent = s ? t("book.picked_day", { day: dayText(s) }) : "";
      else if (!s) picked.textContent = t("book.pick_start");
      else if (!e) picked.textContent = t("book.pick_end");
      else picked.textContent = t("book.picked", { start: dayText(s), end: dayText(e) });
    };
    for (const input of [start.input, end?.input]) {
      input?.addEventListener("change", () => {
        calendar.set({ start: start.input.value, end: end?.input.value ?? "" });
        pickedText();
        update();
      });
    }
    parts.push(h("section", { class: "booking-form__calendar", "aria-labelledby": "book-calendar-title" },
      h("h2", { id: "book-calendar-title", text: t("book.calendar") }), calendar.element, picked),
    h("div", { class: "booking-form__dates" }, start.element, end?.element));
  }
  parts.push(quantity.element);
  if (!service) {
    delivery = deliveryFields(free.transport_fee_ore, loan);
    Object.assign(fields, delivery.fields);
    parts.push(delivery.element);
  }
  // A delivery's note reaches the driver's job card too: the person writing it is told so.
  const note = bookingField("book-note", t("book.note"), { type: "text", name: "note", maxlength: "200" },
    service ? undefined : t("book.note_hint"));
  parts.push(note.element);
  parts.push(check ? h("p", { class: "booking-form__hint", text: t("booking.from_check") })
    : h("div", { class: "booking-form__check" },
      h("input", { type: "checkbox", id: "book-displaces", name: "displaces_purchase" }),
      h("label", { for: "book-displaces", text: t("book.displaces") })));
  const submit = h("button", { type: "submit", class: "button button--primary", text: t("book.submit") });
  // Two columns at desk width: when (and how many) on the left, delivery and the sum on the right.
  const split = parts.indexOf(quantity.element) + 1;
  const element = h("form", { class: "booking-form__form", novalidate: true },
    h("div", { class: "booking-form__column" }, parts.slice(0, split)),
    h("div", { class: "booking-form__column" }, parts.slice(split), summary,
      h("div", { class: "booking-form__send" }, submit)));

  function update() {
    replaceChildren(summary, ...costs(listing, free, element, loan, service));
    // The delivery day lies within the period: from the first day, before the return day.
    const deliveryDay = delivery?.fields["book-delivery-date"].input;
    const start = fields["book-start"]?.input.value, end = fields["book-end"]?.input.value;
    if (deliveryDay) {
      deliveryDay.min = start || isoDay(0);
      if (end) deliveryDay.max = addDays(end, -1);
      else deliveryDay.removeAttribute("max");
    }
  }
  element.addEventListener("input", update);
  element.addEventListener("change", update);
  update();

  let busy = false;
  element.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (busy) return;
    for (const field of Object.values(fields)) field.setError("");
    windows?.classList.remove("booking-form__windows--invalid");
    const wrong = checkFields(fields, loan, service);
    if (wrong) {
      status.textContent = t("book.fix");
      wrong.focus();
      return;
    }
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
      const message = errorText(error);
      status.textContent = message;
      const field = fields[FIELD_OF_ERROR[error.code] ?? fieldOfDetail(error.detail)];
      if (field) field.setError(message);
      else if (FIELD_OF_ERROR[error.code] === "book-window") windows?.classList.add("booking-form__windows--invalid");
    } finally {
      busy = false;
      submit.removeAttribute("aria-disabled");
    }
  });
  return element;
}

/** A validation detail names the JSON field ("… ($.recipient_phone)"). @param {string} detail */
function fieldOfDetail(detail) {
  const names = /** @type {Record<string, string>} */ ({ recipient_phone: "book-phone", recipient_name: "book-recipient",
    delivery_room: "book-room", delivery_address: "book-address", quantity: "book-quantity", note: "book-note" });
  const found = Object.keys(names).find((name) => detail?.includes(`$.${name}`));
  return found ? names[found] : "";
}

/**
 * Check what the browser can before sending; mark the first wrong field.
 * @param {Record<string, any>} fields @param {boolean} loan @param {boolean} service
 * @returns {HTMLElement | null} the first field in error
 */
function checkFields(fields, loan, service) {
  /** @type {HTMLElement | null} */
  let first = null;
  /** @param {string} id @param {string} message */
  const wrong = (id, message) => {
    fields[id].setError(message);
    first ??= fields[id].input;
  };
  if (!service && loan) {
    if (!fields["book-start"].input.value) wrong("book-start", t("book.start_missing"));
    if (!fields["book-end"].input.value) wrong("book-end", t("book.end_missing"));
    else if (fields["book-start"].input.value && fields["book-end"].input.value <= fields["book-start"].input.value) {
      wrong("book-end", t("error.end_before_start"));
    }
  }
  const phone = fields["book-phone"]?.input.value.trim();
  if (phone && !/^\+?[0-9][0-9 ()-]{5,28}$/.test(phone)) wrong("book-phone", t("book.phone_invalid"));
  const address = fields["book-address"]?.input.value.trim();
  if (!service && !address) {
    for (const id of ["book-recipient", "book-phone", "book-room"]) {
      if (fields[id].input.value.trim()) wrong("book-address", t("book.delivery_needs_address"));
    }
  }
  return first;
}

/**
 * What it costs: the price for the period or time, and the transport (there and back for a loan).
 * @param {any} listing @param {any} free @param {HTMLFormElement} form @param {boolean} loan @param {boolean} service
 */
function costs(listing, free, form, loan, service) {
  const data = new FormData(form);
  const quantity = Math.max(1, Number(data.get("quantity")) || 1);
  let price = 0;
  let known = true;
  if (listing.price_ore && (listing.deal === "rent" || listing.deal === "sell")) {
    if (listing.deal === "sell") price = listing.price_ore * quantity;
    else if (service) {
      const chosen = free.windows.find((/** @type {any} */ w) => w.id === data.get("window_id"));
      const hours = chosen ? Math.max(1, Math.ceil((Date.parse(chosen.ends_at) - Date.parse(chosen.starts_at)) / 3600000))
        : 1;
      price = listing.price_ore * (listing.rent_period === "hour" ? hours : 1) * quantity;
      known = Boolean(chosen);
    } else {
      const start = String(data.get("start") || ""), end = String(data.get("end") || "");
      known = Boolean(start && end && end > start);
      const days = known ? Math.round((Date.parse(end) - Date.parse(start)) / 86400000) : 0;
      const per = ({ day: 1, week: 7, month: 30 })[/** @type {"day"} */ (listing.rent_period || "day")] ?? 1;
      price = listing.price_ore * Math.max(1, Math.ceil(days / per)) * quantity;
    }
  }
  const delivering = !service && String(data.get("delivery_address") || "").trim() !== "";
  const trips = delivering ? (loan ? 2 : 1) : 0;
  const transport = trips * (free.transport_fee_ore || 0);
  const rows = [[t("book.summary_price"), known ? (price ? money(price) : t("book.summary_free"))
                                                 : t("book.summary_unknown")]];
  if (trips) {
    rows.push([trips === 2 ? t("book.summary_transport_both", { fee: money(free.transport_fee_ore || 0) })
                 : t("book.summary_transport"), transport ? money(transport) : t("book.summary_free")]);
  }
  if (known) rows.push([t("book.summary_total"), price + transport ? money(price + transport) : t("book.summary_free")]);
  return [h("h2", { class: "booking-form__summary-title", text: t("book.summary") }),
    h("dl", { class: "booking-form__costs" }, rows.map(([name, value]) =>
      h("div", { class: "booking-form__cost" }, h("dt", { text: name }), h("dd", { text: value }))))];
}

/** @param {HTMLFormElement} element @param {string} listingId */
function request(element, listingId) {
  const data = new FormData(element);
  /** @type {Record<string, any>} */
  const body = { id: crypto.randomUUID(), listing_id: listingId, quantity: Number(data.get("quantity") || 1),
                 displaces_purchase: data.get("displaces_purchase") === "on" };
  for (const name of ["start", "end", "window_id", "note", "delivery_address", "wanted_date", "delivery_window",
                      "recipient_name", "recipient_phone", "delivery_room"]) {
    const value = String(data.get(name) ?? "").trim();
    if (value) body[name] = value;
  }
  if (!body.delivery_address) {
    for (const name of ["wanted_date", "delivery_window"]) delete body[name];
  }
  return body;
}

/** @param {any[]} windows */
function windowChoice(windows) {
  if (!windows.length) return h("p", { id: "book-window", text: t("book.no_windows") });
  const locale = getLanguage() === "en" ? "en-GB" : "sv-SE";
  const day = new Intl.DateTimeFormat(locale, { weekday: "short", day: "numeric", month: "short",
                                                timeZone: "Europe/Stockholm" });
  const time = new Intl.DateTimeFormat("sv-SE", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Stockholm" });
  // The first free time is chosen; a full one is shown but cannot be picked.
  const first = windows.findIndex((w) => w.remaining > 0);
  return h("fieldset", { class: "booking-form__windows", id: "book-window" }, h("legend", { text: t("book.window") }),
    windows.map((w, index) => h("div", { class: "booking-form__check" },
      h("input", { type: "radio", name: "window_id", id: `book-window-${index}`, value: w.id,
                   disabled: w.remaining === 0, checked: index === first }),
      h("label", { for: `book-window-${index}`,
                   text: `${day.format(new Date(w.starts_at))} ${time.format(new Date(w.starts_at))}–` +
                         `${time.format(new Date(w.ends_at))} · ${t("book.places_left", { count: w.remaining })}` }))));
}

/** @param {string} day YYYY-MM-DD */
function dayText(day) {
  const locale = getLanguage() === "en" ? "en-GB" : "sv-SE";
  return new Intl.DateTimeFormat(locale, { weekday: "short", day: "numeric", month: "short" })
    .format(new Date(`${day}T12:00:00`));
}

export { isoDay };
