/**
 * The way into the catalogue from the start page: search, create, my listings and wants.
 */
import { h } from "../dom.js";
import { t } from "../i18n.js";

/** @returns {HTMLElement} */
export function catalogNav() {
  const link = (/** @type {string} */ href, /** @type {string} */ key) =>
    h("li", {}, h("a", { class: "catalog-nav__link", href, text: t(key) }));
  return h("nav", { class: "catalog-nav", "aria-label": t("catalog.nav") },
    h("ul", { class: "catalog-nav__list" },
      link("/annonser", "catalog.search_title"),
      link("/annonser/ny", "catalog.new_title"),
      link("/annonser/mina", "catalog.mine_title"),
      link("/efterlysningar", "wants.title")));
}
