/**
 * The parts of a listing's page: the deal and price line, where it is and whom to ask, the facts,
 * its free days or times, and (for its owners) the next step and its items' internal states.
 */
import { h } from "../dom.js";
import { getLanguage, t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { money } from "./listing-card.js";
import { isoDay, monthCalendar } from "./month-calendar.js";

const SERVICE_KINDS = ["service", "staffing"];

/** "Lån · Gratis", "Uthyrning · 150 kr/dag", "Tjänst · 450 kr/tim". @param {any} listing */
export function dealLine(listing) {
  const service = SERVICE_KINDS.includes(listing.kind);
  const what = service ? t(`catalog.kind_${listing.kind}`) : t(`listing.deal_${listing.deal}`);
  let price = t("listing.free");
  if (listing.price_ore && (listing.deal === "rent" || listing.deal === "sell")) {
    price = listing.deal === "rent" && listing.rent_period
      ? t("listing.per", { price: money(listing.price_ore), unit: t(`listing.unit_${listing.rent_period}`) })
      : money(listing.price_ore);
  }
  return `${what} · ${price}`;
}

/** The side card's top: the deal and price, where it is, whom to ask. @param {any} listing */
export function priceLine(listing) {
  const service = SERVICE_KINDS.includes(listing.kind);
  const place = listing.location_name
    ? (listing.location_address ? t("listing.place", { name: listing.location_name, address: listing.location_address })
      : listing.location_name) : null;
  return [
    h("p", { class: "listing-view__deal", text: dealLine(listing) }),
    h("dl", { class: "listing-view__where" },
      h("div", {}, h("dt", { text: t(service ? "listing.where_service" : "listing.where") }),
        // The municipality, unless the address already ends with it ("…, 271 39 Ystad").
        h("dd", { text: place?.includes(listing.municipality_name) ? place
          : [place, listing.municipality_name].filter(Boolean).join(" · ") })),
      h("div", {}, h("dt", { text: t("listing.ask") }),
        h("dd", { text: t("listing.ask_text", { unit: listing.owner_unit_name,
                                                municipality: listing.municipality_name }) }))),
    listing.can_edit ? null : h("p", { class: "listing-view__hint", text: t("listing.ask_hint") }),
  ];
}

/** @param {any} listing */
export function listingFacts(listing) {
  const size = [listing.width_cm, listing.depth_cm, listing.height_cm].filter(Boolean);
  const available = [listing.available_from ? t("listing.available_from", { from: day(listing.available_from) }) : "",
    listing.available_until ? t("listing.available_until", { until: day(listing.available_until) }) : ""]
    .filter(Boolean).join(" ");
  const facts = [
    ["catalog.kind", t(`catalog.kind_${listing.kind}`)],
    ["catalog.category", listing.category_name],
    ["catalog.condition", listing.condition ? t(`catalog.condition_${listing.condition}`) : ""],
    ["catalog.quantity", SERVICE_KINDS.includes(listing.kind) ? "" : String(listing.quantity)],
    ["listing.dimensions", size.length ? t("listing.dimensions_cm", { size: size.join(" × ") }) : ""],
    ["listing.weight", listing.weight_g ? t("listing.weight_kg", { kg: formatKg(listing.weight_g) }) : ""],
    ["listing.available", available],
    // The listing's own status is its owners' business; a borrower only ever sees published ones here.
    ["catalog.status", listing.can_edit ? t(`catalog.status_${listing.status}`) : ""],
  ];
  return h("div", { class: "listing-view__facts-box" },
    h("dl", { class: "listing-view__facts" }, facts.filter(([, value]) => value).map(([key, value]) =>
      h("div", { class: "listing-view__fact" }, h("dt", { text: t(key) }), h("dd", { text: value })))),
    listing.items?.length ? items(listing) : null);
}

/** The physical items and their states: only owners and the AME get them from the server. @param {any} listing */
function items(listing) {
  return h("section", { class: "listing-view__items", "aria-labelledby": "listing-items" },
    h("h2", { id: "listing-items", text: t("listing.items") }),
    h("ul", {}, listing.items.map((/** @type {any} */ item) =>
      h("li", { text: t("listing.item_row", { title: item.title, state: t(`state.${item.state}`) }) }))));
}

/** What happens now, for its owners: the AME's intake for a physical item not yet stored. @param {any} listing */
export function nextStep(listing) {
  let key = `listing.next_${listing.status}`;
  if (listing.status === "published") {
    if (SERVICE_KINDS.includes(listing.kind)) key = "listing.next_service";
    else if (listing.items?.some((/** @type {any} */ i) => i.state === "registered")) key = "listing.next_ame";
    else key = "listing.next_published";
  }
  return h("section", { class: "listing-view__next", "aria-labelledby": "listing-next" },
    h("h2", { id: "listing-next", text: t("listing.next_title") }), h("p", { text: t(key) }));
}

/** Free days (a month calendar) or free times of a published listing, filled in when they arrive. @param {any} listing */
export function listingAvailability(listing) {
  const service = SERVICE_KINDS.includes(listing.kind);
  const body = h("div", { class: "listing-view__calendar" });
  const section = h("section", { class: "listing-view__availability", "aria-labelledby": "listing-availability" },
    h("h2", { id: "listing-availability", text: t(service ? "listing.times" : "listing.availability") }), body);
  queueMicrotask(async () => {
    try {
      const free = await api(`/api/listings/${encodeURIComponent(listing.id)}/availability?end=${isoDay(91)}`);
      if (service) body.append(times(free.windows));
      else {
        body.append(h("p", { class: "listing-view__hint", text: t("listing.availability_hint") }),
          monthCalendar({ days: free.days, total: free.items.length, mode: "view", label: t("listing.availability") })
            .element);
      }
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      section.hidden = true;  // the rest of the page still says what it is; the calendar is a help
    }
  });
  return section;
}

/** @param {any[]} windows */
function times(windows) {
  const open = windows.filter((w) => w.remaining > 0);
  if (!open.length) return h("p", { text: t("listing.times_none") });
  const locale = getLanguage() === "en" ? "en-GB" : "sv-SE";
  const dayOf = new Intl.DateTimeFormat(locale, { weekday: "short", day: "numeric", month: "short",
                                                  timeZone: "Europe/Stockholm" });
  const time = new Intl.DateTimeFormat("sv-SE", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Stockholm" });
  const shown = open.slice(0, 6);
  return h("div", {},
    h("ul", { class: "listing-view__times" }, shown.map((w) => h("li", {
      text: `${dayOf.format(new Date(w.starts_at))} ${time.format(new Date(w.starts_at))}–` +
            `${time.format(new Date(w.ends_at))} · ${t("listing.places", { count: w.remaining })}` }))),
    open.length > shown.length ? h("p", { text: t("listing.times_more", { count: open.length - shown.length }) })
      : null);
}

/** @param {string} iso */
function day(iso) {
  const locale = getLanguage() === "en" ? "en-GB" : "sv-SE";
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", year: "numeric" })
    .format(new Date(`${iso}T12:00:00`));
}

/** @param {number} grams */
function formatKg(grams) {
  const locale = getLanguage() === "en" ? "en-GB" : "sv-SE";
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(grams / 1000);
}
