/**
 * The coordinator's day board: today and the next working days, each driver's jobs per day, and
 * the jobs waiting for a plan beside them. A job moves by drag and drop onto a driver's day, or by
 * its "Flytta" button (a driver and a day, usable from the keyboard); it goes back among the waiting
 * jobs by a drop there or by "Ta bort från chauffören" in the same form. At phone width one day shows
 * at a time, with day buttons and arrows; from desk width every day is a column.
 */
import { h } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { boardCard, dayName } from "./day-board-card.js";

/** @typedef {{id: string, name: string}} Person */
/** @typedef {{today: string, days: string[], drivers: Person[], jobs: any[]}} Board */

/**
 * Which cell each job belongs in: "<driver>|<day>" for a job on a listed driver's board day, else "waiting".
 * @param {Board} board
 * @returns {Map<string, any[]>}
 */
export function cells(board) {
  const drivers = new Set(board.drivers.map((d) => d.id));
  /** @type {Map<string, any[]>} */
  const map = new Map([["waiting", []]]);
  for (const job of board.jobs) {
    const key = job.driver && drivers.has(job.driver.id) && board.days.includes(job.day)
      ? `${job.driver.id}|${job.day}` : "waiting";
    if (!map.has(key)) map.set(key, []);
    map.get(key)?.push(job);
  }
  return map;
}

/** @returns {HTMLElement} */
export function dayBoard() {
  const status = h("p", { class: "day-board__status", role: "status", "aria-live": "polite" });
  const body = h("div", { class: "day-board__body" });
  const section = h("section", { class: "day-board", "aria-labelledby": "board-title" },
    h("h1", { id: "board-title", text: t("board.title") }),
    h("p", { class: "day-board__intro", text: t("board.intro") }), status, body);
  /** @type {string | null} the day shown at phone width */
  let shown = null;

  /** @param {string} [focusJob] the card to focus once drawn (after a move) */
  async function load(focusJob) {
    section.setAttribute("aria-busy", "true");
    try {
      /** @type {Board} */
      const board = await api("/api/transport-jobs/board");
      if (!shown || !board.days.includes(shown)) shown = board.days[0];
      draw(board);
      if (focusJob) /** @type {HTMLElement | null} */ (body.querySelector(`[data-job="${focusJob}"]`))?.focus();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status.textContent = errorText(error);
    } finally {
      section.removeAttribute("aria-busy");
    }
  }

  /** @param {any} job @param {string} driverId @param {string} day */
  async function move(job, driverId, day) {
    try {
      const moved = await api(`/api/transport-jobs/${job.id}/assign`, { method: "POST",
        body: { driver_id: driverId, day, version: job.version } });
      status.textContent = t("board.moved", { title: job.title, driver: moved.driver?.name ?? "", day: dayName(day, true) });
      shown = day;
      await load(job.id);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // A stale board (or a job that changed meanwhile) is reloaded, and the reason said.
      const stale = error.status === 409 || error.status === 404;
      status.textContent = stale ? `${errorText(error)} ${t("board.reloaded")}` : errorText(error);
      if (stale) await load();
    }
  }

  /** Back among the waiting jobs; the driver is told and their day refetches. @param {any} job */
  async function unassign(job) {
    if (!job.driver) return;
    try {
      await api(`/api/transport-jobs/${job.id}/unassign`, { method: "POST", body: { version: job.version } });
      status.textContent = t("board.unassigned_done", { title: job.title });
      await load(job.id);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const stale = error.status === 409 || error.status === 404;
      status.textContent = stale ? `${errorText(error)} ${t("board.reloaded")}` : errorText(error);
      if (stale) await load();
    }
  }

  /** @param {Board} board */
  function draw(board) {
    const map = cells(board);
    const cardOf = (/** @type {any} */ job) => boardCard(job, board, move, unassign);
    const waiting = map.get("waiting") ?? [];
    const aside = h("section", { class: "day-board__waiting", "aria-labelledby": "board-waiting" },
      h("h2", { id: "board-waiting", text: t("board.waiting", { count: waiting.length }) }),
      waiting.length ? h("ul", { class: "day-board__jobs" }, waiting.map(cardOf))
        : h("p", { class: "day-board__empty", text: t("board.waiting_none") }),
      h("p", { class: "day-board__drop-hint", text: t("board.drop_waiting") }));
    dropZone(aside, unassign);
    const tabs = h("nav", { class: "day-board__tabs", "aria-label": t("board.days") },
      board.days.map((day) => h("button", {
        type: "button", class: "day-board__tab", "aria-pressed": String(day === shown),
        onclick: () => { shown = day; draw(board); } },
        h("span", { text: day === board.today ? t("board.today") : dayName(day).split(" ")[0] }),
        h("span", { text: dayName(day).split(" ").slice(1).join(" ") }))));
    const days = h("div", { class: "day-board__days" }, board.days.map((day) =>
      h("section", { class: `day-board__day${day === shown ? " is-shown" : ""}`, "aria-labelledby": `board-day-${day}` },
        h("div", { class: "day-board__day-head" }, arrow(board, day, -1),
          h("h2", { id: `board-day-${day}`, text: dayName(day, true) }), arrow(board, day, 1)),
        board.drivers.length ? board.drivers.map((driver) => cell(driver, day, map.get(`${driver.id}|${day}`) ?? [],
          cardOf, (job) => move(job, driver.id, day)))
          : h("p", { class: "day-board__empty", text: t("board.no_drivers") }))));
    body.replaceChildren(tabs, h("div", { class: "day-board__grid" }, aside, days));
  }

  /** The phone's arrows beside a day's heading. @param {Board} board @param {string} day @param {number} step */
  function arrow(board, day, step) {
    const at = board.days.indexOf(day) + step;
    if (at < 0 || at >= board.days.length) return h("span", { class: "day-board__arrow-space" });
    return h("button", { type: "button", class: "day-board__arrow",
      "aria-label": t(step < 0 ? "board.previous" : "board.next", { day: dayName(board.days[at], true) }),
      text: step < 0 ? "‹" : "›",
      onclick: () => {
        shown = board.days[at];
        draw(board);
        /** @type {HTMLElement | null} */ (body.querySelector(".day-board__day.is-shown .day-board__arrow"))?.focus();
      } });
  }

  queueMicrotask(load);
  return section;
}

/**
 * One driver's day: a drop target for dragged cards.
 * @param {Person} driver @param {string} day @param {any[]} jobs
 * @param {(job: any) => HTMLElement} cardOf @param {(job: any) => void} onDrop
 */
function cell(driver, day, jobs, cardOf, onDrop) {
  const id = `board-${driver.id}-${day}`;
  const zone = h("div", { class: "day-board__cell", "data-driver": driver.id, "data-day": day, "aria-labelledby": id,
                          role: "group" },
    h("h3", { id, class: "day-board__driver", text: driver.name }),
    jobs.length ? h("ul", { class: "day-board__jobs" }, jobs.map(cardOf))
      : h("p", { class: "day-board__empty", text: t("board.nothing") }));
  dropZone(zone, onDrop);
  return zone;
}

/**
 * Make an element take dropped job cards.
 * @param {HTMLElement} zone @param {(job: any) => void} onDrop
 */
function dropZone(zone, onDrop) {
  zone.addEventListener("dragover", (event) => {
    if (!event.dataTransfer?.types.includes("application/x-delbar-job")) return;
    event.preventDefault();
    zone.classList.add("is-target");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("is-target"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("is-target");
    const raw = event.dataTransfer?.getData("application/x-delbar-job");
    if (raw) onDrop(JSON.parse(raw));
  });
}
