/**
 * The coordinator's work queue: one section per kind of waiting work, each row a link to act on it.
 */
import { h } from "../dom.js";
import { errorText, getLanguage, t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { skewText } from "../skew-text.js";

/** @returns {HTMLElement} */
export function workQueueView() {
  const status = h("p", { class: "work-queue__status", role: "status", "aria-live": "polite" });
  const sections = h("div", { class: "work-queue__sections" });
  const root = h(
    "section",
    { class: "work-queue", "aria-labelledby": "work-queue-title" },
    h("h1", { id: "work-queue-title", text: t("work.title") }),
    status,
    sections,
  );

  async function load() {
    root.setAttribute("aria-busy", "true");
    try {
      /** @type {Array<{key: string, available: boolean, count: number, rows: any[]}>} */
      const queue = await api("/api/workqueue");
      sections.replaceChildren(...queue.map(section));
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

/** @param {{key: string, available: boolean, count: number, rows: any[]}} data */
function section(data) {
  const id = `work-${data.key}`;
  const body = !data.available
    ? h("p", { class: "work-queue__empty", text: t("work.unavailable") })
    : !data.rows.length
      ? h("p", { class: "work-queue__empty", text: t("work.nothing") })
      : h("ul", { class: "work-queue__rows" }, data.rows.map((row) => item(data.key, row)));
  return h(
    "section",
    { class: "work-queue__section", "aria-labelledby": id },
    h("h2", { id }, t(`work.section_${data.key}`), " ", h("span", { class: "work-queue__count", text: `(${data.count})` })),
    body,
  );
}

/**
 * @param {string} key
 * @param {{title: string, detail: string, since: string | null, link: string, clock_skew_s?: number | null}} row
 */
function item(key, row) {
  const detail = typeof row.clock_skew_s === "number"
    ? skewText(row.clock_skew_s, "work.clock")
    : row.detail ? t(`work.detail_${row.detail}`) : "";
  const since = row.since ? new Date(row.since).toLocaleDateString(getLanguage() === "en" ? "en-GB" : "sv-SE") : "";
  return h(
    "li",
    { class: "work-queue__row" },
    h("a", { class: "work-queue__link", href: row.link, text: row.title || t("work.untitled") }),
    h("span", { class: "work-queue__meta", text: [detail === `work.detail_${row.detail}` ? row.detail : detail, since]
      .filter(Boolean).join(" · ") }),
  );
}
