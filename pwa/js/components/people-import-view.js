/**
 * Importing people and units from an HR system's CSV file (/admin/importera): choose a file, see
 * what happens to each row (new person, changed fields, unchanged, errors), then import it all
 * at once. The server refuses a file with any row in error, so the button only offers a file
 * whose preview is clean; a second import of the same file says that nothing changed.
 */
import { h } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { adminPage } from "./admin-page.js";

/** @typedef {{code: string, detail: string, value: string}} RowError */
/** @typedef {{row: number, email: string, name: string, unit: string, action: string, changes: string[],
 *   new_unit: boolean, errors: RowError[]}} ImportRow */
/** @typedef {{rows: ImportRow[], created: number, updated: number, unchanged: number, errors: number,
 *   new_units: string[], ignored_columns: string[], applied: boolean, changed: boolean}} ImportReport */

/** @returns {HTMLElement} */
export function peopleImportView() {
  const input = /** @type {HTMLInputElement} */ (h("input", {
    id: "import-file", type: "file", class: "field__input", accept: ".csv,text/csv,text/plain",
    "aria-describedby": "import-columns" }));
  const preview = h("div", { class: "people-import__preview" });
  const result = h("div", { class: "people-import__result", tabindex: "-1" });
  const page = adminPage({ id: "people-import", titleKey: "import.title", intro: t("import.intro") },
    h("p", { id: "import-columns", class: "admin-page__note", text: t("import.columns") }),
    h("div", { class: "field people-import__file" },
      h("label", { class: "field__label", for: input.id, text: t("import.file") }), input),
    preview, result);

  /** @param {string} path */
  function send(path) {
    const file = input.files?.[0];
    const body = new FormData();
    if (file) body.append("file", file, file.name);
    return api(path, { method: "POST", body });
  }

  async function showPreview() {
    preview.replaceChildren();
    result.replaceChildren();
    if (!input.files?.length) return;
    page.busy(true);
    page.say(t("import.reading"));
    try {
      /** @type {ImportReport} */
      const report = await send("/api/admin/import/preview");
      page.say("");
      preview.replaceChildren(...previewParts(report));
    } catch (error) {
      page.refuse(error);
    } finally {
      page.busy(false);
    }
  }

  /** @param {ImportReport} report */
  function previewParts(report) {
    /** @type {HTMLElement[]} */
    const parts = [h("p", { class: "people-import__summary", text: t("import.summary", counts(report)) })];
    if (report.new_units.length) parts.push(h("p", { text: t("import.new_units", { units: report.new_units.join(", ") }) }));
    if (report.ignored_columns.length) {
      parts.push(h("p", { class: "admin-page__note", text: t("import.ignored", { columns: report.ignored_columns.join(", ") }) }));
    }
    parts.push(rowsTable(report.rows));
    if (report.errors) {
      parts.push(h("p", { class: "admin-page__problem", text: t("import.fix_errors", { count: report.errors }) }));
    } else {
      if (!report.changed) parts.push(h("p", { class: "admin-page__note", text: t("import.nothing_to_do") }));
      const count = report.rows.length;
      parts.push(h("button", { type: "button", class: "button button--primary people-import__submit",
                               text: t("import.submit", { count }), onclick: runImport }));
    }
    return parts;
  }

  async function runImport(/** @type {Event} */ event) {
    const button = /** @type {HTMLButtonElement} */ (event.currentTarget);
    button.disabled = true;
    page.busy(true);
    try {
      /** @type {ImportReport} */
      const report = await send("/api/admin/import");
      preview.replaceChildren();
      showResult(report);
    } catch (error) {
      if (error instanceof ApiError && error.status === 422) {
        await showPreview();
        page.warn(t("import.refused"));
      } else {
        button.disabled = false;
        page.refuse(error);
      }
    } finally {
      page.busy(false);
    }
  }

  /** @param {ImportReport} report */
  function showResult(report) {
    const done = report.changed ? t("import.done", counts(report)) : t("import.done_nothing");
    page.say(done);
    result.replaceChildren(
      report.new_units.length ? h("p", { text: t("import.done_units", { units: report.new_units.join(", ") }) }) : "",
      rowsTable(report.rows),
      h("p", {}, h("a", { href: "/admin/anvandare", text: t("import.to_users") })));
    input.value = "";
  }

  input.addEventListener("change", showPreview);
  return page.element;
}

/**
 * The rows in a box that scrolls sideways on a phone; the box takes keyboard focus so the
 * columns beyond the edge can be reached without a mouse.
 * @param {ImportRow[]} rows
 */
function rowsTable(rows) {
  // What happens comes right after the row number: on a phone it is the column in view.
  const head = ["import.col_row", "import.col_what", "import.col_email", "import.col_name", "import.col_unit"];
  return h("div", { class: "people-import__table-wrap", tabindex: "0", role: "region",
                    "aria-labelledby": "people-import-caption" },
    h("table", { class: "people-import__table" },
      h("caption", { id: "people-import-caption", text: t("import.caption") }),
      h("thead", {}, h("tr", {}, head.map((key) => h("th", { scope: "col", text: t(key) })))),
      h("tbody", {}, rows.map((row) => h("tr", { class: `people-import__row people-import__row--${row.action}` },
        h("th", { scope: "row", text: String(row.row) }),
        h("td", { class: "people-import__what", text: what(row) }),
        h("td", { class: "people-import__email", text: row.email }),
        h("td", { text: row.name }),
        h("td", { text: row.unit }))))));
}

/** @param {ImportReport} report */
function counts({ created, updated, unchanged, errors }) {
  return { created, updated, unchanged, errors };
}

/** @param {ImportRow} row */
function what(row) {
  if (row.action === "error") {
    const errors = row.errors.map((e) => (e.value ? `${t(`import.error.${e.code}`)} (${e.value})` : t(`import.error.${e.code}`)));
    return t("import.action_error", { errors: errors.join("; ") });
  }
  const text = row.action === "create" ? t("import.action_create")
    : row.action === "update" ? t("import.action_update", { fields: row.changes.map((f) => t(`import.field_${f}`)).join(", ") })
      : t("import.action_unchanged");
  return row.new_unit ? `${text} (${t("import.new_unit")})` : text;
}
