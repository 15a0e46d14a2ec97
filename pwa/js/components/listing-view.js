/**
 * One listing (/annons/:id): its photos, what it is, what the deal is and who offers it.
 * Colleagues book it from here; its owners (the unit, or a coordinator on its behalf) edit it
 * and move it through its life: publish, pause, resume, close.
 */
import { h, replaceChildren } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { searchUrl } from "../search-return.js";
import { dealText } from "./listing-card.js";
import { isStale, listingActions } from "./listing-actions.js";

/** @type {string | null} said once by the next listing page (the edit form saved and came back) */
let pendingNotice = null;

/** Have the next listing page say this in its status line. @param {string} message */
export function noticeOnNextView(message) {
  pendingNotice = message;
}

/**
 * @param {{listingId: string}} props
 * @returns {HTMLElement}
 */
export function listingView({ listingId }) {
  const title = h("h1", { id: "listing-view-title", text: t("catalog.listing") });
  const status = h("p", { class: "listing-view__status", role: "status", "aria-live": "polite" });
  const body = h("div", { class: "listing-view__body" });
  const owner = h("div", { class: "listing-view__owner" });
  const section = h("section", { class: "listing-view", "aria-labelledby": "listing-view-title" },
    h("p", {}, h("a", { href: searchUrl(), text: t("catalog.back_to_search") })), title, status, body, owner);
  let notice = pendingNotice;
  pendingNotice = null;

  async function load() {
    section.setAttribute("aria-busy", "true");
    try {
      render(await api(`/api/listings/${encodeURIComponent(listingId)}`));
      if (notice) status.textContent = notice;
      notice = null;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status.textContent = errorText(error);
    } finally {
      section.removeAttribute("aria-busy");
    }
  }

  /** @param {any} listing */
  function render(listing) {
    title.textContent = listing.title;
    replaceChildren(body, ...details(listing));
    replaceChildren(owner, ...(listing.can_edit ? [
      h("h2", { class: "listing-view__owner-title", text: t("catalog.manage") }),
      listingActions({ listing, onChanged: changed, onError: refused }),
    ] : []));
  }

  /** @param {any} listing @param {string} message */
  function changed(listing, message) {
    render(listing);
    status.textContent = message;
    // The pressed button is gone; the next step (or the edit link of a closed listing) takes focus.
    /** @type {HTMLElement | null} */ (owner.querySelector(".listing-actions button") ??
                                       owner.querySelector(".listing-actions a"))?.focus();
  }

  /** @param {ApiError} error */
  async function refused(error) {
    if (!isStale(error)) {
      status.textContent = errorText(error);
      return;
    }
    await load();
    status.textContent = t("catalog.reloaded_after_conflict");
  }

  queueMicrotask(load);
  return section;
}

/** @param {any} listing */
function details(listing) {
  /** @type {any[]} */
  const shown = listing.photos;
  const photos = shown.map((photo, i) => h("li", { class: "listing-view__photo" },
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
  return [
    photos.length ? h("ul", { class: "listing-view__photos", "aria-label": t("catalog.photos") }, photos)
      : h("p", { class: "listing-view__nophoto", text: t("catalog.no_photos") }),
    h("dl", { class: "listing-view__facts" }, facts.filter(([, value]) => value).map(([key, value]) =>
      h("div", { class: "listing-view__fact" }, h("dt", { text: t(key) }), h("dd", { text: value })))),
    listing.description ? h("p", { class: "listing-view__description", text: listing.description }) : null,
    !listing.can_edit && listing.status === "published"
      ? h("a", { class: "button button--primary", href: `/boka/${listing.id}`, text: t("catalog.book") }) : null,
  ];
}
