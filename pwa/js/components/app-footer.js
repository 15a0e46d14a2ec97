/**
 * The footer: the accessibility statement (DOS-lagen wants it reachable from every page)
 * and the running version.
 */
import { h } from "../dom.js";
import { t } from "../i18n.js";

/**
 * @param {{version: string | null}} props
 * @returns {HTMLElement}
 */
export function appFooter({ version }) {
  return h(
    "div",
    { class: "app-footer__inner" },
    h("a", { class: "app-footer__link", href: "/tillganglighet", text: t("footer.accessibility") }),
    version ? h("p", { class: "app-footer__version", text: t("footer.version", { version }) }) : null,
  );
}
