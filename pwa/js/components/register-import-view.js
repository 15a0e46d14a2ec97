/**
 * The item register from a file (/sakregister/importera): choose an Excel workbook or a CSV file,
 * check which register field each column is read into (the headers suggest it), see what the
 * import would do and every row in error, then import it all at once. The server writes nothing
 * while any row is in error, so the button is offered only for a clean preview. The register can
 * be downloaded as Excel or CSV here too; importing that file again, edited, updates the items.
 */
import { h } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { api, ApiError } from "../api.js";

/** As the server bounds a file (MAX_BYTES and MAX_ROWS in backend/register/transfer.py). */
const MAX_MB = 10;
const MAX_ROWS = 20000;

/** @typedef {{column: string, code: string, detail: string, value: string}} CellError */
/** @typedef {{row: number, action: string, title: string, inventory_number: string, errors: CellError[]}} ImportRow */
/** @typedef {{index: number, header: string, key: string}} Column */
/** @typedef {{columns: Column[], fields: {key: string, name: string}[], rows: ImportRow[], total: number,
 *   created: number, updated: number, unchanged: number, errors: number, applied: boolean}} ImportReport */

/** @returns {HTMLElement} */
export function registerImportView() {
  const input = /** @type {HTMLInputElement} */ (h("input", {
    id: "register-import-file", type: "file", class: "field__input", "aria-describedby": "register-import-rules",
    accept: ".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv" }));
  const progress = h("div", { class: "register-import__progress", hidden: true },
    h("progress", { "aria-labelledby": "register-import-status" }));
  const status = h("p", { id: "register-import-status", class: "register-import__status", role: "status",
                          "aria-live": "polite" });
  const problem = h("p", { class: "field__error", role: "alert" });
  const mappingBox = h("div", { class: "register-import__mapping" });
  const preview = h("div", { class: "register-import__preview" });
  /** @type {string[] | null} */
  let mapping = null;
  let asked = 0;
  let rowsInFile = 0;

  /** @param {boolean} on @param {string} text */
  function busy(on, text = "") {
    progress.hidden = !on;
    root.setAttribute("aria-busy", String(on));
    if (!on) root.removeAttribute("aria-busy");
    status.textContent = text;
    // Once done, the summary is on the screen below; the status still says it to a screen reader.
    status.classList.toggle("register-import__status--quiet", !on);
  }

  /** @param {string} path */
  function send(path) {
    const file = /** @type {File} */ (input.files?.[0]);
    const body = new FormData();
    body.append("file", file, file.name);
    if (mapping) body.append("mapping", JSON.stringify(mapping));
    return api(path, { method: "POST", body });
  }

  async function showPreview() {
    const ask = ++asked;
    preview.replaceChildren();
    problem.textContent = "";
    if (!input.files?.length) {
      mappingBox.replaceChildren();
      return;
    }
    busy(true, t("regimport.reading"));
    try {
      /** @type {ImportReport} */
      const report = await send("/api/register/import/preview");
      if (ask !== asked) return;
      mapping = report.columns.map((c) => c.key);
      rowsInFile = report.total;
      mappingBox.replaceChildren(mappingTable(report));
      preview.replaceChildren(...previewParts(report));
      busy(false, t("regimport.summary", counts(report)));
    } catch (error) {
      if (ask !== asked) return;
      busy(false);
      if (!(error instanceof ApiError)) throw error;
      problem.textContent = fileError(error);
    }
  }

  /** @param {ImportReport} report */
  function mappingTable(report) {
    const options = [{ key: "", name: t("regimport.skip") }, ...report.fields];
    return h("fieldset", { class: "register-import__columns" },
      h("legend", { text: t("regimport.columns") }),
      h("p", { class: "register-import__hint", text: t("regimport.columns_hint") }),
      report.columns.map((column) => {
        const id = `register-import-col-${column.index}`;
        const select = /** @type {HTMLSelectElement} */ (h("select", { id, class: "field__input" },
          options.map((o) => h("option", { value: o.key, text: o.name, selected: o.key === column.key }))));
        select.addEventListener("change", () => {
          if (!mapping) return;
          mapping[column.index] = select.value;
          void showPreview();
        });
        return h("div", { class: "register-import__column" },
          h("label", { for: id, class: "field__label", text: t("regimport.column", { header: column.header || "–" }) }),
          select);
      }));
  }

  /** @param {ImportReport} report */
  function previewParts(report) {
    /** @type {HTMLElement[]} */
    const parts = [h("p", { class: "register-import__summary", text: t("regimport.summary", counts(report)) })];
    const wrong = report.rows.filter((r) => r.action === "error");
    if (wrong.length) {
      parts.push(h("p", { class: "register-import__problem", text: t("regimport.fix", { count: report.errors }) }),
                 rowsTable(wrong, "regimport.caption_errors"));
    } else {
      parts.push(rowsTable(report.rows, "regimport.caption_sample"));
      if (report.created + report.updated === 0) {
        parts.push(h("p", { class: "register-import__note", text: t("regimport.nothing") }));
      } else {
        parts.push(h("button", { type: "button", class: "button button--primary register-import__submit",
          text: t("regimport.submit", { count: report.created + report.updated }), onclick: runImport }));
      }
    }
    return parts;
  }

  /** @param {Event} event */
  async function runImport(event) {
    const button = /** @type {HTMLButtonElement} */ (event.currentTarget);
    button.disabled = true;
    input.disabled = true;
    mappingBox.querySelector("fieldset")?.setAttribute("disabled", "");
    busy(true, t("regimport.importing", { count: rowsInFile, rows: rowsInFile.toLocaleString("sv-SE") }));
    try {
      /** @type {ImportReport} */
      const report = await send("/api/register/import");
      asked++;
      preview.replaceChildren(h("p", { class: "register-import__done", tabindex: "-1", text: t("regimport.done", counts(report)) }),
        h("p", {}, h("a", { href: "/sakregister", text: t("regimport.to_register") })));
      mappingBox.replaceChildren();
      busy(false, t("regimport.done", counts(report)));
      input.value = "";
      /** @type {HTMLElement} */ (preview.firstElementChild).focus();
    } catch (error) {
      busy(false);
      if (!(error instanceof ApiError)) throw error;
      if (error.status === 422) {
        await showPreview();
        problem.textContent = t("regimport.refused");
      } else {
        button.disabled = false;
        problem.textContent = fileError(error);
      }
    } finally {
      input.disabled = false;
    }
  }

  input.addEventListener("change", () => {
    mapping = null;
    void showPreview();
  });
  const root = h("section", { class: "register-import", "aria-labelledby": "register-import-title" },
    h("h1", { id: "register-import-title", text: t("regimport.title") }),
    h("p", { text: t("regimport.intro") }),
    h("div", { class: "register-import__export" },
      h("a", { class: "button button--secondary", href: "/api/register/export.xlsx", download: "",
               text: t("regimport.export_xlsx") }),
      h("a", { class: "button button--secondary", href: "/api/register/export.csv", download: "",
               text: t("regimport.export_csv") })),
    h("div", { class: "field" },
      h("label", { class: "field__label", for: input.id, text: t("regimport.file") }), input,
      h("p", { id: "register-import-rules", class: "field__hint",
               text: t("regimport.rules", { mb: MAX_MB, rows: MAX_ROWS.toLocaleString("sv-SE") }) })),
    progress, status, problem, mappingBox, preview);
  return root;
}

/** @param {ImportReport} report */
function counts({ total, created, updated, unchanged, errors }) {
  return { total, created, updated, unchanged, errors };
}

/** @param {ApiError} error */
function fileError(error) {
  const own = `regimport.error.${error.code}`;
  const text = t(own, { mb: MAX_MB, rows: MAX_ROWS.toLocaleString("sv-SE") });
  return text === own ? errorText(error) : text;
}

/** @param {ImportRow[]} rows @param {string} caption */
function rowsTable(rows, caption) {
  const id = `register-import-${caption.replace(/\W/g, "-")}`;
  return h("div", { class: "register-import__table-wrap", tabindex: "0", role: "region", "aria-labelledby": id },
    h("table", { class: "register-import__table" },
      h("caption", { id, text: t(caption) }),
      h("thead", {}, h("tr", {}, ["regimport.col_row", "regimport.col_what", "regimport.col_number",
                                   "regimport.col_title"].map((key) => h("th", { scope: "col", text: t(key) })))),
      h("tbody", {}, rows.map((row) => h("tr", { class: `register-import__row register-import__row--${row.action}` },
        h("th", { scope: "row", text: String(row.row) }),
        h("td", { class: "register-import__what", text: what(row) }),
        h("td", { text: row.inventory_number }),
        h("td", { text: row.title }))))));
}

/** @param {ImportRow} row */
function what(row) {
  if (row.action !== "error") return t(`regimport.action_${row.action}`);
  return row.errors.map((e) => {
    const key = `regimport.cell.${e.code}`;
    const text = t(key);
    const said = text === key ? t("regimport.cell.other") : text;
    return `${e.column ? `${e.column}: ` : ""}${said}${e.value ? ` (${e.value})` : ""}`;
  }).join("; ");
}
