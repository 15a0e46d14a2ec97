/**
 * The invoice basis: months with their lines and totals. An ended month is first shown as it would
 * be locked (its lines, and totals per counterpart and cost centre) and locked only when confirmed;
 * locking offers the CSV, the printable summary and the Peppol invoices to other municipalities.
 * The running month ("pågående") shows its lines so far.
 */
import { h } from "../dom.js";
import { errorText, getLanguage, t } from "../i18n.js";
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
    h("p", {}, h("a", { href: "/fakturaunderlag/kolumner", text: t("invoice.mapping_link") })),
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
  const state = period.locked ? "locked" : period.current ? "current" : "open";
  const button = h("button", {
    type: "button",
    class: `button ${state === "open" ? "button--primary" : "button--secondary"} invoice-view__export`,
    "aria-expanded": "false",
    text: t(`invoice.action_${state}`, { month: period.month }),
  });
  button.addEventListener("click", async () => {
    if (button.getAttribute("aria-expanded") === "true") {
      slot.replaceChildren();
      button.setAttribute("aria-expanded", "false");
      return;
    }
    button.setAttribute("aria-disabled", "true");
    const detail = await api(`/api/billing/periods/${period.month}`);
    if (state === "locked") slot.replaceChildren(...files(detail));
    else if (state === "current") slot.replaceChildren(...preview(detail));
    else slot.replaceChildren(...preview(detail), confirmLock(period.month, onExport, () => {
      slot.replaceChildren();
      button.setAttribute("aria-expanded", "false");
      button.focus();
    }));
    button.setAttribute("aria-expanded", "true");
    button.removeAttribute("aria-disabled");
  });
  return h(
    "li",
    { class: `invoice-view__period invoice-view__period--${state}${period.locked ? " invoice-view__period--locked" : ""}` },
    h("h2", { class: "invoice-view__month", text: period.month }),
    h("p", { class: "invoice-view__facts", text: t("invoice.facts", {
      count: period.line_count, total: kronor(period.total_ore), state: t(`invoice.${state}`) }) }),
    button,
    slot,
  );
}

/**
 * A month as it stands: totals per paying municipality and per cost centre, then every line with
 * what it is for (the thing, its dates, the booking).
 * @param {any} detail
 */
function preview(detail) {
  const month = detail.period.month;
  return [
    table(`${month}-counterparts`, t("invoice.by_counterpart"), [t("invoice.col_payer"), t("invoice.col_lines"),
      t("invoice.col_amount")], detail.by_counterpart.map((/** @type {any} */ g) =>
      [g.payer_municipality, String(g.line_count), kronor(g.total_ore)])),
    table(`${month}-centres`, t("invoice.by_cost_centre"), [t("invoice.col_cost_centre"), t("invoice.col_lines"),
      t("invoice.col_amount")], detail.by_cost_centre.map((/** @type {any} */ g) =>
      [`${g.payer_cost_centre} ${g.payer_unit} (${g.payer_municipality})`, String(g.line_count),
        kronor(g.total_ore)])),
    h("div", { class: "invoice-view__table-wrap", tabindex: "0", role: "region", "aria-labelledby": `${month}-lines-caption` },
      h("table", { class: "invoice-view__table" },
        h("caption", { id: `${month}-lines-caption`, text: t("invoice.lines", { count: detail.lines.length }) }),
        h("thead", {}, h("tr", {}, [t("invoice.col_what"), t("invoice.col_amount")]
          .map((c) => h("th", { scope: "col", text: c })))),
        // Two columns, so a phone shows what each line is for, its dates and payer beside the amount.
        h("tbody", {}, detail.lines.map((/** @type {any} */ line) => h("tr", {},
          h("td", {}, h("span", { class: "invoice-view__what", text: line.description }),
            dates(line) ? h("span", { class: "invoice-view__dates", text: dates(line) }) : null,
            h("span", { class: "invoice-view__dates", text: t("invoice.payer", {
              payer: `${line.payer_cost_centre} ${line.payer_unit} (${line.payer_municipality})` }) }),
            line.booking_id ? h("a", { href: `/bokningar/${line.booking_id}`, text: t("invoice.booking") }) : null),
          h("td", { class: "invoice-view__amount", text: kronor(line.amount_ore) })))))),
  ];
}

/** @param {any} line @returns {string} the days the line covers, or "" */
function dates(line) {
  if (!line.period_start) return "";
  const format = new Intl.DateTimeFormat(getLanguage() === "en" ? "en-GB" : "sv-SE", { dateStyle: "medium" });
  const day = (/** @type {string} */ iso) => format.format(new Date(`${iso}T12:00:00`));
  return line.period_end && line.period_end !== line.period_start
    ? `${day(line.period_start)} – ${day(line.period_end)}` : day(line.period_start);
}

/**
 * The irreversible step, asked for after the month is shown: what locking does, lock, or not now.
 * @param {string} month @param {(month: string) => Promise<void>} onExport @param {() => void} onCancel
 */
function confirmLock(month, onExport, onCancel) {
  const yes = h("button", { type: "button", class: "button button--primary", text: t("invoice.lock", { month }) });
  yes.addEventListener("click", async () => {
    yes.setAttribute("aria-disabled", "true");
    await onExport(month);
  });
  return h("div", { class: "invoice-view__confirm", role: "group", "aria-labelledby": `${month}-confirm` },
    h("p", { id: `${month}-confirm`, text: t("invoice.lock_question", { month }) }),
    h("div", { class: "invoice-view__answers" }, yes,
      h("button", { type: "button", class: "button button--secondary", text: t("invoice.not_now"), onclick: onCancel })));
}

/** @param {string} id @param {string} caption @param {string[]} head @param {string[][]} rows */
function table(id, caption, head, rows) {
  return h("div", { class: "invoice-view__table-wrap", tabindex: "0", role: "region", "aria-labelledby": `${id}-caption` },
    h("table", { class: "invoice-view__table" },
      h("caption", { id: `${id}-caption`, text: caption }),
      h("thead", {}, h("tr", {}, head.map((c) => h("th", { scope: "col", text: c })))),
      h("tbody", {}, rows.map((r) => h("tr", {}, r.map((c, i) => h("td", { class: i ? "invoice-view__amount" : null,
                                                                           text: c })))))));
}

/**
 * @param {{csv_url: string, mapped_csv_url: string, summary_url: string,
 *   documents: Array<{url: string, counterpart: string, number: string}>}} detail
 */
function files(detail) {
  const link = (/** @type {string} */ href, /** @type {string} */ text) =>
    h("li", {}, h("a", { href, text, download: href.endsWith("summary") ? null : "" }));
  return [h("ul", { class: "invoice-view__file-list" },
    link(detail.csv_url, t("invoice.csv")),
    link(detail.mapped_csv_url, t("invoice.mapped_csv")),
    h("li", {}, h("a", { href: detail.summary_url, target: "_blank", rel: "noopener", text: t("invoice.summary") })),
    detail.documents.map((doc) => link(doc.url, t("invoice.ubl", { name: doc.counterpart, number: doc.number }))),
  )];
}
