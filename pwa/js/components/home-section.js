/**
 * One card of the start page: a heading, then its content once its data has come. The card is
 * busy (aria-busy) until then, and says so in words; a failure shows the server's reason.
 * Until then a skeleton holds the card's final size (home-view.css reserves each card's body), so
 * nothing below the cards moves when their answers come.
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
 * @param {() => Array<Node | null>} [props.skeleton] what stands in the card's place while it loads
 * @returns {HTMLElement}
 */
export function homeSection({ id, title, data, render, modifier, skeleton }) {
  // The words stay for screen readers; the skeleton (or the words, without one) takes the space.
  const loading = h("p", { class: skeleton ? "home-section__loading" : "home-section__note", text: t("home.loading") });
  const body = h("div", { class: "home-section__body" }, loading, ...(skeleton ? skeleton() : []));
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

/**
 * A grey block standing in for content that is on its way (hidden from screen readers: the card's
 * "Laddar …" says it in words).
 * @param {string} [modifier] a class modifier for its size
 * @returns {HTMLElement}
 */
export function placeholder(modifier) {
  return h("span", { class: `home-section__placeholder${modifier ? ` home-section__placeholder--${modifier}` : ""}`,
                     "aria-hidden": "true" });
}
