/**
 * For paths the app does not know.
 */
import { h } from "../dom.js";
import { t } from "../i18n.js";

/** @returns {HTMLElement} */
export function notFoundView() {
  return h(
    "section",
    { class: "not-found-view" },
    h("h1", { text: t("notfound.title") }),
    h("p", { text: t("notfound.body") }),
    h("p", {}, h("a", { href: "/", text: t("notfound.link") })),
  );
}
