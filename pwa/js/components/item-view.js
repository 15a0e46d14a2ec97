/**
 * An item's tracking page (/sak/<id>): where it is, its state, its label, and its scan history.
 * Where a phone camera lands after scanning an item's label.
 */
import { h } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { api } from "../api.js";
import { scanHistory, stateName } from "./scan-history.js";
import { itemWork } from "./work-hours.js";
import { repairSend } from "./repair-send.js";
import { itemCard } from "./item-card.js";
import { itemListing, itemPhotos } from "./item-listing.js";
import { currentUser } from "../session.js";

const REPAIRERS = ["warehouse", "coordinator"];
const LISTERS = ["warehouse", "coordinator", "admin"];

/**
 * @param {{itemId: string}} props
 * @returns {HTMLElement}
 */
export function itemView({ itemId }) {
  const body = h("div", { class: "item-view__body", "aria-live": "polite", "aria-busy": "true" },
    h("p", { text: t("common.loading") }));
  const heading = h("h1", { id: "item-title", text: t("item.title") });
  const view = h("section", { class: "item-view", "aria-labelledby": "item-title" }, heading, body);

  const id = encodeURIComponent(itemId);
  const roles = currentUser()?.roles ?? [];
  const repairs = roles.some((role) => REPAIRERS.includes(role));
  const lists = roles.some((role) => LISTERS.includes(role));
  Promise.all([api(`/api/items/${id}/tracking`), api(`/api/items/${id}/history`),
    repairs ? api(`/api/repairs?status=open&item_id=${id}`) : Promise.resolve(null)])
    .then(([item, history, open]) => {
      heading.textContent = item.title;
      body.replaceChildren(
        itemPhotos({ itemId, title: item.title }),
        h("dl", { class: "item-view__facts" },
          fact(t("item.state"), stateName(item.state)),
          fact(t("item.place"), item.location_name ?? t("item.no_place")),
          fact(t("item.code"), item.code ? h("span", { class: "item-view__code", text: item.code }) : t("item.no_code"))),
        h("div", { class: "item-view__actions" },
          item.code
            ? h("a", { class: "button button--secondary", href: `/skriv-ut?item=${id}`, text: t("item.print") })
            : h("a", { class: "button button--primary", href: "/koppla", text: t("item.link") })),
        ...(open ? [repairSend({ itemId, open: open[0] ?? null })] : []),
        ...(lists && !item.listing_id ? [itemListing({ itemId })] : []),
        itemCard({ itemId }),
        itemWork({ itemId }),
        h("h2", { id: "item-history", text: t("history.title") }),
        scanHistory({ entries: history }),
      );
    })
    .catch((error) => body.replaceChildren(h("p", { class: "item-view__error", role: "alert", text: errorText(error) })))
    .finally(() => body.removeAttribute("aria-busy"));
  return view;
}

/**
 * @param {string} term
 * @param {string | HTMLElement} value
 */
export function fact(term, value) {
  return h("div", { class: "item-view__fact" }, h("dt", { text: term }), h("dd", {}, value));
}
