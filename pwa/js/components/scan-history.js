/**
 * The scan log of an item or a place as a list: what was done, by whom, where, when,
 * and — for refused scans — why. Newest first, as the server sends it.
 */
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { skewText } from "../skew-text.js";

/** From this many seconds off, the entry says the phone's clock was wrong (as the server's WRONG_CLOCK). */
const WRONG_CLOCK_S = 120;

/**
 * @typedef {object} HistoryEntry
 * @property {string} id
 * @property {string} action
 * @property {"applied" | "rejected"} outcome
 * @property {string | null} reason
 * @property {string} message
 * @property {string | null} item_title
 * @property {string | null} actor_name
 * @property {string} device_time as the phone sent it
 * @property {string} [event_time] the time the server took (corrected for a wrong phone clock)
 * @property {number | null} [clock_skew_s] how far the phone's clock was ahead (+) or behind (-)
 * @property {"device" | "corrected" | "server"} [time_source]
 * @property {string} state_after
 * @property {string | null} location_after_name
 * @property {string | null} scanned_location_name
 * @property {string} note
 */

/**
 * @param {{entries: HistoryEntry[], showItem?: boolean}} props
 * @returns {HTMLElement}
 */
export function scanHistory({ entries, showItem = false }) {
  if (!entries.length) return h("p", { class: "scan-history__empty", text: t("history.empty") });
  return h(
    "ol",
    { class: "scan-history" },
    entries.map((entry) => {
      const refused = entry.outcome === "rejected";
      const where = entry.location_after_name ?? entry.scanned_location_name;
      const when = entry.event_time ?? entry.device_time;
      return h(
        "li",
        { class: `scan-history__entry${refused ? " scan-history__entry--refused" : ""}` },
        h("p", { class: "scan-history__what" },
          h("strong", { text: actionName(entry.action) }),
          showItem && entry.item_title ? ` · ${entry.item_title}` : null,
          refused ? h("span", { class: "scan-history__badge", text: t("history.refused") }) : null),
        h("p", { class: "scan-history__meta" },
          h("time", { datetime: when, text: formatTime(when) }),
          entry.actor_name ? ` · ${entry.actor_name}` : null,
          where ? ` · ${where}` : null),
        refused
          ? h("p", { class: "scan-history__reason", text: reasonText(entry.reason, entry.message) })
          : h("p", { class: "scan-history__state", text: t("history.now", { state: stateName(entry.state_after) }) }),
        entry.note ? h("p", { class: "scan-history__note", text: entry.note }) : null,
        clockNote(entry),
      );
    }),
  );
}

/** @param {HistoryEntry} entry @returns {HTMLElement | null} */
function clockNote({ clock_skew_s: skew, time_source: source }) {
  if (skew === null || skew === undefined || Math.abs(skew) < WRONG_CLOCK_S) return null;
  const how = source === "server" ? t("clock.time_server") : source === "corrected" ? t("clock.time_corrected") : "";
  return h("p", { class: "scan-history__clock", text: [skewText(skew, "clock.was"), how].filter(Boolean).join(" – ") });
}

/** @param {string} action */
export function actionName(action) {
  const key = `history.action.${action}`;
  const name = t(key);
  return name === key ? action : name;
}

/** @param {string} state */
export function stateName(state) {
  const key = `state.${state}`;
  const name = t(key);
  return name === key ? state.replace(/_/g, " ") : name;
}

/**
 * @param {string | null} reason
 * @param {string} message the server's English sentence, shown when we have no Swedish one
 */
function reasonText(reason, message) {
  const key = `reason.${reason}`;
  const text = t(key);
  return text === key ? message : text;
}

/** @param {string} iso */
function formatTime(iso) {
  const when = new Date(iso);
  return Number.isNaN(when.getTime())
    ? iso
    : when.toLocaleString(document.documentElement.lang || "sv", { dateStyle: "medium", timeStyle: "short" });
}
