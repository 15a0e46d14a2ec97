/**
 * The invoice basis: months with their lines and totals; exporting a month locks it and offers
 * the CSV, the printable summary and the Peppol invoices to other municipalities.
 */
import { h } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { kronor } from "./impact-report-view.js";

/** @returns {HTMLElement} */
export function invoiceView() {
  const status = h("p", { class: "invoice-view__status", role: "status", "aria-live": "polite" });
  const list = h("ul", { class: "invoice-view__list" });
  /** @type {Map<string, HTMLElement>} where each month's files are shown */
  const slots = new Map();
  const root = h(
    "section",
    { class: "invoice-view", "aria-labelledby": "invoice-title" },
    h("h1", { id: "invoice-title", text: t("invoice.title") }),
    h("p", { class: "invoice-view__intro", text: t("invoice.intro") }),
    status,
    list,
  );

  async function load() {
    root.setAttribute("aria-busy", "true");
    try {
      /** @type {any[]} */
      const periods = await api("/api/billing/periods");
      slots.clear();
      list.replaceChildren(...periods.map((period) => card(period, exportMonth, slots)));
      if (!periods.length) status.textContent = t("invoice.none");
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status.textContent = errorText(error);
    } finally {
      root.removeAttribute("aria-busy");
    }
  }

  /** @param {string} month */
  async function exportMonth(month) {
    status.textContent = t("invoice.exporting");
    try {
      const detail = await api(`/api/billing/periods/${month}/export`, { method: "POST" });
      await load();
      status.textContent = t("invoice.exported", { month });
      slots.get(month)?.replaceChildren(...files(detail));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status.textContent = errorText(error);
    }
  }

  queueMicrotask(load);
  return root;
}

/**
 * @param {any} period
 * @param {(month: string) => Promise<void>} onExport
 * @param {Map<string, HTMLElement>} slots
 */
function card(period, onExport, slots) {
  const slot = h("div", { class: "invoice-view__files" });
  slots.set(period.month, slot);
  const button = h("button", {
    type: "button",
    class: "button button--primary invoice-view__export",
    text: t(period.locked ? "invoice.files" : "invoice.export", { month: period.month }),
  });
  button.addEventListener("click", async () => {
    button.setAttribute("aria-disabled", "true");
    if (period.locked) slot.replaceChildren(...files(await api(`/api/billing/periods/${period.month}`)));
    else await onExport(period.month);
    button.removeAttribute("aria-disabled");
  });
  return h(
    "li",
    { class: `invoice-view__period${period.locked ? " invoice-view__period--locked" : ""}` },
    h("h2", { class: "invoice-view__month", text: period.month }),
    h("p", { class: "invoice-view__facts", text: t("invoice.facts", {
      count: period.line_count, total: kronor(period.total_ore),
      state: t(period.locked ? "invoice.locked" : "invoice.open") }) }),
    button,
    slot,
  );
}

/** @param {{csv_url: string, summary_url: string, documents: Array<{url: string, counterpart: string, number: string}>}} detail */
function files(detail) {
  const link = (/** @type {string} */ href, /** @type {string} */ text) =>
    h("li", {}, h("a", { href, text, download: href.endsWith("summary") ? null : "" }));
  return [h("ul", { class: "invoice-view__file-list" },
    link(detail.csv_url, t("invoice.csv")),
    h("li", {}, h("a", { href: detail.summary_url, target: "_blank", rel: "noopener", text: t("invoice.summary") })),
    detail.documents.map((doc) => link(doc.url, t("invoice.ubl", { name: doc.counterpart, number: doc.number }))),
  )];
}
