/**
 * A driver's pickup outside their jobs in the work queue: the item, who took it into which
 * vehicle and when, and the coordinator's two decisions. Accept makes it the driver's pickup,
 * dated when it was scanned; return leaves the item where the register has it and the driver
 * brings it back.
 */
import { h } from "../dom.js";
import { errorText, getLanguage, t } from "../i18n.js";
import { api, ApiError } from "../api.js";

/**
 * @typedef {{id: string, title: string, detail: string, since: string | null, link: string,
 *   actor_name?: string | null, place_name?: string | null}} PickupRow
 */

/** @param {string} iso @returns {string} day and time, in Swedish time */
function when(iso) {
  return new Intl.DateTimeFormat(getLanguage() === "en" ? "en-GB" : "sv-SE",
    { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Stockholm" }).format(new Date(iso));
}

/**
 * @param {PickupRow} row
 * @param {() => Promise<void>} reload
 * @returns {HTMLElement}
 */
export function pickupRow(row, reload) {
  const title = row.title || t("work.untitled");
  const driver = row.actor_name || t("pickup.unknown_driver");
  const status = h("p", { class: "work-queue__meta", role: "status", "aria-live": "polite" });
  const labelId = `work-row-pickups-${row.id}`;
  /** @param {"accept" | "return"} decision */
  async function decide(decision) {
    for (const button of buttons.querySelectorAll("button")) button.setAttribute("disabled", "");
    try {
      await api(`/api/scans/${row.id}/resolution`, { method: "POST", body: { decision } });
      status.textContent = t(decision === "accept" ? "pickup.accepted" : "pickup.returned", { title, driver });
      await reload();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status.textContent = errorText(error);
      for (const button of buttons.querySelectorAll("button")) button.removeAttribute("disabled");
    }
  }
  const buttons = h(
    "div",
    { class: "work-queue__decide", role: "group", "aria-labelledby": labelId },
    h("button", { type: "button", class: "button button--primary", text: t("pickup.accept"),
                  onclick: () => decide("accept") }),
    h("button", { type: "button", class: "button button--secondary", text: t("pickup.return"),
                  onclick: () => decide("return") }),
  );
  const facts = t("pickup.row", { driver, place: row.place_name || t("pickup.unknown_place"),
                                  time: row.since ? when(row.since) : "" });
  return h(
    "li",
    { class: "work-queue__row", "data-testid": "held-pickup" },
    h("div", { class: "work-queue__text" },
      h("a", { class: "work-queue__link", id: labelId, href: row.link, text: title }),
      h("span", { class: "work-queue__meta", text: `${facts} · ${t(`work.detail_${row.detail}`)}` }),
      buttons,
      status),
  );
}
