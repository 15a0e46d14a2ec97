/**
 * One listing as a result card: photo, title, what it costs (with its unit: "150 kr/dag",
 * "Gratis"), the deal, where it is and when it is free. Shared by search, my listings, the start
 * page and want matches, so a listing looks the same everywhere; the search grid lays it out as a
 * tile at desk width (listing-search.css), everywhere else it is a compact row.
 */
import { h } from "../dom.js";
import { getLanguage, t } from "../i18n.js";
import { navIcon } from "./nav-icons.js";
import { softHyphens } from "../hyphenate.js";

/** What stands in for a missing photo: a line drawing of the kind (people for staffing, a tool for a service). */
const KIND_ICONS = { furniture: "box", equipment: "box", service: "gear", staffing: "people" };

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
  const where = [listing.municipality_name, listing.owner_unit_name].filter(Boolean).join(" · ");
  const when = freeText(listing);
  const price = priceText(listing);
  const deal = t(`catalog.deal_${listing.deal}`);
  return h("li", { class: "listing-card", "data-listing": listing.id },
    h("a", { class: "listing-card__link", href: `/annons/${listing.id}` },
      thumb
        ? h("img", { class: "listing-card__thumb", src: thumb, alt: "", loading: "lazy", width: "96", height: "96" })
        : h("span", { class: "listing-card__thumb listing-card__thumb--none", "aria-hidden": "true" },
          navIcon(KIND_ICONS[/** @type {keyof typeof KIND_ICONS} */ (listing.kind)] ?? "box")),
      h("span", { class: "listing-card__body" },
        h("span", { class: "listing-card__title", text: listing.title }),
        h("span", { class: "listing-card__price" },
          h("span", { class: "listing-card__amount", text: price }),
          price === deal ? null : h("span", { class: "listing-card__deal", text: deal })),
        // Municipalities and units have Swedish names, whatever the page's language: hyphenate them as Swedish.
        h("span", { class: "listing-card__meta", lang: "sv", text: softHyphens(where) }),
        when ? h("span", { class: "listing-card__when", text: when }) : null,
        status)));
}

/**
 * What it costs, with its unit: "Gratis" (given or lent), "450 kr", "150 kr/dag"; the deal's
 * name when a price is missing.
 * @param {{deal: string, price_ore: number | null, rent_period?: string}} listing
 */
export function priceText(listing) {
  if (listing.deal === "give" || listing.deal === "lend") return t("catalog.free_of_charge");
  if (listing.price_ore === null || listing.price_ore === undefined) return t(`catalog.deal_${listing.deal}`);
  const price = money(listing.price_ore);
  return listing.rent_period ? t("catalog.per_period", { price, period: t(`catalog.period_${listing.rent_period}`) })
    : price;
}

/**
 * When it can be had: "Ledig nu", "Ledig från 3 feb.", "Ledig t.o.m. 30 juni"; nothing for a
 * service (its times are on its page) unless it has dates. A loan that is out today on a booking
 * (the search's `free_from`: the day it is back) is free from then, not now.
 * @param {{kind?: string, available_from?: string | null, available_until?: string | null,
 *          free_from?: string | null}} listing
 * @param {Date} [today]
 * @returns {string}
 */
export function freeText(listing, today = new Date()) {
  const day = localDay(today);
  const from = [listing.available_from, listing.free_from].filter(Boolean).sort().pop() ?? null;
  const until = listing.available_until ?? null;
  if (from && from > day) return t("catalog.free_from", { date: shortDate(from, day) });
  if (until && until < day) return t("catalog.free_no_longer");
  if (until) return t("catalog.free_until", { date: shortDate(until, day) });
  if (listing.kind === "service" || listing.kind === "staffing") return "";
  return t("catalog.free_now");
}

/** @param {Date} date @returns {string} the local calendar day, YYYY-MM-DD */
function localDay(date) {
  const pad = (/** @type {number} */ n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** "3 feb." this year, "3 feb. 2027" another. @param {string} iso @param {string} today */
function shortDate(iso, today) {
  const [year, month, day] = iso.split("-").map(Number);
  const locale = getLanguage() === "en" ? "en-GB" : "sv-SE";
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "short",
                                           year: iso.slice(0, 4) === today.slice(0, 4) ? undefined : "numeric" })
    .format(new Date(year, month - 1, day));
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
