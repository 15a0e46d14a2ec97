/**
 * One listing as a result card: thumbnail, title, municipality and what the deal costs.
 * Shared by search, my listings and want matches, so a listing looks the same everywhere.
 */
import { h } from "../dom.js";
import { getLanguage, t } from "../i18n.js";

/**
 * @param {any} listing a ListingCard (search, matches) or a ListingRead (my listings)
 * @param {{alwaysStatus?: boolean} | number} [options] alwaysStatus: say "Published" too (its owners' list);
 *   a number (the index when used as a map callback) is ignored
 * @returns {HTMLElement}
 */
export function listingCard(listing, options = {}) {
  const alwaysStatus = typeof options === "object" && options.alwaysStatus === true;
  const thumb = listing.thumb_url ?? listing.photos?.[0]?.thumb_url ?? null;
  const status = listing.status && (alwaysStatus || listing.status !== "published")
    ? h("span", { class: "listing-card__status", text: t(`catalog.status_${listing.status}`) }) : null;
  return h("li", { class: "listing-card" },
    h("a", { class: "listing-card__link", href: `/annons/${listing.id}` },
      thumb
        ? h("img", { class: "listing-card__thumb", src: thumb, alt: "", loading: "lazy", width: "96", height: "96" })
        : h("span", { class: "listing-card__thumb listing-card__thumb--none", "aria-hidden": "true" }),
      h("span", { class: "listing-card__body" },
        h("span", { class: "listing-card__title", text: listing.title }),
        h("span", { class: "listing-card__meta", text: listing.municipality_name }),
        h("span", { class: "listing-card__deal", text: dealText(listing) }),
        status)));
}

/**
 * "Skänkes", "Säljes 450 kr", "Hyrs ut 150 kr/dag" …
 * @param {{deal: string, price_ore: number | null, rent_period?: string}} listing
 */
export function dealText(listing) {
  const deal = t(`catalog.deal_${listing.deal}`);
  if (listing.price_ore === null || listing.price_ore === undefined) return deal;
  const price = money(listing.price_ore);
  if (listing.deal === "rent" && listing.rent_period) {
    return t("catalog.price_per", { deal, price, period: t(`catalog.period_${listing.rent_period}`) });
  }
  return t("catalog.price", { deal, price });
}

/** @param {number} ore */
export function money(ore) {
  const locale = getLanguage() === "en" ? "en-GB" : "sv-SE";
  return new Intl.NumberFormat(locale, { style: "currency", currency: "SEK", maximumFractionDigits: 2,
                                         minimumFractionDigits: ore % 100 ? 2 : 0 }).format(ore / 100);
}

/**
 * The category tree as <option>s in the current language, children indented under their parent.
 * @param {any[]} categories from /api/categories
 * @returns {HTMLElement[]}
 */
export function categoryOptions(categories) {
  const name = (/** @type {any} */ c) => (getLanguage() === "en" ? c.name_en : c.name_sv);
  const roots = categories.filter((c) => !c.parent_id);
  return roots.flatMap((root) => [
    h("option", { value: root.id, text: name(root) }),
    ...categories.filter((c) => c.parent_id === root.id)
      .map((c) => h("option", { value: c.id, text: `\u2003${name(c)}` })),
  ]);
}
