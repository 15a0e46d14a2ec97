/**
 * My unit's listings (/annonser/mina): drafts, published, paused and closed, newest first.
 */
import { h } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { listingCard } from "./listing-card.js";

/** @returns {HTMLElement} */
export function myListings() {
  const status = h("p", { class: "my-listings__status", role: "status", "aria-live": "polite" });
  const list = h("ul", { class: "my-listings__list" });
  const section = h("section", { class: "my-listings", "aria-labelledby": "my-listings-title" },
    h("h1", { id: "my-listings-title", text: t("catalog.mine_title") }),
    h("p", {}, h("a", { class: "button button--primary", href: "/annonser/ny", text: t("catalog.new_title") })),
    status, list);

  async function load() {
    section.setAttribute("aria-busy", "true");
    try {
      const rows = await api("/api/listings/mine");
      list.replaceChildren(...rows.map(listingCard));
      if (!rows.length) status.textContent = t("catalog.none_mine");
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status.textContent = errorText(error);
    } finally {
      section.removeAttribute("aria-busy");
    }
  }

  queueMicrotask(load);
  return section;
}
