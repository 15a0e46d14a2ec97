/**
 * One card of the start page: a heading, then its content once its data has come. The card is
 * busy (aria-busy) until then, and says so in words; a failure shows the server's reason.
 */
import { h } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { ApiError } from "../api.js";

/**
 * @template T
 * @param {object} props
 * @param {string} props.id the heading's id
 * @param {string} props.title
 * @param {Promise<T>} props.data
 * @param {(data: T) => Array<Node | null> | Node | null} props.render
 * @param {string} [props.modifier] a class modifier for the layout (home-section--wide)
 * @returns {HTMLElement}
 */
export function homeSection({ id, title, data, render, modifier }) {
  const body = h("div", { class: "home-section__body" }, h("p", { class: "home-section__note", text: t("home.loading") }));
  const section = h("section", {
    class: `home-section${modifier ? ` home-section--${modifier}` : ""}`,
    "aria-labelledby": id,
    "aria-busy": "true",
  }, h("h2", { id, class: "home-section__title", text: title }), body);
  data
    .then((value) => {
      const content = render(value);
      body.replaceChildren(...(Array.isArray(content) ? content : [content]).filter((n) => n !== null));
    })
    .catch((error) => {
      if (!(error instanceof ApiError)) console.warn("delbar: a start page card failed", error);
      body.replaceChildren(h("p", { class: "home-section__note", text: error instanceof ApiError ? errorText(error) : t("load_failed.title") }));
    })
    .finally(() => section.removeAttribute("aria-busy"));
  return section;
}

/**
 * @param {string} text
 * @returns {HTMLElement}
 */
export function note(text) {
  return h("p", { class: "home-section__note", text });
}

/**
 * A "see all" link at the foot of a card.
 * @param {string} href
 * @param {string} text
 */
export function moreLink(href, text) {
  return h("p", { class: "home-section__more" }, h("a", { href, text }));
}
