/**
 * The catalogue's filters: a sheet opened by "Filter (2)" (a modal dialog: focus stays inside,
 * Escape closes it, focus returns to the button), and the filters in use as removable chips
 * above the results ("Möbler ×", "Rensa alla"). The sheet's controls belong to the search form,
 * so submitting it sends them with the words and the sort.
 */
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { categoryOptions } from "./listing-card.js";

/** The filters the search URL can hold, in the order their chips are shown. */
export const FILTERS = ["kind", "category_id", "deal", "condition", "municipality_id", "availability"];
const KINDS = ["furniture", "equipment", "service", "staffing"];
const DEALS = ["give", "lend", "rent", "sell"];
const CONDITIONS = ["new", "good", "used", "worn", "broken"];

/**
 * @typedef {object} FilterDrawer
 * @property {HTMLButtonElement} button "Filter (2)": opens the sheet
 * @property {HTMLDialogElement} dialog the sheet (inside the search form)
 * @property {(categories: any[], municipalities: any[]) => void} fill the options read from the server
 */

/** The facets whose options get a count of their hits ("Möbel (412)"). */
const COUNTED = { kind: "kind", deal: "deal", category_id: "category", condition: "condition",
                  municipality_id: "municipality" };

/**
 * @param {object} props
 * @param {URLSearchParams} props.params the search as the URL has it
 * @param {() => void} props.onClearAll "Rensa alla": the same words, no filters
 * @param {() => Promise<any>} props.counts the search's hits per facet (a page with `facets`), asked
 *   when the sheet opens: a page of results does not need them, and they cost more than the page
 * @returns {FilterDrawer}
 */
export function filterDrawer({ params, onClearAll, counts }) {
  const count = activeFilters(params).length;
  const button = h("button", { type: "button", class: "button button--secondary listing-search__filter-button",
                               "aria-haspopup": "dialog", "aria-controls": "search-filters",
                               text: count ? t("catalog.filter_open_count", { count }) : t("catalog.filter_open") });
  const kind = select("search-kind", "kind", KINDS.map((k) => option(k, `catalog.kind_${k}`)));
  const deal = select("search-deal", "deal", DEALS.map((d) => option(d, `catalog.deal_${d}`)));
  const category = select("search-category", "category_id", []);
  const condition = select("search-condition", "condition", CONDITIONS.map((c) => option(c, `catalog.condition_${c}`)));
  const municipality = select("search-municipality", "municipality_id", []);
  const availableNow = h("input", { id: "search-availability", name: "availability", type: "checkbox", value: "now",
                                    class: "listing-search__check" });
  const close = h("button", { type: "button", class: "button button--secondary search-filters__close",
                              text: t("catalog.filter_close") });
  const dialog = h("dialog", { id: "search-filters", class: "search-filters", "aria-labelledby": "search-filters-title" },
    h("div", { class: "search-filters__sheet" },
      h("div", { class: "search-filters__head" },
        h("h2", { id: "search-filters-title", class: "search-filters__title", text: t("catalog.filters") }), close),
      h("div", { class: "search-filters__fields" },
        field("search-kind", "catalog.kind", kind),
        field("search-category", "catalog.category", category),
        field("search-deal", "catalog.deal", deal),
        field("search-condition", "catalog.condition", condition),
        field("search-municipality", "catalog.municipality", municipality),
        h("div", { class: "listing-search__option" }, availableNow,
          h("label", { for: "search-availability", text: t("catalog.available_now") }))),
      h("div", { class: "search-filters__foot" },
        h("button", { type: "button", class: "button button--secondary", text: t("catalog.filter_clear_all"),
                      onclick: () => { dialog.close(); onClearAll(); } }),
        h("button", { type: "submit", class: "button button--primary", text: t("catalog.filter_show") }))));

  // Until the names arrive, the URL's category and municipality stay chosen (a search sent meanwhile keeps them).
  for (const control of [category, municipality]) {
    const value = params.get(control.name);
    if (value) control.append(h("option", { value, text: "…", "data-pending": "" }));
  }
  /** The sheet shows what the URL says: choices made and then dismissed are not kept. */
  function reset() {
    for (const control of [kind, deal, category, condition, municipality]) control.value = params.get(control.name) ?? "";
    availableNow.checked = params.get("availability") === "now";
  }
  reset();
  /** @type {any} */
  let counted = null;
  /** Each option says how many of this search's hits it has ("Möbel (412)"; "(3+)" past 1 000 hits). */
  function showCounts() {
    if (!counted) return;
    const more = counted.total_exact ? "" : "+";
    for (const [name, facet] of Object.entries(COUNTED)) {
      // A facet in use counts only its own value: the others' counts would be the zeros of this search.
      if (params.get(name)?.trim()) continue;
      const n = new Map((counted.facets?.[facet] ?? []).map((/** @type {any} */ f) => [f.value, f.count]));
      const control = /** @type {HTMLSelectElement} */ (dialog.querySelector(`select[name="${name}"]`));
      for (const item of control.options) {
        if (!item.value) continue;
        item.dataset.name ??= item.text;
        item.text = `${item.dataset.name} (${n.get(item.value) ?? 0}${n.has(item.value) ? more : ""})`;
      }
    }
  }
  button.addEventListener("click", () => {
    dialog.showModal();
    if (counted) return;
    counts().then((page) => { counted = page; showCounts(); }).catch(() => {
      // Offline or refused: the filters work without their counts.
    });
  });
  close.addEventListener("click", () => dialog.close());
  // A tap on the dimmed page around the sheet closes it, as on a phone's own sheets.
  dialog.addEventListener("click", (event) => { if (event.target === dialog) dialog.close(); });
  // The page behind is inert; Tab also wraps at the sheet's ends instead of leaving for the browser's bar.
  dialog.addEventListener("keydown", (event) => {
    if (event.key !== "Tab") return;
    const stops = [...dialog.querySelectorAll("button, select, input")];
    const [first, last] = [stops[0], stops[stops.length - 1]];
    if (event.shiftKey ? document.activeElement === first : document.activeElement === last) {
      event.preventDefault();
      /** @type {HTMLElement} */ (event.shiftKey ? last : first).focus();
    }
  });
  dialog.addEventListener("close", () => {
    if (!dialog.dataset.applied) {
      reset();
      button.focus();
    }
  });
  return {
    button,
    dialog,
    fill(categories, municipalities) {
      // What is chosen stays chosen: the sheet may already be open, with choices made in it.
      const chosen = [category.value, municipality.value];
      for (const pending of dialog.querySelectorAll("option[data-pending]")) pending.remove();
      category.append(...categoryOptions(categories));
      municipality.append(...municipalities.map((/** @type {any} */ m) => h("option", { value: m.id, text: m.name })));
      [category.value, municipality.value] = chosen;
      showCounts();
    },
  };
}

/**
 * The filters in use as chips; each removes its filter, "Rensa alla" removes them all.
 * @param {object} props
 * @param {URLSearchParams} props.params
 * @param {Record<string, string>} props.names what a category or municipality id is called
 * @param {(name: string) => void} props.onRemove
 * @param {() => void} props.onClearAll
 * @returns {HTMLElement | null} nothing when no filter is in use
 */
export function filterChips({ params, names, onRemove, onClearAll }) {
  const active = activeFilters(params);
  if (!active.length) return null;
  const chips = active.map((name) => {
    const label = chipLabel(name, params.get(name) ?? "", names);
    return h("li", {}, h("button", { type: "button", class: "search-chip", "data-filter": name,
                                     "aria-label": t("catalog.chip_remove", { name: label }),
                                     onclick: () => onRemove(name) },
      label, h("span", { class: "search-chip__x", "aria-hidden": "true", text: "×" })));
  });
  return h("ul", { class: "listing-search__chips", "aria-label": t("catalog.chips") }, chips,
    h("li", {}, h("button", { type: "button", class: "search-chip search-chip--clear", text: t("catalog.filter_clear_all"),
                              onclick: onClearAll })));
}

/** The names of the filters the URL sets. @param {URLSearchParams} params @returns {string[]} */
export function activeFilters(params) {
  return FILTERS.filter((name) => params.get(name)?.trim());
}

/** @param {string} name @param {string} value @param {Record<string, string>} names */
function chipLabel(name, value, names) {
  if (name === "kind") return t(`catalog.kind_${value}`);
  if (name === "deal") return t(`catalog.deal_${value}`);
  if (name === "condition") return t("catalog.chip_condition", { condition: t(`catalog.condition_${value}`) });
  if (name === "availability") return t("catalog.chip_available_now");
  return names[value] ?? "…";
}

/** @param {string} id @param {string} name @param {HTMLElement[]} options */
function select(id, name, options) {
  return h("select", { id, name, class: "field__input" }, option("", "catalog.any"), options);
}

/** @param {string} value @param {string} key */
function option(value, key) {
  return h("option", { value, text: t(key) });
}

/** @param {string} id @param {string} key @param {HTMLElement} input */
function field(id, key, input) {
  return h("div", { class: "field" }, h("label", { class: "field__label", for: id, text: t(key) }), input);
}
