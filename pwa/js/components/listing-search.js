/**
 * Browse and search the catalogue (/annonser), results first: the words, a "Filter (2)" button
 * that opens the filters in a sheet, the sort, the filters in use as removable chips, then the
 * cards. Best match first when there are words, newest first without. The search lives in the URL
 * (?q=&kind=&deal=&category_id=&condition=&municipality_id=&availability=&sort=&page=), so it can
 * be shared, reloaded and gone back to; coming back from a listing opened here ("Till
 * sökningen" or Back) shows the same results scrolled to where the person was.
 */
import { h } from "../dom.js";
import { errorText, getLanguage, t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { lastSearch, rememberSearch } from "../search-return.js";
import { listingCard } from "./listing-card.js";
import { activeFilters, filterChips, filterDrawer, FILTERS } from "./search-filters.js";
import { watchSearch } from "./watch-search.js";

const PER_PAGE = 24; // the API's default too: a full grid in 2, 3 or 4 columns
const SORTS = ["relevance", "newest"];

/** @type {"chips" | "filter" | "sort" | null} where focus goes once the next search is on screen */
let focusAfter = null;

/**
 * @param {{navigate: (path: string) => void}} props
 * @returns {HTMLElement}
 */
export function listingSearch({ navigate }) {
  const params = new URLSearchParams(location.search);
  const page = Math.max(1, Number(params.get("page")) || 1);
  const words = params.get("q")?.trim() ?? "";
  const sortShown = sortOf(params);
  /** The sort is sent only once someone has picked one: otherwise it follows the words. */
  let sortChosen = params.has("sort");
  const q = h("input", { id: "search-q", name: "q", type: "search", class: "field__input listing-search__input",
                         maxlength: "200", value: params.get("q") ?? "", autocomplete: "off", enterkeyhint: "search",
                         placeholder: t("catalog.search_placeholder") });
  const sort = h("select", { id: "search-sort", name: "sort", class: "field__input listing-search__sort" },
    SORTS.map((s) => h("option", { value: s, text: t(`catalog.sort_${s}`), selected: s === sortShown })));
  const drawer = filterDrawer({ params, onClearAll: clearAll,
                               counts: () => api(`/api/listings?${toServer(params, { facets: true })}`) });
  const status = h("p", { class: "listing-search__status", role: "status", "aria-live": "polite" });
  const progress = h("progress", { class: "listing-search__progress", "aria-label": t("catalog.searching") });
  const chips = h("div", { class: "listing-search__chips-slot" });
  const list = h("ul", { class: "listing-search__results", "aria-labelledby": "listing-search-results" });
  const empty = h("div", { class: "listing-search__empty", hidden: true });
  const watch = h("div", { class: "listing-search__watch" });
  const pager = h("nav", { class: "listing-search__pager", "aria-label": t("catalog.pages") });
  const form = h("form", { class: "listing-search__form", role: "search" },
    h("label", { class: "listing-search__hidden", for: "search-q", text: t("catalog.search_words") }),
    h("div", { class: "listing-search__query" }, q,
      h("button", { type: "submit", class: "button button--primary listing-search__submit", text: t("catalog.search") })),
    h("div", { class: "listing-search__tools" }, drawer.button,
      h("div", { class: "listing-search__sorting" },
        h("label", { class: "listing-search__sort-label", for: "search-sort", text: t("catalog.sort") }), sort)),
    drawer.dialog);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (drawer.dialog.open) {
      drawer.dialog.dataset.applied = "true";
      drawer.dialog.close();
      focusAfter = "filter";
    }
    navigate(`/annonser?${query(new FormData(form), 1, sortChosen)}`);
  });
  sort.addEventListener("change", () => {
    sortChosen = true;
    focusAfter = "sort";
    form.requestSubmit();
  });
  // The search a listing is opened from, and how far down it was, for the way back.
  list.addEventListener("click", (event) => {
    const card = /** @type {Element} */ (event.target).closest?.(".listing-card");
    if (card instanceof HTMLElement && card.dataset.listing) rememberSearch(card.dataset.listing);
  });
  const section = h("section", { class: "listing-search", "aria-labelledby": "listing-search-title" },
    h("h1", { id: "listing-search-title", class: "listing-search__title", text: t("catalog.search_title") }),
    form, chips,
    h("h2", { id: "listing-search-results", class: "listing-search__hidden", text: t("catalog.results") }),
    status, progress, list, empty, watch, pager,
    h("nav", { class: "listing-search__links", "aria-label": t("catalog.more_links") },
      h("a", { href: "/annonser/ny", text: t("catalog.new_title") }),
      h("a", { href: "/annonser/mina", text: t("catalog.mine_title") }),
      h("a", { href: "/efterlysningar", text: t("wants.title") })));

  /** Remove the named filters (all when none named); the same words and sort, page 1. @param {string[]} names */
  function without(names) {
    const next = new URLSearchParams(params);
    for (const name of names) next.delete(name);
    next.delete("page");
    focusAfter = "chips";
    navigate(next.toString() ? `/annonser?${next}` : "/annonser");
  }

  function clearAll() {
    without(FILTERS);
  }

  async function load() {
    section.setAttribute("aria-busy", "true");
    status.textContent = t("catalog.searching");
    try {
      const [categories, municipalities, result] = await Promise.all([
        api("/api/categories"),
        api("/api/municipalities"),
        api(`/api/listings?${toServer(params)}`),
      ]);
      drawer.fill(categories, municipalities);
      const names = Object.fromEntries([
        ...categories.map((/** @type {any} */ c) => [c.id, getLanguage() === "en" ? c.name_en : c.name_sv]),
        ...municipalities.map((/** @type {any} */ m) => [m.id, m.name]),
      ]);
      chips.replaceChildren(filterChips({ params, names, onRemove: (name) => without([name]), onClearAll: clearAll })
                            ?? "");
      list.replaceChildren(...result.results.map(listingCard));
      status.textContent = found(result);
      const watching = watchSearch(params);
      // Nothing found: say what to try, and offer to be told when something turns up.
      empty.hidden = result.total > 0;
      empty.replaceChildren(...(result.total > 0 ? [] : [
        watching,
        activeFilters(params).length ? h("button", { type: "button", class: "button button--secondary",
                                                     text: t("catalog.search_without_filters"), onclick: clearAll }) : null,
      ].filter((node) => node !== null)));
      watch.replaceChildren(...(result.total > 0 && watching ? [watching] : []));
      // Past 1,000 hits the server stops counting: the last page is not known, so no "of N".
      const last = result.total_exact ? Math.ceil(result.total / PER_PAGE) : null;
      pager.replaceChildren(...pages(params, page, last, result.results.length === PER_PAGE));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status.textContent = errorText(error);
    } finally {
      section.removeAttribute("aria-busy");
      progress.remove();
    }
    settle();
  }

  /** Focus where the person acted (a chip, the sort, the sheet), or back where they left the results. */
  function settle() {
    const next = focusAfter;
    focusAfter = null;
    if (next === "sort") sort.focus();
    else if (next === "filter") drawer.button.focus();
    else if (next === "chips") /** @type {HTMLElement} */ (chips.querySelector("button") ?? drawer.button).focus();
    const back = lastSearch();
    if (!back || back.url !== location.pathname + location.search) return;
    if (!next) {
      const card = list.querySelector(`[data-listing="${CSS.escape(back.listing)}"] a`);
      if (card instanceof HTMLElement) card.focus({ preventScroll: true });
    }
    window.scrollTo(0, back.y);
  }

  queueMicrotask(load);
  return section;
}

/** Best match first when there are words, newest first without, unless the URL says. @param {URLSearchParams} params */
function sortOf(params) {
  const chosen = params.get("sort");
  if (chosen && SORTS.includes(chosen)) return chosen;
  return params.get("q")?.trim() ? "relevance" : "newest";
}

/**
 * The form as the search URL's query (empty fields left out; the sort only when picked).
 * @param {FormData} data @param {number} page @param {boolean} sortChosen
 */
function query(data, page, sortChosen) {
  const out = new URLSearchParams();
  for (const [name, value] of data) {
    if (name === "sort" && !sortChosen) continue;
    if (typeof value === "string" && value.trim()) out.set(name, value.trim());
  }
  if (page > 1) out.set("page", String(page));
  return out.toString();
}

/**
 * What the screen asks the server for: the URL's words and filters, the sort in effect (best
 * match with words), the page and PER_PAGE. bench/catalog_bench.py sends the same.
 * @param {URLSearchParams} params
 * @param {{facets?: boolean}} [options] facets: the counts per filter value (and one card), for the sheet
 */
export function toServer(params, { facets = false } = {}) {
  const out = new URLSearchParams();
  for (const name of ["q", ...FILTERS]) {
    const value = params.get(name)?.trim();
    if (value) out.set(name, value);
  }
  const sort = sortOf(params);
  if (sort !== "newest") out.set("sort", sort);
  const page = Number(params.get("page"));
  if (page > 1 && !facets) out.set("page", String(page));
  out.set("per_page", String(facets ? 1 : PER_PAGE));
  if (facets) out.set("facets", "true");
  return out.toString();
}

/** How many were found: exactly, or "more than 1 000" when the server stopped counting. @param {any} result */
function found(result) {
  if (!result.total) return t("catalog.none_found");
  if (result.total_exact) return t("catalog.found", { count: result.total });
  const count = new Intl.NumberFormat(getLanguage() === "en" ? "en-GB" : "sv-SE").format(result.total);
  return t("catalog.found_more", { count });
}

/**
 * The pager; `last` is null when the number of pages is not known (more than 1,000 hits).
 * @param {URLSearchParams} params @param {number} page @param {number | null} last @param {boolean} full
 */
function pages(params, page, last, full) {
  const hasNext = last === null ? full : page < last;
  if (page <= 1 && !hasNext) return [];
  const link = (/** @type {number} */ n, /** @type {string} */ key) => {
    const target = new URLSearchParams(params);
    if (n > 1) target.set("page", String(n));
    else target.delete("page");
    return h("a", { class: "button button--secondary", href: `/annonser?${target}`, text: t(key) });
  };
  const where = last === null ? t("catalog.page", { page }) : t("catalog.page_of", { page, last });
  return [
    page > 1 ? link(page - 1, "catalog.previous") : null,
    h("span", { class: "listing-search__page", text: where }),
    hasNext ? link(page + 1, "catalog.next") : null,
  ].filter((node) => node !== null);
}

/** @param {string} id @param {string} key @param {HTMLElement} input */
export function field(id, key, input) {
  return h("div", { class: "field" }, h("label", { class: "field__label", for: id, text: t(key) }), input);
}
