/**
 * Svenska / English: two toggle buttons, each named in its own language.
 */
import { h } from "../dom.js";
import { LANGUAGES, LANGUAGE_NAMES, getLanguage, t } from "../i18n.js";

/**
 * @param {{onChange: (lang: string) => void}} props
 * @returns {HTMLElement}
 */
export function languageSwitch({ onChange }) {
  const current = getLanguage();
  return h(
    "div",
    { class: "language-switch", role: "group", "aria-label": t("lang.label") },
    LANGUAGES.map((lang) =>
      h("button", {
        type: "button",
        class: "language-switch__option",
        lang,
        "data-lang": lang,
        "aria-pressed": String(lang === current),
        text: LANGUAGE_NAMES[lang],
        onclick: () => onChange(lang),
      }),
    ),
  );
}
