/**
 * A month of days as a grid: free, partly free and booked days, a month at a time.
 * On the listing page it only shows; in the booking form a first tap picks the first day and a
 * second the return day ("range"), or one tap the wanted day ("day"). The arrow keys move between
 * days (one tabbable day, as in the WAI-ARIA date picker pattern); Enter or Space picks.
 */
import { h, replaceChildren } from "../dom.js";
import { getLanguage, t } from "../i18n.js";

/**
 * @typedef {{date: string, free: number}} Day
 * @typedef {{start: string, end: string}} Range  end "" while only the first day is picked
 */

/**
 * @param {object} props
 * @param {Day[]} props.days free items per day, from the availability API (consecutive days)
 * @param {number} props.total how many items there are
 * @param {"view" | "day" | "range"} props.mode
 * @param {string} props.label the calendar's accessible name
 * @param {() => number} [props.needed] how many items must be free on a day (the quantity asked for)
 * @param {(range: Range) => void} [props.onPick]
 * @returns {{element: HTMLElement, set: (range: Range) => void}}
 */
export function monthCalendar({ days, total, mode, label, needed = () => 1, onPick = () => {} }) {
  const free = new Map(days.map((d) => [d.date, d.free]));
  const first = days[0]?.date ?? today();
  const last = days.at(-1)?.date ?? first;
  let month = first.slice(0, 7);
  let picked = /** @type {Range} */ ({ start: "", end: "" });
  let focusDay = first;
  const title = h("h3", { class: "month-calendar__title", "aria-live": "polite" });
  const previous = h("button", { type: "button", class: "month-calendar__move", text: "‹",
                                 "aria-label": t("calendar.previous"), onclick: () => move(-1) });
  const next = h("button", { type: "button", class: "month-calendar__move", text: "›",
                             "aria-label": t("calendar.next"), onclick: () => move(1) });
  const grid = h("table", { class: "month-calendar__grid", "aria-label": label });
  const element = h("div", { class: `month-calendar month-calendar--${mode}` },
    h("div", { class: "month-calendar__head" }, previous, title, next), grid,
    h("p", { class: "month-calendar__legend" },
      h("span", { class: "month-calendar__key month-calendar__key--free", text: t("calendar.key_free") }),
      total > 1 ? h("span", { class: "month-calendar__key month-calendar__key--some", text: t("calendar.key_some") })
        : null,
      h("span", { class: "month-calendar__key month-calendar__key--busy", text: t("calendar.key_busy") })));
  if (mode !== "view") grid.addEventListener("keydown", keys);

  /** @param {number} step months */
  function move(step) {
    month = addMonths(month, step);
    focusDay = `${month}-01` < first ? first : `${month}-01`;
    render();
  }

  function render() {
    const locale = getLanguage() === "en" ? "en-GB" : "sv-SE";
    title.textContent = new Intl.DateTimeFormat(locale, { month: "long", year: "numeric" })
      .format(at(`${month}-01`));
    previous.disabled = month <= first.slice(0, 7);
    next.disabled = month >= last.slice(0, 7);
    const weekday = new Intl.DateTimeFormat(locale, { weekday: "short" });
    const monday = at("2024-01-01");  // a Monday
    const head = h("tr", {}, [0, 1, 2, 3, 4, 5, 6].map((i) =>
      h("th", { scope: "col", text: weekday.format(new Date(monday.getTime() + i * 86400000)).replace(".", "") })));
    const start = at(`${month}-01`);
    const offset = (start.getDay() + 6) % 7;
    const rows = [];
    let row = h("tr", {}, Array.from({ length: offset }, () => h("td", {})));
    for (let day = `${month}-01`; day.startsWith(month); day = addDays(day, 1)) {
      row.append(cell(day));
      if (row.children.length === 7) {
        rows.push(row);
        row = h("tr", {});
      }
    }
    if (row.children.length) rows.push(row);
    replaceChildren(grid, h("thead", {}, head), h("tbody", {}, rows));
  }

  /** @param {string} day */
  function cell(day) {
    const count = free.get(day);
    const state = count === undefined ? "unknown" : count === 0 ? "busy" : count < total ? "some" : "free";
    const number = String(Number(day.slice(8)));
    const spoken = `${longDay(day)}, ${stateText(state, count ?? 0)}`;
    if (mode === "view") {
      return h("td", { class: `month-calendar__day month-calendar__day--${state}` },
        h("span", { "aria-hidden": "true", text: number }), h("span", { class: "visually-hidden", text: spoken }));
    }
    const inRange = picked.start && day >= picked.start && (picked.end ? day < picked.end : day === picked.start);
    const chosen = day === picked.start || day === picked.end;
    const button = h("button", {
      type: "button", class: "month-calendar__pick", text: number, tabindex: day === focusDay ? "0" : "-1",
      "data-day": day, "aria-label": spoken + (day === picked.end ? `, ${t("calendar.return_day")}` : ""),
      "aria-pressed": chosen ? "true" : "false", "aria-disabled": pickable(day) ? null : "true",
      onclick: () => pick(day),
    });
    return h("td", { class: `month-calendar__day month-calendar__day--${state}` +
                            (inRange ? " month-calendar__day--range" : "") + (chosen ? " month-calendar__day--chosen" : "") },
      button);
  }

  /** Whether a tap on this day means something now. @param {string} day */
  function pickable(day) {
    const wanted = needed();
    if (mode === "range" && picked.start && !picked.end && day > picked.start) {
      // A return day: every day before it from the first day must be free; the return day itself may be taken.
      for (let d = picked.start; d < day; d = addDays(d, 1)) {
        if ((free.get(d) ?? 0) < wanted) return false;
      }
      return day <= addDays(last, 1);
    }
    return (free.get(day) ?? 0) >= wanted;
  }

  /** @param {string} day */
  function pick(day) {
    if (!pickable(day)) return;
    if (mode === "day") picked = { start: day, end: "" };
    else if (picked.start && !picked.end && day > picked.start) picked = { start: picked.start, end: day };
    else picked = { start: day, end: "" };
    focusDay = day;
    render();
    /** @type {HTMLElement | null} */ (grid.querySelector(`[data-day="${day}"]`))?.focus();
    onPick({ ...picked });
  }

  /** @param {KeyboardEvent} event */
  function keys(event) {
    const steps = /** @type {Record<string, number>} */ ({ ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 });
    const target = /** @type {HTMLElement} */ (event.target);
    const day = target.dataset?.day;
    if (!day || !(event.key in steps)) return;
    event.preventDefault();
    const to = addDays(day, steps[event.key]);
    if (to < first.slice(0, 7) + "-01" || to > addDays(last, 1)) return;
    focusDay = to;
    if (!to.startsWith(month)) {
      month = to.slice(0, 7);
      render();
    } else {
      grid.querySelectorAll("[data-day]").forEach((b) => b.setAttribute("tabindex", "-1"));
    }
    const button = /** @type {HTMLElement | null} */ (grid.querySelector(`[data-day="${to}"]`));
    button?.setAttribute("tabindex", "0");
    button?.focus();
  }

  render();
  return {
    element,
    set(range) {
      picked = { start: range.start, end: range.end };
      if (range.start && free.has(range.start)) {
        focusDay = range.start;
        month = range.start.slice(0, 7);
      }
      render();
    },
  };
}

/** @param {string} state @param {number} count */
function stateText(state, count) {
  if (state === "unknown") return t("calendar.unknown");
  if (state === "busy") return t("book.day_busy");
  return t("book.day_free", { count });
}

/** @param {string} day */
function longDay(day) {
  const locale = getLanguage() === "en" ? "en-GB" : "sv-SE";
  return new Intl.DateTimeFormat(locale, { weekday: "long", day: "numeric", month: "long" }).format(at(day));
}

/** @param {string} day YYYY-MM-DD @returns {Date} noon that day, so time zones never move it */
function at(day) {
  return new Date(`${day}T12:00:00`);
}

/** @param {string} day @param {number} n @returns {string} */
export function addDays(day, n) {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** @param {string} month YYYY-MM @param {number} n */
function addMonths(month, n) {
  const d = new Date(`${month}-15T12:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 7);
}

function today() {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(new Date());
}

/** @param {number} offset days from today @returns {string} YYYY-MM-DD in Swedish time */
export function isoDay(offset) {
  return addDays(today(), offset);
}
