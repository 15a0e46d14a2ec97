/**
 * The report's period: a month, a quarter, a year or a custom range of months, read from and
 * written to the URL (`period`, `from_month`, `to_month`), so a link opens the same report.
 */
import { h } from "../dom.js";
import { getLanguage, t } from "../i18n.js";

export const KINDS = /** @type {const} */ (["month", "quarter", "year", "custom"]);
/** @typedef {typeof KINDS[number]} Kind */
/** @typedef {{kind: Kind, from: string, to: string}} Period */

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** @param {number} year @param {number} month 1-12 @returns {string} */
function ym(year, month) {
  return `${year}-${String(month).padStart(2, "0")}`;
}

/**
 * The months a choice covers: the month itself, its quarter, or its year.
 * @param {Kind} kind @param {string} month any month inside the period (YYYY-MM)
 * @returns {{from: string, to: string}}
 */
export function rangeOf(kind, month) {
  const year = Number(month.slice(0, 4));
  const number = Number(month.slice(5));
  if (kind === "quarter") {
    const first = Math.floor((number - 1) / 3) * 3 + 1;
    return { from: ym(year, first), to: ym(year, first + 2) };
  }
  if (kind === "year") return { from: ym(year, 1), to: ym(year, 12) };
  return { from: month, to: month };
}

/**
 * The period the URL asks for; without one, the last twelve months (what the server shows by default).
 * @param {string} search location.search @param {Date} now
 * @returns {Period}
 */
export function periodFromSearch(search, now) {
  const params = new URLSearchParams(search);
  const kind = /** @type {Kind} */ (KINDS.find((k) => k === params.get("period")) ?? "custom");
  const from = params.get("from_month") ?? "";
  const to = params.get("to_month") ?? "";
  if (MONTH.test(from) && (kind !== "custom" || MONTH.test(to))) {
    return kind === "custom" ? { kind, from, to } : { kind, ...rangeOf(kind, from) };
  }
  const last = ym(now.getFullYear(), now.getMonth() + 1);
  const first = now.getMonth() === 11 ? ym(now.getFullYear(), 1) : ym(now.getFullYear() - 1, now.getMonth() + 2);
  return { kind: "custom", from: first, to: last };
}

/**
 * The URL's query for a period and view.
 * @param {Period} period @param {string} view
 */
export function periodSearch(period, view) {
  return `?${new URLSearchParams({ view, period: period.kind, from_month: period.from, to_month: period.to })}`;
}

/**
 * The choices for one kind, newest first: 24 months, 12 quarters or 6 years back from `now`.
 * @param {Kind} kind @param {Date} now
 * @returns {Array<{value: string, label: string}>}
 */
export function choices(kind, now) {
  const locale = getLanguage() === "en" ? "en-GB" : "sv-SE";
  const year = now.getFullYear();
  const month = now.getMonth() + 1;
  if (kind === "year") {
    return Array.from({ length: 6 }, (_, i) => ({ value: ym(year - i, 1), label: String(year - i) }));
  }
  if (kind === "quarter") {
    const current = (year * 4) + Math.floor((month - 1) / 3);
    return Array.from({ length: 12 }, (_, i) => {
      const q = current - i;
      const y = Math.floor(q / 4);
      return { value: ym(y, (q % 4) * 3 + 1), label: t("report.quarter_label", { quarter: (q % 4) + 1, year: y }) };
    });
  }
  const format = new Intl.DateTimeFormat(locale, { month: "long", year: "numeric" });
  return Array.from({ length: 24 }, (_, i) => {
    const index = year * 12 + month - 1 - i;
    const value = ym(Math.floor(index / 12), (index % 12) + 1);
    return { value, label: format.format(new Date(Math.floor(index / 12), index % 12, 15)) };
  });
}

/**
 * The period picker. Calls onChange with the new period; the caller writes the URL and loads.
 * @param {{period: Period, now: Date, onChange: (period: Period) => void}} props
 * @returns {HTMLElement}
 */
export function reportPeriod({ period, now, onChange }) {
  const kind = h("select", { id: "report-period-kind", class: "report-period__kind" },
    KINDS.map((k) => h("option", { value: k, text: t(`report.period_${k}`), selected: k === period.kind })));
  const which = h("select", { id: "report-period-which" });
  const from = h("input", { id: "report-period-from", type: "month", value: period.from, required: true,
    pattern: "\\d{4}-\\d{2}", placeholder: "ÅÅÅÅ-MM" });
  const to = h("input", { id: "report-period-to", type: "month", value: period.to, required: true,
    pattern: "\\d{4}-\\d{2}", placeholder: "ÅÅÅÅ-MM" });
  const error = h("p", { id: "report-period-error", class: "report-period__error", role: "alert" });
  const whichField = field("report-period-which", t("report.period_which"), which);
  const custom = h("div", { class: "report-period__custom" },
    field("report-period-from", t("report.period_from"), from),
    field("report-period-to", t("report.period_to"), to));

  function fill() {
    const k = /** @type {Kind} */ (kind.value);
    whichField.hidden = k === "custom";
    custom.hidden = k !== "custom";
    if (k !== "custom") {
      const start = rangeOf(k, period.from).from;
      which.replaceChildren(...choices(k, now).map((c) =>
        h("option", { value: c.value, text: c.label, selected: c.value === start })));
    }
  }

  function changed() {
    const k = /** @type {Kind} */ (kind.value);
    error.textContent = "";
    if (k !== "custom") {
      period = { kind: k, ...rangeOf(k, which.value) };
    } else if (!MONTH.test(from.value) || !MONTH.test(to.value) || from.value > to.value) {
      error.textContent = t("report.period_invalid");
      return;
    } else {
      period = { kind: k, from: from.value, to: to.value };
    }
    onChange(period);
  }

  kind.addEventListener("change", () => {
    // A new kind starts from the period's last month, so "year" after "Q3 2026" shows 2026.
    if (kind.value !== "custom") period = { ...period, from: period.to };
    fill();
    changed();
  });
  which.addEventListener("change", changed);
  from.addEventListener("change", changed);
  to.addEventListener("change", changed);
  fill();
  return h("fieldset", { class: "report-period" }, h("legend", { text: t("report.period") }),
    field("report-period-kind", t("report.period_kind"), kind), whichField, custom, error);
}

/** @param {string} id @param {string} label @param {HTMLElement} control */
function field(id, label, control) {
  return h("div", { class: "report-period__field" }, h("label", { for: id, text: label }), control);
}
