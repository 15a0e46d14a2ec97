/**
 * One listing (/annons/:id): its photos, what it is, what the deal is and who offers it.
 * Colleagues book it from here; the owning unit can publish a draft.
 */
import { h, replaceChildren } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { dealText } from "./listing-card.js";

/**
 * @param {{listingId: string}} props
 * @returns {HTMLElement}
 */
export function listingView({ listingId }) {
  const title = h("h1", { id: "listing-view-title", text: t("catalog.listing") });
  const status = h("p", { class: "listing-view__status", role: "status", "aria-live": "polite" });
  const body = h("div", { class: "listing-view__body" });
  const section = h("section", { class: "listing-view", "aria-labelledby": "listing-view-title" },
    h("p", {}, h("a", { href: "/annonser", text: t("catalog.back_to_search") })), title, status, body);

  async function load() {
    section.setAttribute("aria-busy", "true");
    try {
      const listing = await api(`/api/listings/${encodeURIComponent(listingId)}`);
      title.textContent = listing.title;
      replaceChildren(body, ...details(listing, publish));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status.textContent = errorText(error);
    } finally {
      section.removeAttribute("aria-busy");
    }
  }

  /** @param {any} listing */
  async function publish(listing) {
    try {
      await api(`/api/listings/${listing.id}/status`, { method: "POST",
                                                       body: { status: "published", version: listing.version } });
      await load();
      status.textContent = t("catalog.published");
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status.textContent = errorText(error);
    }
  }

  queueMicrotask(load);
  return section;
}

/** @param {any} listing @param {(listing: any) => Promise<void>} publish */
function details(listing, publish) {
  const photos = listing.photos.map((photo, i) => h("li", { class: "listing-view__photo" },
    h("a", { href: photo.display_url, target: "_blank", rel: "noopener" },
      h("img", { src: photo.display_url, width: String(photo.width), height: String(photo.height),
                 alt: t("catalog.photo_alt", { n: i + 1, count: listing.photos.length, title: listing.title }) }))));
  const facts = [
    ["catalog.deal", dealText(listing)],
    ["catalog.kind", t(`catalog.kind_${listing.kind}`)],
    ["catalog.category", listing.category_name],
    ["catalog.condition", listing.condition ? t(`catalog.condition_${listing.condition}`) : ""],
    ["catalog.quantity", String(listing.quantity)],
    ["catalog.offered_by", `${listing.owner_unit_name}, ${listing.municipality_name}`],
    ["catalog.status", t(`catalog.status_${listing.status}`)],
  ];
  const button = listing.can_edit && listing.status === "draft"
    ? h("button", { type: "button", class: "button button--primary", text: t("catalog.publish"),
                    onclick: () => publish(listing) }) : null;
  return [
    photos.length ? h("ul", { class: "listing-view__photos", "aria-label": t("catalog.photos") }, photos)
      : h("p", { class: "listing-view__nophoto", text: t("catalog.no_photos") }),
    h("dl", { class: "listing-view__facts" }, facts.filter(([, value]) => value).map(([key, value]) =>
      h("div", { class: "listing-view__fact" }, h("dt", { text: t(key) }), h("dd", { text: value })))),
    listing.description ? h("p", { class: "listing-view__description", text: listing.description }) : null,
    !listing.can_edit && listing.status === "published"
      ? h("a", { class: "button button--primary", href: `/boka/${listing.id}`, text: t("catalog.book") }) : null,
    button,
  ];
}
