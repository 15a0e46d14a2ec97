/**
 * The start page's search field: it opens the catalogue with the query, as if typed there.
 */
import { h } from "../dom.js";
import { t } from "../i18n.js";

/**
 * @param {{navigate: (path: string) => void}} props
 * @returns {HTMLElement}
 */
export function homeSearch({ navigate }) {
  const input = h("input", {
    id: "home-q", class: "field__input home-search__input", type: "search", name: "q",
    placeholder: t("home.search_placeholder"), autocomplete: "off", enterkeyhint: "search",
  });
  return h("form", {
    class: "home-search", role: "search",
    onsubmit: (/** @type {SubmitEvent} */ event) => {
      event.preventDefault();
      const q = input.value.trim();
      navigate(q ? `/annonser?${new URLSearchParams({ q })}` : "/annonser");
    },
  },
  h("label", { class: "field__label", for: "home-q", text: t("home.search_label") }),
  h("div", { class: "home-search__row" },
    input,
    h("button", { class: "button button--primary home-search__submit", type: "submit", text: t("home.search_submit") })));
}
