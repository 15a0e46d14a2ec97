/**
 * The finance system's columns (/fakturaunderlag/kolumner): which columns the month's CSV for the
 * finance system has, in which order, under which headers, with which date format and decimal
 * separator. Rows move with buttons (no dragging needed); every error sits next to its field.
 */
import { h } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { api, ApiError } from "../api.js";

/** The most columns a file may have (the server's bound). */
const MAX_COLUMNS = 20;
const DATE_FORMATS = ["iso", "compact", "dmy_dot"];
const SEPARATORS = [",", "."];
/** The server's refusals this screen words itself. */
const OWN_ERRORS = ["unknown_column", "duplicate_column", "empty_header", "stale_version"];

/** @typedef {{column: string, header: string}} Column */
/**
 * @typedef {object} Mapping what GET /api/billing/mapping answers
 * @property {Column[]} columns
 * @property {string} date_format
 * @property {string} decimal_separator
 * @property {number} version
 * @property {boolean} saved
 * @property {Column[]} available every column the file can have, with Delbar's own header
 */

/** @returns {HTMLElement} */
export function mappingView() {
  const status = h("p", { class: "mapping-view__status", role: "status", "aria-live": "polite" });
  const list = h("ol", { class: "mapping-view__columns", "aria-labelledby": "mapping-columns" });
  const formError = h("p", { class: "field__error", id: "mapping-error", hidden: true });
  const add = h("button", { type: "button", class: "button button--secondary", text: t("mapping.add") });
  const dates = choiceGroup("date_format", t("mapping.date_format"), DATE_FORMATS, (v) => t(`mapping.date_${v}`));
  const separators = choiceGroup("decimal_separator", t("mapping.decimal"), SEPARATORS,
    (v) => t(v === "," ? "mapping.decimal_comma" : "mapping.decimal_point"));
  const save = h("button", { type: "submit", class: "button button--primary", text: t("mapping.save") });
  const form = h("form", { class: "mapping-view__form", novalidate: true },
    h("h2", { id: "mapping-columns", text: t("mapping.columns") }), list, add, dates.element, separators.element,
    formError, save);
  const root = h("section", { class: "mapping-view", "aria-labelledby": "mapping-title" },
    h("p", {}, h("a", { href: "/fakturaunderlag", text: t("mapping.back") })),
    h("h1", { id: "mapping-title", text: t("mapping.title") }),
    h("p", { text: t("mapping.intro") }),
    status, form);

  /** @type {Mapping | null} */
  let mapping = null;

  function rows() {
    return /** @type {HTMLLIElement[]} */ ([...list.children]);
  }

  /** Number the rows, and enable only the moves that make sense. */
  function renumber() {
    rows().forEach((row, index) => {
      const n = index + 1;
      row.querySelector(".mapping-view__number")?.replaceChildren(t("mapping.column_number", { n }));
      const [up, down] = /** @type {HTMLButtonElement[]} */ ([...row.querySelectorAll(".mapping-view__move")]);
      up.disabled = index === 0;
      down.disabled = index === rows().length - 1;
      for (const button of row.querySelectorAll("button")) {
        button.setAttribute("aria-label", t(`mapping.${button.dataset.action}_label`, { n }));
      }
    });
    add.toggleAttribute("disabled", rows().length >= MAX_COLUMNS);
  }

  /** @param {Column} column */
  function row(column) {
    const key = `m${Math.random().toString(36).slice(2, 8)}`;
    const select = /** @type {HTMLSelectElement} */ (h("select", { id: `${key}-column`, class: "field__input" },
      (mapping?.available ?? []).map((c) => h("option", { value: c.column, text: t(`mapping.col_${c.column}`),
                                                          selected: c.column === column.column }))));
    const header = /** @type {HTMLInputElement} */ (h("input", { type: "text", id: `${key}-header`, class: "field__input",
      value: column.header, maxlength: 60, autocomplete: "off" }));
    const error = h("p", { class: "field__error", id: `${key}-error`, hidden: true });
    select.addEventListener("change", () => {
      // A new column starts under its own name, unless the header was already changed.
      const before = mapping?.available.find((c) => c.header === header.value);
      if (!header.value || before) header.value = mapping?.available.find((c) => c.column === select.value)?.header ?? "";
    });
    const item = /** @type {HTMLLIElement} */ (h("li", { class: "mapping-view__column" },
      h("p", { class: "mapping-view__number" }),
      h("div", { class: "field" }, h("label", { class: "field__label", for: select.id, text: t("mapping.column") }), select),
      h("div", { class: "field" }, h("label", { class: "field__label", for: header.id, text: t("mapping.header") }),
        error, header),
      h("div", { class: "mapping-view__actions" },
        button("up", "↑", () => move(item, -1)), button("down", "↓", () => move(item, 1)),
        h("button", { type: "button", class: "button button--secondary", "data-action": "remove",
                      text: t("mapping.remove"), onclick: () => remove(item) }))));
    return item;
  }

  /** @param {string} action @param {string} text @param {() => void} onclick */
  function button(action, text, onclick) {
    return h("button", { type: "button", class: "button button--secondary mapping-view__move", "data-action": action,
                         text, onclick });
  }

  /** @param {HTMLLIElement} item @param {number} by */
  function move(item, by) {
    const index = rows().indexOf(item);
    const target = rows()[index + by];
    if (!target) return;
    if (by < 0) list.insertBefore(item, target);
    else list.insertBefore(target, item);
    renumber();
    /** @type {HTMLButtonElement | null} */ (item.querySelector(`[data-action="${by < 0 ? "up" : "down"}"]:not(:disabled)`)
      ?? item.querySelector("select"))?.focus();
    status.textContent = t("mapping.moved", { n: rows().indexOf(item) + 1 });
  }

  /** @param {HTMLLIElement} item */
  function remove(item) {
    if (rows().length === 1) {
      showError(t("mapping.need_one"));
      return;
    }
    const next = item.nextElementSibling ?? item.previousElementSibling;
    item.remove();
    renumber();
    /** @type {HTMLElement | null} */ (next?.querySelector("select") ?? null)?.focus();
    status.textContent = t("mapping.removed");
  }

  /** @param {string} message */
  function showError(message) {
    formError.textContent = message;
    formError.hidden = !message;
  }

  add.addEventListener("click", () => {
    const used = new Set(collect().map((c) => c.column));
    const next = mapping?.available.find((c) => !used.has(c.column)) ?? mapping?.available[0];
    if (!next) return;
    const item = row(next);
    list.append(item);
    renumber();
    item.querySelector("select")?.focus();
  });

  /** @returns {Column[]} */
  function collect() {
    return rows().map((item) => ({
      column: /** @type {HTMLSelectElement} */ (item.querySelector("select")).value,
      header: /** @type {HTMLInputElement} */ (item.querySelector("input")).value.trim(),
    }));
  }

  /** Check what a person can fix before sending: each header filled, each column once. */
  function check() {
    /** @type {HTMLElement | null} */
    let first = null;
    const seen = new Set();
    for (const item of rows()) {
      const select = /** @type {HTMLSelectElement} */ (item.querySelector("select"));
      const input = /** @type {HTMLInputElement} */ (item.querySelector("input"));
      const error = /** @type {HTMLElement} */ (item.querySelector(".field__error"));
      const message = !input.value.trim() ? t("mapping.need_header")
        : seen.has(select.value) ? t("mapping.twice", { column: t(`mapping.col_${select.value}`) }) : "";
      seen.add(select.value);
      error.textContent = message;
      error.hidden = !message;
      if (message) {
        input.setAttribute("aria-invalid", "true");
        input.setAttribute("aria-describedby", error.id);
        first ??= input;
      } else {
        input.removeAttribute("aria-invalid");
        input.removeAttribute("aria-describedby");
      }
    }
    first?.focus();
    return !first;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    showError("");
    if (!mapping || !check()) return;
    save.setAttribute("aria-disabled", "true");
    try {
      mapping = { ...mapping, ...await api("/api/billing/mapping", { method: "PUT", body: {
        columns: collect(), date_format: dates.value(), decimal_separator: separators.value(),
        version: mapping.version } }) };
      status.textContent = t("mapping.saved");
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      showError(OWN_ERRORS.includes(error.code) ? t(`mapping.error_${error.code}`) : errorText(error));
    } finally {
      save.removeAttribute("aria-disabled");
    }
  });

  queueMicrotask(async () => {
    root.setAttribute("aria-busy", "true");
    try {
      mapping = /** @type {Mapping} */ (await api("/api/billing/mapping"));
      list.replaceChildren(...mapping.columns.map(row));
      dates.set(mapping.date_format);
      separators.set(mapping.decimal_separator);
      renumber();
      status.textContent = t(mapping.saved ? "mapping.loaded_saved" : "mapping.loaded_default");
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status.textContent = errorText(error);
    } finally {
      root.removeAttribute("aria-busy");
    }
  });
  return root;
}

/**
 * Radio buttons in a fieldset.
 * @param {string} name @param {string} legend @param {string[]} values @param {(v: string) => string} label
 */
function choiceGroup(name, legend, values, label) {
  const element = h("fieldset", { class: "mapping-view__choices" }, h("legend", { text: legend }),
    values.map((value) => h("label", { class: "mapping-view__choice" },
      h("input", { type: "radio", name, value }), " ", label(value))));
  const inputs = () => /** @type {HTMLInputElement[]} */ ([...element.querySelectorAll("input")]);
  return {
    element,
    value: () => inputs().find((i) => i.checked)?.value ?? values[0],
    /** @param {string} value */
    set(value) { for (const i of inputs()) i.checked = i.value === value; },
  };
}
