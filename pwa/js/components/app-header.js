/**
 * The top bar: the wordmark (a link home), the language switch and a slot where the
 * "new version" offer appears. The slot is a polite live region, so its arrival is announced.
 */
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { languageSwitch } from "./language-switch.js";
import { updateBanner } from "./update-banner.js";

/**
 * @param {object} props
 * @param {(lang: string) => void} props.onLanguage
 * @param {(() => void) | null} props.onUpdate set when a new version waits to be used
 * @returns {HTMLElement[]} the header's children
 */
export function appHeader({ onLanguage, onUpdate }) {
  const bar = h(
    "div",
    { class: "app-header__bar" },
    h(
      "a",
      { class: "app-header__brand", href: "/", "aria-label": t("header.home") },
      h("img", { class: "app-header__logo", src: "/icons/icon.svg", alt: "", width: 32, height: 32 }),
      h("span", { class: "app-header__wordmark", text: t("app.name") }),
    ),
    languageSwitch({ onChange: onLanguage }),
  );
  const slot = h(
    "div",
    { class: "app-header__update", role: "status" },
    onUpdate ? updateBanner({ onReload: onUpdate }) : null,
  );
  return [bar, slot];
}
