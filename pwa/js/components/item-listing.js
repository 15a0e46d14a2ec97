/**
 * "Lägg ut i katalogen" on the page of an item on no listing: the item as it is (its title, category,
 * unit, place and own photos) becomes a listing in one step, given away, lent, rented out or sold
 * (at a price, a rent per day, week or month), published at once or kept as a draft. And the
 * item's photos, small, at the top of its page.
 */
import { h } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { api, ApiError } from "../api.js";

const DEALS = ["give", "lend", "rent", "sell"];
/** Things are rented per day, week or month (by the hour is for services and staff). */
const PERIODS = ["day", "week", "month"];

/**
 * The form, for an item of the register or a repaired one (the repair queue lists through its own
 * endpoint and says so on the page itself).
 * @param {object} props
 * @param {string} props.itemId
 * @param {string} [props.prefix] what the form's ids start with: one form per item on a page
 * @param {string} [props.label] the button's accessible name, when several forms share a page
 * @param {(body: Record<string, any>) => Promise<any>} [props.send] makes the listing; answers it (ListingRead)
 * @param {(listing: any) => void} [props.onListed] told instead of the form's own line
 * @returns {HTMLElement}
 */
export function itemListing({ itemId, prefix = "item", label, send, onListed }) {
  const post = send ?? ((body) => api(`/api/items/${encodeURIComponent(itemId)}/listing`, { method: "POST", body }));
  const deals = DEALS.map((deal) => /** @type {HTMLInputElement} */ (h("input", { type: "radio", name: `${prefix}-deal`,
    id: `${prefix}-deal-${deal}`, value: deal, checked: deal === "give" })));
  const chosen = () => deals.find((input) => input.checked)?.value ?? "give";
  const price = /** @type {HTMLInputElement} */ (h("input", { id: `${prefix}-price`, class: "field__input",
    type: "text", inputmode: "decimal", autocomplete: "off" }));
  const period = /** @type {HTMLSelectElement} */ (h("select", { id: `${prefix}-rent-period`, class: "field__input" },
    PERIODS.map((p) => h("option", { value: p, text: t(`catalog.period_${p}`) }))));
  const periodField = h("div", { class: "field" },
    h("label", { class: "field__label", for: period.id, text: t("catalog.rent_period") }), period);
  const priceBox = h("div", { class: "item-listing__price", hidden: true },
    h("div", { class: "field" },
      h("label", { class: "field__label", for: price.id, text: t("catalog.price_kr") }), price),
    periodField);
  const showPrice = () => {
    priceBox.hidden = chosen() !== "rent" && chosen() !== "sell";
    periodField.hidden = chosen() !== "rent";
  };
  for (const input of deals) input.addEventListener("change", showPrice);
  price.addEventListener("input", () => {
    if (!price.hasAttribute("aria-invalid")) return;
    price.removeAttribute("aria-invalid");
    status.textContent = "";
  });
  const publish = /** @type {HTMLInputElement} */ (h("input", { type: "checkbox", id: `${prefix}-publish`,
    checked: true }));
  const status = h("p", { class: "item-listing__status", role: "status" });
  const button = /** @type {HTMLButtonElement} */ (h("button", { type: "submit", class: "button button--primary",
    text: t("item.list_save"), "aria-label": label }));
  const id = crypto.randomUUID();  // a retry answers the listing made the first time
  const form = h("form", { class: "item-listing__form", novalidate: true },
    h("fieldset", { class: "item-listing__deal" }, h("legend", { text: t("item.list_deal") }),
      deals.map((input) => h("div", { class: "item-listing__choice" },
        input, h("label", { for: input.id, text: t(`item.list_${input.value}`) })))),
    priceBox,
    h("div", { class: "item-listing__choice" }, publish, h("label", { for: publish.id, text: t("item.list_publish") })),
    button, status);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const deal = chosen();
    /** @type {Record<string, any>} */
    const body = { id, deal, publish: publish.checked };
    if (deal === "rent" || deal === "sell") {
      const kr = Number(price.value.replace(/\s/g, "").replace(",", "."));
      if (!price.value.trim() || !Number.isFinite(kr) || kr < 0) {
        status.textContent = t("catalog.price_missing");
        price.setAttribute("aria-invalid", "true");
        price.focus();
        return;
      }
      price.removeAttribute("aria-invalid");
      body.price_ore = Math.round(kr * 100);
      if (deal === "rent") body.rent_period = period.value;
    }
    button.disabled = true;
    try {
      const listing = await post(body);
      if (onListed) {
        onListed(listing);
        return;
      }
      status.replaceChildren(t(publish.checked ? "item.listed" : "item.listed_draft"), " ",
        h("a", { href: `/annons/${listing.id}`, text: t("item.show_listing") }));
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      status.textContent = errorText(failure);
      button.disabled = false;
    }
  });
  return h("details", { class: "item-listing" }, h("summary", { class: "item-listing__summary", text: t("item.list") }),
    h("p", { class: "item-listing__hint", text: t("item.list_hint") }), form);
}

/**
 * The item's photos, small, each opening the larger one.
 * @param {{itemId: string, title: string}} props
 * @returns {HTMLElement}
 */
export function itemPhotos({ itemId, title }) {
  const list = h("ul", { class: "item-listing__photos", "aria-label": t("item.photos"), hidden: true });
  api(`/api/items/${encodeURIComponent(itemId)}/photos`).then((/** @type {any[]} */ photos) => {
    list.replaceChildren(...photos.map((p, index) => h("li", {},
      h("a", { href: p.display_url, target: "_blank", rel: "noopener" },
        h("img", { src: p.thumb_url, alt: t("item.photo_n", { title, n: index + 1 }), width: 96, height: 96,
                   loading: "lazy" })))));
    list.hidden = photos.length === 0;
  }, () => {});
  return list;
}
