/**
 * Tells the driver, before the shift, that the phone's clock is wrong ("Telefonens klocka går
 * 2 timmar före"). Scans are still saved and get the right time; the clock is worth setting
 * right all the same. Hidden while the clock is right or not measured yet; a polite live
 * region, so a screen reader hears the warning when a measure turns it on.
 */
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { currentSkew, onSkewChange, WRONG_CLOCK_MS } from "../outbox/skew.js";
import { skewText } from "../skew-text.js";

/** @returns {HTMLElement} */
export function clockWarning() {
  const text = h("p", { class: "clock-warning__text" });
  const advice = h("p", { class: "clock-warning__advice", text: t("clock.phone_advice") });
  const box = h("div", { class: "clock-warning", hidden: true }, text, advice);
  const element = h("div", { role: "status", "data-testid": "clock-warning" }, box);

  /** @param {{skew_ms: number} | null} skew */
  function show(skew) {
    const wrong = skew !== null && Math.abs(skew.skew_ms) >= WRONG_CLOCK_MS;
    box.hidden = !wrong;
    text.textContent = wrong ? skewText(Math.round(skew.skew_ms / 1000), "clock.phone") : "";
  }
  const stop = onSkewChange((skew) => (element.isConnected ? show(skew) : stop()));
  currentSkew().then(show).catch(() => {});
  return element;
}
