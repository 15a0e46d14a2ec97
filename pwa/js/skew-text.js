/**
 * A clock skew in words: "2 timmar", "3 dagar", rounded to the unit a person would use.
 */
import { t } from "./i18n.js";

/**
 * @param {number} seconds how far off, either sign
 * @returns {string}
 */
export function skewAmount(seconds) {
  const off = Math.abs(seconds);
  if (off < 90 * 60) return t("clock.minutes", { count: Math.max(1, Math.round(off / 60)) });
  if (off < 36 * 3600) return t("clock.hours", { count: Math.round(off / 3600) });
  return t("clock.days", { count: Math.round(off / 86400) });
}

/**
 * @param {number} seconds positive when the phone's clock is ahead
 * @param {string} prefix "clock.phone", "clock.was" or "work.clock": a group with _ahead and _behind
 * @returns {string}
 */
export function skewText(seconds, prefix) {
  return t(`${prefix}_${seconds > 0 ? "ahead" : "behind"}`, { amount: skewAmount(seconds) });
}
