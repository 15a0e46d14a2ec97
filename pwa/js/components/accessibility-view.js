/**
 * Tillgänglighetsredogörelse: the accessibility statement the Swedish DOS law requires.
 * Keep it true: update the gaps and the date when the service changes.
 */
import { h } from "../dom.js";
import { getLanguage, t, tList } from "../i18n.js";

const UPDATED = "2026-11-25";
const DIGG_URL = "https://www.digg.se/";

/** @returns {HTMLElement} */
export function accessibilityView() {
  const date = new Date(`${UPDATED}T12:00:00Z`).toLocaleDateString(
    getLanguage() === "sv" ? "sv-SE" : "en-GB",
    { year: "numeric", month: "long", day: "numeric" },
  );
  return h(
    "article",
    { class: "accessibility-view" },
    h("h1", { text: t("a11y.heading") }),
    h("p", { class: "accessibility-view__lead", text: t("a11y.intro") }),
    section("status", h("p", { text: t("a11y.status.body") })),
    section("done", list("a11y.done.list")),
    section("gaps", list("a11y.gaps.list")),
    section("report", h("p", { text: t("a11y.report.body") })),
    section(
      "oversight",
      h("p", { text: t("a11y.oversight.body") }),
      h("p", {}, h("a", { href: DIGG_URL, rel: "external", text: t("a11y.oversight.link") })),
    ),
    section("method", h("p", { text: t("a11y.method.body", { date }) })),
  );
}

/**
 * @param {string} name
 * @param {...HTMLElement} content
 */
function section(name, ...content) {
  const id = `a11y-${name}`;
  return h(
    "section",
    { class: "accessibility-view__section", "aria-labelledby": id },
    h("h2", { id, text: t(`a11y.${name}.heading`) }),
    ...content,
  );
}

/** @param {string} key */
function list(key) {
  return h("ul", {}, tList(key).map((item) => h("li", { text: item })));
}
