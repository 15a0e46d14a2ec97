/**
 * Browse and search the catalogue (/annonser): words, and the filters the search API has —
 * kind, deal, category, condition, municipality, available now — newest or best match first,
 * with pages. The search lives in the URL (?q=&kind=&deal=&category_id=&condition=
 * &municipality_id=&availability=&sort=&page=), so it can be shared, reloaded and gone back to.
 */
import { h } from "../dom.js";
import { errorText, getLanguage, t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { categoryOptions, listingCard } from "./listing-card.js";
import { watchSearch } from "./watch-search.js";

const PER_PAGE = 24; // the API's default too: a full grid in 2, 3 or 4 columns
const KINDS = ["furniture", "equipment", "service", "staffing"];
const DEALS = ["give", "lend", "rent", "sell"];
const CONDITIONS = ["new", "good", "used", "worn", "broken"];
const SORTS = ["newest", "relevance"];
/** The query parameters the search API takes (besides per_page), in the order they are sent. */
const PARAMS = ["q", "kind", "deal", "category_id", "condition", "municipality_id", "availability", "sort", "page"];

/**
 * @param {{navigate: (path: string) => void}} props
 * @returns {HTMLElement}
 */
export function listingSearch({ navigate }) {
  const params = new URLSearchParams(location.search);
  const page = Math.max(1, Number(params.get("page")) || 1);
  const q = h("input", { id: "search-q", name: "q", type: "search", class: "field__input", maxlength: "200",
                         value: params.get("q") ?? "", autocomplete: "off" });
  const kind = select("search-kind", "kind", KINDS.map((k) => option(k, `catalog.kind_${k}`)), params);
  const deal = select("search-deal", "deal", DEALS.map((d) => option(d, `catalog.deal_${d}`)), params);
  const category = select("search-category", "category_id", [], params);
  const condition = select("search-condition", "condition",
    CONDITIONS.map((c) => option(c, `catalog.condition_${c}`)), params);
  const municipality = select("search-municipality", "municipality_id", [], params);
  const availableNow = h("input", { id: "search-availability", name: "availability", type: "checkbox", value: "now",
                                    class: "listing-search__check", checked: params.get("availability") === "now" });
  const sort = h("select", { id: "search-sort", name: "sort", class: "field__input" },
    SORTS.map((s) => h("option", { value: s, text: t(`catalog.sort_${s}`),
                                   selected: s === (params.get("sort") ?? "newest") })));
  const status = h("p", { class: "listing-search__status", role: "status", "aria-live": "polite" });
  const list = h("ul", { class: "listing-search__results", "aria-labelledby": "listing-search-results" });
  const pager = h("nav", { class: "listing-search__pager", "aria-label": t("catalog.pages") });
  const form = h("form", { class: "listing-search__form", role: "search" },
    field("search-q", "catalog.search_words", q),
    h("fieldset", { class: "listing-search__filters" },
      h("legend", { class: "listing-search__legend", text: t("catalog.filters") }),
      field("search-kind", "catalog.kind", kind),
      field("search-deal", "catalog.deal", deal),
      field("search-category", "catalog.category", category),
      field("search-condition", "catalog.condition", condition),
      field("search-municipality", "catalog.municipality", municipality),
      h("div", { class: "listing-search__option" }, availableNow,
        h("label", { for: "search-availability", text: t("catalog.available_now") }))),
    field("search-sort", "catalog.sort", sort),
    h("div", { class: "listing-search__buttons" },
      h("button", { type: "submit", class: "button button--primary", text: t("catalog.search") }),
      h("a", { class: "button button--secondary", href: "/annonser", text: t("catalog.clear_search") })));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    navigate(`/annonser?${query(new FormData(form), 1)}`);
  });
  const section = h("section", { class: "listing-search", "aria-labelledby": "listing-search-title" },
    h("h1", { id: "listing-search-title", text: t("catalog.search_title") }),
    h("p", { class: "listing-search__links" },
      h("a", { href: "/annonser/ny", text: t("catalog.new_title") }), " · ",
      h("a", { href: "/annonser/mina", text: t("catalog.mine_title") }), " · ",
      h("a", { href: "/efterlysningar", text: t("wants.title") })),
    form,
    h("h2", { id: "listing-search-results", class: "listing-search__heading", text: t("catalog.results") }),
    status, watchSearch(params), list, pager);

  async function load() {
    section.setAttribute("aria-busy", "true");
    try {
      const [categories, municipalities, result] = await Promise.all([
        api("/api/categories"),
        api("/api/municipalities"),
        api(`/api/listings?${fromUrl(params)}&per_page=${PER_PAGE}`),
      ]);
      category.append(...categoryOptions(categories));
      category.value = params.get("category_id") ?? "";
      municipality.append(...municipalities.map((/** @type {any} */ m) => h("option", { value: m.id, text: m.name })));
      municipality.value = params.get("municipality_id") ?? "";
      list.replaceChildren(...result.results.map(listingCard));
      status.textContent = found(result);
      // Past 1,000 hits the server stops counting: the last page is not known, so no "of N".
      const last = result.total_exact ? Math.ceil(result.total / PER_PAGE) : null;
      pager.replaceChildren(...pages(form, page, last, result.results.length === PER_PAGE));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status.textContent = errorText(error);
    } finally {
      section.removeAttribute("aria-busy");
    }
  }

  queueMicrotask(load);
  return section;
}

/** The filled-in filters as a query string (empty ones left out). @param {FormData} data @param {number} page */
function query(data, page) {
  const out = new URLSearchParams();
  for (const [name, value] of data) {
    // Newest first is the default: leave it out, so the plain search keeps its short URL.
    if (typeof value === "string" && value.trim() && !(name === "sort" && value === "newest")) {
      out.set(name, value.trim());
    }
  }
  if (page > 1) out.set("page", String(page));
  return out.toString();
}

/** The search the URL names, for the server (only the filters it knows). @param {URLSearchParams} params */
function fromUrl(params) {
  const out = new URLSearchParams();
  for (const name of PARAMS) {
    const value = params.get(name)?.trim();
    if (value) out.set(name, value);
  }
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
 * @param {HTMLFormElement} form @param {number} page @param {number | null} last @param {boolean} full
 */
function pages(form, page, last, full) {
  const hasNext = last === null ? full : page < last;
  if (page <= 1 && !hasNext) return [];
  const link = (/** @type {number} */ n, /** @type {string} */ key) =>
    h("a", { class: "button button--secondary", href: `/annonser?${query(new FormData(form), n)}`, text: t(key) });
  const where = last === null ? t("catalog.page", { page }) : t("catalog.page_of", { page, last });
  return [
    page > 1 ? link(page - 1, "catalog.previous") : null,
    h("span", { class: "listing-search__page", text: where }),
    hasNext ? link(page + 1, "catalog.next") : null,
  ].filter((node) => node !== null);
}

/** @param {string} id @param {string} name @param {HTMLElement[]} options @param {URLSearchParams} params */
function select(id, name, options, params) {
  const element = h("select", { id, name, class: "field__input" }, option("", "catalog.any"), options);
  /** @type {HTMLSelectElement} */ (element).value = params.get(name) ?? "";
  return element;
}

/** @param {string} value @param {string} key */
function option(value, key) {
  return h("option", { value, text: t(key) });
}

/** @param {string} id @param {string} key @param {HTMLElement} input */
export function field(id, key, input) {
  return h("div", { class: "field" }, h("label", { class: "field__label", for: id, text: t(key) }), input);
}
