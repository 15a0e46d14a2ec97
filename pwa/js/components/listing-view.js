/**
 * One listing (/annons/:id), laid out like a marketplace ad: the photos, the deal and its price up
 * front, where it is and whom to ask, when it is free, and a "Boka"/"Begär" button that stays in
 * reach at the bottom of a phone (a side column card at desk width). Its owners (the unit, or a
 * coordinator on its behalf) see the next step, its items' internal states, and its actions.
 */
import { h, replaceChildren } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { searchUrl } from "../search-return.js";
import { isStale, listingActions } from "./listing-actions.js";
import { listingGallery } from "./listing-gallery.js";
import { listingAvailability, listingFacts, nextStep, priceLine } from "./listing-details.js";
import { subjectConversation } from "./subject-conversation.js";

/** @type {string | null} said once by the next listing page (the edit form saved and came back) */
let pendingNotice = null;

/** Have the next listing page say this in its status line. @param {string} message */
export function noticeOnNextView(message) {
  pendingNotice = message;
}

/**
 * @param {{listingId: string, navigate?: (path: string) => void}} props
 * @returns {HTMLElement}
 */
export function listingView({ listingId, navigate = (path) => location.assign(path) }) {
  const title = h("h1", { id: "listing-view-title", text: t("catalog.listing") });
  const status = h("p", { class: "listing-view__status", role: "status", "aria-live": "polite" });
  // Phone: photos, then the deal card, then the rest; desk: the card in a side column beside both.
  const gallery = h("div", { class: "listing-view__gallery" });
  const main = h("div", { class: "listing-view__main" });
  const side = h("div", { class: "listing-view__side" });
  const owner = h("div", { class: "listing-view__owner" });
  const section = h("section", { class: "listing-view", "aria-labelledby": "listing-view-title" },
    h("p", {}, h("a", { href: searchUrl(), text: t("catalog.back_to_search") })), title, status,
    h("div", { class: "listing-view__layout" }, gallery, side, main));
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
    replaceChildren(gallery, listingGallery({ photos: listing.photos, title: listing.title }));
    replaceChildren(main,
      listing.description ? h("section", { class: "listing-view__about", "aria-labelledby": "listing-about" },
        h("h2", { id: "listing-about", text: t("listing.about") }),
        h("p", { class: "listing-view__description", text: listing.description })) : null,
      listingFacts(listing),
      listing.status === "published" ? listingAvailability(listing) : null,
      !listing.can_edit && listing.status === "published"
        ? subjectConversation({ kind: "listing", subjectId: listing.id }) : null);
    replaceChildren(owner, ...(listing.can_edit ? [
      h("h2", { class: "listing-view__owner-title", text: t("catalog.manage") }),
      listingActions({ listing, onChanged: changed, onError: refused }),
    ] : []));
    replaceChildren(side, h("div", { class: "listing-view__card" }, ...priceLine(listing), cta(listing, navigate)),
      listing.can_edit ? nextStep(listing) : null, owner);
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

/**
 * "Boka" for loans, rentals and times; "Begär" for a gift or a purchase, and "Skicka meddelande".
 * Not for its owners.
 * @param {any} listing
 * @param {(path: string) => void} navigate
 */
function cta(listing, navigate) {
  if (listing.can_edit || listing.status !== "published") return null;
  const word = listing.deal === "give" || listing.deal === "sell" ? "listing.request" : "listing.book";
  return h("div", { class: "listing-view__cta" },
    h("a", { class: "button button--primary listing-view__book", href: `/boka/${listing.id}`, text: t(word) }),
    askButton(listing, navigate));
}

/**
 * "Skicka meddelande": opens the asker's conversation about the listing (made on the first press).
 * @param {any} listing
 * @param {(path: string) => void} navigate
 */
function askButton(listing, navigate) {
  const error = h("p", { class: "listing-view__ask-error", role: "alert" });
  const button = h("button", { type: "button", class: "button button--secondary listing-view__ask",
                               text: t("talk.send_message") });
  button.addEventListener("click", async () => {
    error.textContent = "";
    try {
      const conversation = await api("/api/conversations", {
        method: "POST", body: { subject_kind: "listing", subject_id: listing.id } });
      navigate(`/meddelanden/${conversation.id}`);
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      error.textContent = errorText(failure);
    }
  });
  return h("div", { class: "listing-view__ask-group" }, button, error);
}
