/**
 * The booking form's fields: a labelled input with its hint and its own error (marked with
 * aria-invalid and linked by aria-describedby, as the login form does), and the delivery group.
 */
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { money } from "./listing-card.js";

/**
 * @param {string} id @param {string} label @param {Record<string, any>} attrs @param {string} [hint]
 * @param {string} [tag] "input" or "select"
 * @param {HTMLElement[]} [options] a select's options
 */
export function bookingField(id, label, attrs, hint, tag = "input", options = []) {
  const hintId = hint ? `${id}-hint` : null;
  const error = h("p", { class: "booking-form__error", id: `${id}-error`, hidden: true });
  const input = /** @type {HTMLInputElement} */ (tag === "select"
    ? h("select", { id, ...attrs, "aria-describedby": hintId }, options)
    : h("input", { id, ...attrs, "aria-describedby": hintId }));
  return {
    input,
    element: h("div", { class: "booking-form__field" },
      h("label", { for: id, text: label }),
      hint ? h("p", { class: "booking-form__hint", id: hintId, text: hint }) : null,
      error, input),
    /** @param {string} message empty to clear */
    setError(message) {
      error.textContent = message;
      error.hidden = !message;
      const described = [hintId, message ? error.id : null].filter(Boolean).join(" ");
      if (described) input.setAttribute("aria-describedby", described);
      else input.removeAttribute("aria-describedby");
      if (message) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    },
  };
}

/**
 * Delivery by the AME: the address, then the day, the part of the day, who receives it, their
 * phone and the room. For a loan the return trip is booked with it.
 * @param {number} feeOre the transport fee per trip (0: free)
 * @param {boolean} loan
 */
export function deliveryFields(feeOre, loan) {
  const address = bookingField("book-address", t("book.delivery"),
    { type: "text", name: "delivery_address", autocomplete: "street-address", maxlength: "200" },
    feeOre ? t("book.delivery_hint_fee", { fee: money(feeOre) }) : t("book.delivery_hint"));
  const fields = {
    "book-address": address,
    "book-delivery-date": bookingField("book-delivery-date", t("book.delivery_date"),
      { type: "date", name: "wanted_date" }, t("book.delivery_date_hint")),
    "book-delivery-window": bookingField("book-delivery-window", t("book.delivery_window"),
      { name: "delivery_window" }, undefined, "select",
      ["", "08-12", "12-16", "08-16"].map((value) =>
        h("option", { value, text: t(value ? `book.window_${value}` : "book.window_any") }))),
    "book-recipient": bookingField("book-recipient", t("book.recipient"),
      { type: "text", name: "recipient_name", autocomplete: "name", maxlength: "100" }, t("book.recipient_hint")),
    "book-phone": bookingField("book-phone", t("book.phone"),
      { type: "tel", name: "recipient_phone", autocomplete: "tel", maxlength: "30", inputmode: "tel" }),
    "book-room": bookingField("book-room", t("book.room"), { type: "text", name: "delivery_room", maxlength: "100" }),
  };
  const more = h("div", { class: "booking-form__delivery-more", hidden: true },
    fields["book-delivery-date"].element, fields["book-delivery-window"].element, fields["book-recipient"].element,
    fields["book-phone"].element, fields["book-room"].element,
    loan ? h("p", { class: "booking-form__hint", text: t("book.return_trip") }) : null);
  // The details are asked once there is somewhere to deliver to.
  const show = () => { more.hidden = address.input.value.trim() === "" && !more.querySelector("[aria-invalid]"); };
  address.input.addEventListener("input", show);
  const element = h("fieldset", { class: "booking-form__delivery" },
    h("legend", { text: t("book.delivery_title") }), address.element, more);
  return { element, fields, show };
}
