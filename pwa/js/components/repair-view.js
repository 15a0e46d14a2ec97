/**
 * "Reparationer" (/reparationer): the AME's repair queue. Each open repair shows the item (photo,
 * title, place) and what it needs, with a form to record work and finish it; repaired items wait
 * under "Klara att lägga ut" until each is listed in one step (given, lent, rented out or sold).
 */
import { h } from "../dom.js";
import { errorText, getLanguage, t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { itemListing } from "./item-listing.js";
import { repairWork } from "./repair-work.js";

/** @returns {HTMLElement} */
export function repairView() {
  const status = h("p", { class: "repair-view__status", role: "status", "aria-live": "polite" });
  const openList = h("div", { class: "repair-view__list", "aria-busy": "true" }, h("p", { text: t("common.loading") }));
  const doneList = h("div", { class: "repair-view__list" });
  const view = h("section", { class: "repair-view", "aria-labelledby": "repair-title" },
    h("h1", { id: "repair-title", text: t("repair.title") }),
    h("p", { class: "repair-view__intro", text: t("repair.intro") }), status,
    h("h2", { id: "repair-open", text: t("repair.open") }), openList,
    h("h2", { id: "repair-done", text: t("repair.done") }), doneList);
  /** @type {{id: string, name: string}[]} */
  let people = [];

  async function load() {
    try {
      const [open, done, known] = await Promise.all([api("/api/repairs?status=open"),
        api("/api/repairs?status=done&limit=50"), api("/api/ame-participants").catch(() => [])]);
      people = known;
      openList.replaceChildren(...(open.length ? open.map(openCard) : [h("p", { text: t("repair.none_open") })]));
      const waiting = done.filter((/** @type {any} */ r) => !r.listing_id);
      doneList.replaceChildren(...(waiting.length ? waiting.map(doneCard) : [h("p", { text: t("repair.none_done") })]));
    } catch (error) {
      openList.replaceChildren(h("p", { class: "repair-view__error", role: "alert", text: errorText(error) }));
    } finally {
      openList.removeAttribute("aria-busy");
    }
  }

  /** @param {any} repair */
  function openCard(repair) {
    return card(repair, [
      h("p", { class: "repair-view__minutes", text: t("repair.work_so_far", { count: repair.minutes }) }),
      ...workLines(repair),
      repairWork(repair, people, (saved) => {
        status.textContent = saved.status === "done" ? t("repair.finished", { title: saved.item_title }) : t("repair.saved");
        load();
      }),
    ]);
  }

  /** @param {any} repair */
  function doneCard(repair) {
    // Given, lent, rented out or sold, as from the item's own page; the queue says so and reloads.
    const listing = itemListing({ itemId: repair.item_id, prefix: `repair-${repair.id}`,
      label: t("repair.list_one", { title: repair.item_title }),
      send: (body) => api(`/api/repairs/${repair.id}/listing`, { method: "POST", body })
        .then((answer) => answer.listing),
      onListed: (made) => {
        status.replaceChildren(t("repair.listed", { title: made.title }), " ",
          h("a", { href: `/annons/${made.id}`, text: t("repair.show_listing") }));
        load();
      } });
    return card(repair, [...workLines(repair), listing]);
  }
  load();
  return view;
}

/**
 * @param {any} repair
 * @param {Node[]} rest
 */
function card(repair, rest) {
  const day = new Date(repair.created_at).toLocaleDateString(getLanguage() === "en" ? "en-GB" : "sv-SE");
  return h("article", { class: "repair-view__card", "aria-labelledby": `repair-${repair.id}-title` },
    repair.thumbnail_url
      ? h("img", { class: "repair-view__photo", src: repair.thumbnail_url, alt: "", width: 96, height: 96 })
      : null,
    h("div", { class: "repair-view__body" },
      h("h3", { id: `repair-${repair.id}-title` }, h("a", { href: `/sak/${repair.item_id}`, text: repair.item_title })),
      h("dl", { class: "repair-view__facts" },
        h("dt", { text: t("repair.needs") }), h("dd", { text: repair.needs }),
        h("dt", { text: t("repair.place") }), h("dd", { text: repair.location_name ?? t("repair.no_place") })),
      h("p", { class: "repair-view__sent", text: t("repair.sent_by", { name: repair.created_by_name ?? "–", day }) }),
      ...rest));
}

/** @param {any} repair */
function workLines(repair) {
  if (!repair.work.length) return [];
  return [h("ul", { class: "repair-view__work" }, ...repair.work.map((/** @type {any} */ w) => h("li", {},
    t("repair.work_line", { who: w.participant_name ?? "–", minutes: w.minutes, done: w.done }),
    w.parts ? h("span", { class: "repair-view__parts", text: ` · ${t("repair.parts_line", { parts: w.parts })}` }) : null)))];
}
