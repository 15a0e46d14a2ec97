/**
 * Printing labels (/skriv-ut): a pre-printed batch, or the item or place in the address
 * (?item=, ?location=), on an A4 sheet, a label roll or a Zebra printer, with a preview.
 */
import { h, replaceChildren } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { api } from "../api.js";

/** Stock keys as the server knows them; sheets can start at a position and have offsets. */
const STOCKS = ["L7160", "L7163", "L7162", "DK-22205", "DK-11209", "11355", "zebra-203", "zebra-300"];
/** @type {Record<string, number>} labels per sheet, by stock key */
const CELLS = { L7160: 21, L7163: 14, L7162: 16 };

/** @returns {HTMLElement} */
export function printView() {
  const params = new URLSearchParams(location.search);
  const item = params.get("item");
  const place = params.get("location");
  /** @type {[string, string] | null} the one item or place to print, named in the address */
  const fixed = item ? ["item", item] : place ? ["location", place] : null;
  const form = /** @type {HTMLFormElement} */ (h("form", { class: "print-view__form", novalidate: true }));
  const preview = h("div", { class: "print-view__preview", "aria-live": "polite" });
  const status = h("p", { class: "field__error", "aria-live": "assertive" });
  const open = /** @type {HTMLAnchorElement} */ (h("a", { class: "button button--primary", text: t("print.open"), target: "_blank", rel: "noopener" }));
  const calibrate = /** @type {HTMLAnchorElement} */ (h("a", { class: "button button--secondary", text: t("print.calibrate"), target: "_blank", rel: "noopener" }));
  const batchSelect = /** @type {HTMLSelectElement} */ (h("select", { id: "print-batch", name: "batch", class: "field__input" }));

  const stock = select("print-stock", "stock", STOCKS.map((key) => [key, t(`print.stock.${key}`)]));
  const start = number("print-start", "start", 1, 1, 21, 1);
  const offsetX = number("print-dx", "offset_x", 0, -10, 10, 0.5);
  const offsetY = number("print-dy", "offset_y", 0, -10, 10, 0.5);
  const sheetOnly = h("div", { class: "print-view__sheet" },
    field("print-start", t("print.start"), start, t("print.start_hint")),
    h("div", { class: "print-view__offsets" },
      field("print-dx", t("print.offset_x"), offsetX), field("print-dy", t("print.offset_y"), offsetY)));

  /** @param {string} output */
  function query(output) {
    const q = new URLSearchParams({ stock: stock.value, output });
    if (fixed) q.set(fixed[0], fixed[1]);
    else if (batchSelect.value) q.set("batch", batchSelect.value);
    if (CELLS[stock.value]) {
      q.set("start", start.value || "1");
      q.set("offset_x", offsetX.value || "0");
      q.set("offset_y", offsetY.value || "0");
    }
    return `/api/labels?${q}`;
  }

  function refresh() {
    const sheet = Boolean(CELLS[stock.value]);
    sheetOnly.hidden = !sheet;
    start.max = String(CELLS[stock.value] ?? 1);
    calibrate.hidden = !sheet;
    calibrate.href = `/api/labels/calibration?${new URLSearchParams({ stock: stock.value, offset_x: offsetX.value || "0", offset_y: offsetY.value || "0" })}`;
    const ready = Boolean(fixed || batchSelect.value);
    open.hidden = !ready;
    if (!ready) return preview.replaceChildren(h("p", { text: t("print.choose") }));
    open.href = query("document");
    open.textContent = t(stock.value.startsWith("zebra") ? "print.open_zpl" : "print.open");
    // dom.js's replaceChildren skips the page image on a roll; the DOM's would show "null".
    replaceChildren(preview,
      h("h2", { text: t("print.preview") }),
      h("img", { class: "print-view__label", src: query("label-png"), alt: t("print.preview_label_alt") }),
      sheet ? h("img", { class: "print-view__page", src: query("page-png"), alt: t("print.preview_page_alt") }) : null,
    );
  }

  /** @param {string | null} selected the batch to choose once the list is there */
  async function loadBatches(selected) {
    try {
      /** @type {any[]} */
      const batches = await api("/api/code-batches");
      batchSelect.replaceChildren(h("option", { value: "", text: t("print.batch_none") }),
        ...batches.map((b) => h("option", { value: b.id, selected: b.id === selected, text: t("print.batch_option", { name: b.name, size: b.size, unlinked: b.unlinked }) })));
    } catch (error) {
      status.textContent = errorText(error);
    }
    refresh();
  }

  const newName = /** @type {HTMLInputElement} */ (h("input", { id: "batch-name", class: "field__input", maxlength: 200 }));
  const newSize = number("batch-size", "size", 21, 1, 1000, 1);
  async function createBatch() {
    status.textContent = "";
    if (!newName.value.trim()) {
      status.textContent = t("print.batch_name_missing");
      newName.focus();
      return;
    }
    try {
      const batch = await api("/api/code-batches", { method: "POST", body: { name: newName.value.trim(), size: Number(newSize.value) } });
      newName.value = "";
      await loadBatches(batch.id);
      batchSelect.focus();
    } catch (error) {
      status.textContent = errorText(error);
    }
  }

  form.addEventListener("change", refresh);
  form.addEventListener("submit", (event) => event.preventDefault());
  form.append(
    fixed
      ? h("p", { class: "print-view__what", text: t(fixed[0] === "item" ? "print.one_item" : "print.one_place") })
      : h("div", {},
          field("print-batch", t("print.batch"), batchSelect),
          h("details", { class: "print-view__new" },
            h("summary", { text: t("print.batch_new") }),
            field("batch-name", t("print.batch_name"), newName),
            field("batch-size", t("print.batch_size"), newSize),
            h("button", { type: "button", class: "button button--secondary", text: t("print.batch_create"), onclick: createBatch }))),
    field("print-stock", t("print.stock"), stock),
    sheetOnly,
  );
  if (!fixed) loadBatches(params.get("batch"));
  else queueMicrotask(refresh);

  return h("section", { class: "print-view", "aria-labelledby": "print-title" },
    h("h1", { id: "print-title", text: t("print.title") }),
    fixed ? null : h("p", {}, h("a", { href: "/sakregister", text: t("register.link") })),
    form, status, h("div", { class: "print-view__actions" }, open, calibrate), preview);
}

/** @param {string} id @param {string} label @param {HTMLElement} control @param {string} [hint] */
function field(id, label, control, hint) {
  return h("div", { class: "field" }, h("label", { for: id, class: "field__label", text: label }),
    hint ? h("p", { class: "print-view__hint", text: hint }) : null, control);
}

/** @param {string} id @param {string} name @param {[string, string][]} options */
function select(id, name, options) {
  return /** @type {HTMLSelectElement} */ (h("select", { id, name, class: "field__input" },
    options.map(([value, text]) => h("option", { value, text }))));
}

/** @param {string} id @param {string} name @param {number} value @param {number} min @param {number} max @param {number} step */
function number(id, name, value, min, max, step) {
  return /** @type {HTMLInputElement} */ (h("input", { id, name, type: "number", inputmode: "decimal", class: "field__input",
    value: String(value), min: String(min), max: String(max), step: String(step) }));
}
