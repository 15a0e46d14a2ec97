/**
 * The coordinator's work queue: one section per kind of waiting work, each row a link to act on it.
 */
import { h } from "../dom.js";
import { errorText, getLanguage, t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { currentUser } from "../session.js";
import { skewText } from "../skew-text.js";
import { BULK, bulkBar, rowCheckbox } from "./work-queue-bulk.js";
import { pickupRow } from "./work-queue-pickup.js";

/** @returns {HTMLElement} */
export function workQueueView() {
  const status = h("p", { class: "work-queue__status", role: "status", "aria-live": "polite" });
  const sections = h("div", { class: "work-queue__sections" });
  const root = h(
    "section",
    { class: "work-queue", "aria-labelledby": "work-queue-title" },
    h("h1", { id: "work-queue-title", text: t("work.title") }),
    currentUser()?.roles.includes("coordinator")
      ? h("p", { class: "work-queue__board" }, h("a", { href: "/anmalda-meddelanden", text: t("reports.link") }),
        " · ", h("a", { href: "/flyttprojekt", text: t("projects.link") }))
      : null,
    status,
    sections,
  );

  async function load() {
    root.setAttribute("aria-busy", "true");
    try {
      /** @type {Array<{key: string, available: boolean, count: number, rows: any[]}>} */
      const queue = await api("/api/workqueue");
      sections.replaceChildren(...queue.map((s) => section(s, load)));
      const total = queue.reduce((sum, s) => sum + s.count, 0);
      status.textContent = t("work.summary", { count: total });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status.textContent = errorText(error);
    } finally {
      root.removeAttribute("aria-busy");
    }
  }

  queueMicrotask(load);
  return root;
}

/** What a section's rows mean, where the title alone does not say it. @type {Record<string, string>} */
const HINTS = { missing: "work.hint_missing" };

/**
 * @param {{key: string, available: boolean, count: number, rows: any[]}} data
 * @param {() => Promise<void>} reload
 */
function section(data, reload) {
  const id = `work-${data.key}`;
  const bulk = data.key in BULK && data.rows.length > 0;
  const list = h("ul", { class: "work-queue__rows" },
    data.rows.map((row) => (data.key === "pickups" ? pickupRow(row, reload) : item(data.key, row, bulk))));
  const body = !data.available
    ? h("p", { class: "work-queue__empty", text: t("work.unavailable") })
    : !data.rows.length ? h("p", { class: "work-queue__empty", text: t("work.nothing") }) : list;
  return h(
    "section",
    { class: "work-queue__section", "aria-labelledby": id },
    h("h2", { id }, t(`work.section_${data.key}`), " ", h("span", { class: "work-queue__count", text: `(${data.count})` })),
    data.key in HINTS && data.rows.length ? h("p", { class: "work-queue__hint", text: t(HINTS[data.key]) }) : null,
    body,
    bulk ? bulkBar(data.key, list, reload) : null,
    data.key === "transport"
      ? h("p", { class: "work-queue__board" }, h("a", { href: "/dagplanering", text: t("work.board_link") }))
      : null,
  );
}

/** @param {string} iso @returns {string} the day as the rest of the app writes it ("7 dec. 2026") */
function day(iso) {
  return new Intl.DateTimeFormat(getLanguage() === "en" ? "en-GB" : "sv-SE",
    { dateStyle: "medium", timeZone: "Europe/Stockholm" }).format(new Date(iso));
}

/**
 * One row, or identical rows grouped ("Cyklar till lägerskola, röd × 6").
 * @param {string} key
 * @param {{id: string, ids: string[], quantity: number, title: string, detail: string, since: string | null,
 *   link: string, clock_skew_s?: number | null}} row
 * @param {boolean} pickable whether the section has a bulk action (a checkbox per row)
 */
function item(key, row, pickable) {
  const detail = typeof row.clock_skew_s === "number"
    ? skewText(row.clock_skew_s, "work.clock")
    : row.detail ? t(`work.detail_${row.detail}`) : "";
  const since = row.since ? day(row.since) : "";
  const title = row.title || t("work.untitled");
  const labelId = `work-row-${key}-${row.id}`;
  return h(
    "li",
    { class: `work-queue__row${pickable ? " work-queue__row--pickable" : ""}` },
    pickable ? rowCheckbox(key, row, labelId) : null,
    h("div", { class: "work-queue__text" },
      h("a", { class: "work-queue__link", id: labelId, href: row.link,
               text: row.quantity > 1 ? t("work.grouped", { title, count: row.quantity }) : title }),
      h("span", { class: "work-queue__meta", text: [detail === `work.detail_${row.detail}` ? row.detail : detail, since]
        .filter(Boolean).join(" · ") })),
  );
}
