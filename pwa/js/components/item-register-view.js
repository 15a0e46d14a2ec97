/**
 * The warehouse's list of register items (/sakregister): search, tick items (or every item of
 * the search result) and print one document of their labels, each with the item's title. Items
 * without a label get a code when printed; the list then shows it.
 */
import { h } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { getCsrfToken } from "../csrf.js";
import { stateName } from "./scan-history.js";

/** As the server bounds a print (MAX_SELECTION in backend/codes/schemas.py). */
export const MAX_SELECTION = 200;
const PAGE = 50;
const SEARCH_DELAY_MS = 250;
const STOCKS = ["L7160", "L7163", "L7162", "DK-22205", "DK-11209", "11355", "zebra-203", "zebra-300"];

/** @typedef {{id: string, title: string, state: string, location_name: string | null, code: string | null,
 *   inventory_number: string | null}} RegisterItem */

/** @returns {HTMLElement} */
export function itemRegisterView() {
  /** @type {Map<string, string>} chosen item id → title, kept across searches */
  const chosen = new Map();
  /** @type {RegisterItem[]} */
  let shown = [];
  let asked = 0;  // only the newest search may fill the list: an older answer can arrive after it
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const search = /** @type {HTMLInputElement} */ (h("input", { id: "register-search", class: "field__input",
    type: "search", autocomplete: "off", maxlength: 80, "aria-controls": "register-results" }));
  const all = /** @type {HTMLInputElement} */ (h("input", { id: "register-all", type: "checkbox",
    class: "item-register__pick" }));
  const list = h("ul", { id: "register-results", class: "item-register__list" });
  const count = h("p", { class: "item-register__count", role: "status", "aria-live": "polite" });
  const stock = /** @type {HTMLSelectElement} */ (h("select", { id: "register-stock", class: "field__input" },
    STOCKS.map((key) => h("option", { value: key, text: t(`print.stock.${key}`) }))));
  const print = /** @type {HTMLButtonElement} */ (h("button", { type: "submit", class: "button button--primary" }));
  const status = h("p", { class: "field__error", "aria-live": "assertive" });
  const result = h("p", { class: "item-register__result" });

  function update() {
    const n = chosen.size;
    count.textContent = t("register.chosen", { count: n });
    print.textContent = t("register.print", { count: n });
    print.disabled = n === 0 || n > MAX_SELECTION;
    status.textContent = n > MAX_SELECTION ? t("register.too_many", { max: MAX_SELECTION }) : "";
    all.checked = shown.length > 0 && shown.every((item) => chosen.has(item.id));
  }

  /** @param {RegisterItem} item */
  function row(item) {
    const box = /** @type {HTMLInputElement} */ (h("input", { type: "checkbox", class: "item-register__pick",
      id: `register-${item.id}`, checked: chosen.has(item.id),
      onchange: () => { if (box.checked) chosen.set(item.id, item.title); else chosen.delete(item.id); update(); } }));
    const meta = [item.inventory_number, item.location_name, stateName(item.state),
                  item.code ?? t("register.no_code")].filter(Boolean);
    return h("li", { class: "item-register__row" }, box,
      h("label", { for: `register-${item.id}`, class: "item-register__label" },
        h("span", { class: "item-register__title", text: item.title }),
        h("span", { class: "item-register__meta", text: meta.join(" · ") })));
  }

  async function load() {
    clearTimeout(timer);
    const ask = ++asked;
    list.setAttribute("aria-busy", "true");
    try {
      /** @type {RegisterItem[]} */
      const rows = await api(`/api/items?${new URLSearchParams({ q: search.value.trim(), limit: String(PAGE) })}`);
      if (ask !== asked) return;
      shown = rows;
      list.replaceChildren(...(shown.length ? shown.map(row) : [h("li", { text: t("register.none") })]));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (ask !== asked) return;
      list.replaceChildren(h("li", { text: errorText(error) }));
    } finally {
      if (ask === asked) {
        list.removeAttribute("aria-busy");
        update();
      }
    }
  }

  all.addEventListener("change", () => {
    for (const item of shown) {
      if (all.checked) chosen.set(item.id, item.title);
      else chosen.delete(item.id);
    }
    for (const box of list.querySelectorAll("input[type=checkbox]")) {
      /** @type {HTMLInputElement} */ (box).checked = all.checked;
    }
    update();
  });

  /** @param {SubmitEvent} event */
  async function onPrint(event) {
    event.preventDefault();
    print.disabled = true;
    result.replaceChildren();
    try {
      const response = await fetch("/api/labels/selection", {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": getCsrfToken() ?? "" },
        body: JSON.stringify({ item_ids: [...chosen.keys()], stock: stock.value }),
      });
      if (!response.ok) {
        const body = await response.json().catch(() => null);
        throw new ApiError({ status: response.status, code: body?.error ?? `http_${response.status}`,
                             detail: body?.detail ?? response.statusText });
      }
      const url = URL.createObjectURL(await response.blob());
      const zpl = stock.value.startsWith("zebra");
      result.replaceChildren(h("a", { class: "button button--secondary", href: url, target: "_blank", rel: "noopener",
        download: zpl ? "etiketter.zpl" : null, "data-testid": "register-document",
        text: t(zpl ? "register.open_zpl" : "register.open", { count: chosen.size }) }));
      await load();  // the items given a code now show it
    } catch (error) {
      status.textContent = error instanceof ApiError ? errorText(error) : t("error.generic");
    } finally {
      update();
    }
  }

  search.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => void load(), SEARCH_DELAY_MS);
  });
  queueMicrotask(load);
  return h("section", { class: "item-register", "aria-labelledby": "register-title" },
    h("h1", { id: "register-title", text: t("register.title") }),
    h("p", {}, h("a", { href: "/sakregister/importera", text: t("regimport.link") })),
    h("form", { class: "field", role: "search", onsubmit: (/** @type {Event} */ e) => { e.preventDefault(); load(); } },
      h("label", { for: "register-search", class: "field__label", text: t("register.search") }), search),
    h("div", { class: "item-register__all" }, all, h("label", { for: "register-all", text: t("register.all") })),
    list,
    h("form", { class: "item-register__print", novalidate: true, onsubmit: onPrint },
      count,
      h("div", { class: "field" }, h("label", { for: "register-stock", class: "field__label", text: t("print.stock") }),
        stock),
      print, status, result));
}
