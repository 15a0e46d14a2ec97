/**
 * "Lägg ut i katalogen" on the page of an item on no listing: the item as it is (its title, category,
 * unit, place and own photos) becomes a listing in one step, given away or lent, published at once or
 * kept as a draft. And the item's photos, small, at the top of its page.
 */
import { h } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { api, ApiError } from "../api.js";

/**
 * @param {{itemId: string}} props
 * @returns {HTMLElement}
 */
export function itemListing({ itemId }) {
  const give = /** @type {HTMLInputElement} */ (h("input", { type: "radio", name: "item-deal", id: "item-deal-give",
    value: "give", checked: true }));
  const lend = /** @type {HTMLInputElement} */ (h("input", { type: "radio", name: "item-deal", id: "item-deal-lend",
    value: "lend" }));
  const publish = /** @type {HTMLInputElement} */ (h("input", { type: "checkbox", id: "item-publish", checked: true }));
  const status = h("p", { class: "item-listing__status", role: "status" });
  const button = /** @type {HTMLButtonElement} */ (h("button", { type: "submit", class: "button button--primary",
    text: t("item.list_save") }));
  const id = crypto.randomUUID();  // a retry answers the listing made the first time
  const form = h("form", { class: "item-listing__form", novalidate: true },
    h("fieldset", { class: "item-listing__deal" }, h("legend", { text: t("item.list_deal") }),
      h("div", { class: "item-listing__choice" }, give, h("label", { for: give.id, text: t("item.list_give") })),
      h("div", { class: "item-listing__choice" }, lend, h("label", { for: lend.id, text: t("item.list_lend") }))),
    h("div", { class: "item-listing__choice" }, publish, h("label", { for: publish.id, text: t("item.list_publish") })),
    button, status);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    button.disabled = true;
    try {
      const listing = await api(`/api/items/${encodeURIComponent(itemId)}/listing`, { method: "POST",
        body: { id, deal: lend.checked ? "lend" : "give", publish: publish.checked } });
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
