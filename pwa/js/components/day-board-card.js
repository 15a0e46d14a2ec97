/**
 * A job on the day board: where to, what, who drives it and when, for a job between municipalities
 * who drives and what a trip costs, and (when this coordinator plans it) a "Flytta" form: a driver and
 * a day, the keyboard's way to do what dragging the card does.
 */
import { h } from "../dom.js";
import { getLanguage, t } from "../i18n.js";
import { money } from "./listing-card.js";

/** @param {string} iso @param {boolean} [long] @returns {string} "mån 7 dec." / "Mon 7 Dec", long: "måndag 7 dec." */
export function dayName(iso, long = false) {
  return new Intl.DateTimeFormat(getLanguage() === "en" ? "en-GB" : "sv-SE",
    { weekday: long ? "long" : "short", day: "numeric", month: "short", timeZone: "UTC" })
    .format(new Date(`${iso}T00:00:00Z`));
}

/**
 * @param {any} job from /api/transport-jobs/board
 * @param {{today: string, days: string[], drivers: {id: string, name: string}[]}} board
 * @param {(job: any, driverId: string, day: string) => void} move
 * @param {(job: any) => void} [unassign] takes the job off its driver
 * @returns {HTMLElement}
 */
export function boardCard(job, board, move, unassign) {
  const titleId = `board-job-${job.id}`;
  const title = job.leg === "return" ? t("jobs.return_from", { address: job.pickup.address }) : job.delivery.address;
  const moving = { ...job, title };
  const items = job.items.map((/** @type {any} */ item) => item.title).join(", ");
  const card = h("article", { class: "day-board__card", "aria-labelledby": titleId, tabindex: "-1", "data-job": job.id },
    h("h4", { id: titleId, class: "day-board__title", text: title }),
    items ? h("p", { class: "day-board__items", text: items }) : null,
    h("p", { class: "day-board__who", text: job.driver && job.day
      ? t("board.driven_by", { driver: job.driver.name, day: dayName(job.day) })
      : t("board.unassigned", { day: job.wanted_date ? dayName(job.wanted_date) : "–" }) }),
    job.time_window ? h("p", { text: t("jobs.window", { window: job.time_window.replace("-", "–") }) }) : null,
    job.day && job.day < board.today ? h("p", { class: "day-board__late", text: t("board.late") }) : null,
    between(job),
    job.movable ? moveForm(moving, board, move, unassign) : null);
  if (job.movable) {
    card.draggable = true;
    card.addEventListener("dragstart", (event) => {
      event.dataTransfer?.setData("application/x-delbar-job", JSON.stringify(moving));
      if (event.dataTransfer) event.dataTransfer.effectAllowed = "move";
    });
  }
  return h("li", {}, card);
}

/** Who drives a job between municipalities and what one trip costs; or that the other side plans it. @param {any} job */
function between(job) {
  if (job.driving === job.requester && job.movable) return null;
  const fee = job.fee_ore ? money(job.fee_ore) : t("board.free");
  return h("p", { class: "day-board__between" },
    t("board.between", { requester: job.requester, driving: job.driving, fee }),
    job.movable ? null : h("span", { class: "day-board__theirs", text: ` ${t("board.theirs", { driving: job.driving })}` }));
}

/**
 * @param {any} job @param {{today: string, days: string[], drivers: {id: string, name: string}[]}} board
 * @param {(job: any, driverId: string, day: string) => void} move
 * @param {(job: any) => void} [unassign]
 */
function moveForm(job, board, move, unassign) {
  const id = `move-${job.id}`;
  const driver = h("select", { id: `${id}-driver`, name: "driver", required: true },
    h("option", { value: "", text: t("jobs.pick_driver") }),
    board.drivers.map((d) => h("option", { value: d.id, text: d.name, selected: job.driver?.id === d.id })));
  const day = h("select", { id: `${id}-day`, name: "day", required: true },
    board.days.map((d) => h("option", { value: d, text: dayName(d, true), selected: d === (job.day ?? board.days[0]) })));
  const error = h("p", { class: "day-board__error", id: `${id}-error`, "aria-live": "polite" });
  const form = h("form", { class: "day-board__form", "aria-label": t("board.move_job", { title: job.title }) },
    h("label", { for: `${id}-driver`, text: t("jobs.driver") }), driver,
    h("label", { for: `${id}-day`, text: t("jobs.day") }), day, error,
    h("div", { class: "day-board__form-actions" },
      h("button", { type: "submit", class: "button button--primary", text: t("board.save") }),
      h("button", { type: "button", class: "button button--secondary", text: t("board.cancel"),
                    onclick: () => { details.open = false; summary.focus(); } }),
      job.driver && unassign ? h("button", { type: "button", class: "button button--secondary day-board__unassign",
                                            text: t("board.unassign"), onclick: () => unassign(job) }) : null));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!driver.value) {
      error.textContent = t("board.need_driver");
      driver.setAttribute("aria-describedby", error.id);
      driver.focus();
      return;
    }
    move(job, driver.value, day.value);
  });
  const summary = h("summary", { class: "day-board__move", "aria-label": t("board.move_job", { title: job.title }),
                                  text: t("board.move") });
  const details = h("details", { class: "day-board__move-box" }, summary, form);
  return details;
}
