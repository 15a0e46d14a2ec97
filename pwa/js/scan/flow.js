/**
 * The scan screen's rules, apart from its DOM: what a scanned code means in the current task,
 * which actions to offer, and recording the chosen one in the outbox.
 */
import { t } from "../i18n.js";
import { enqueue } from "../outbox/queue.js";
import { currentUser } from "../session.js";
import { jobItems, loadShift, rememberState, serverToday } from "../offline/shift.js";
import { actionsFor, nextState } from "./actions.js";
import { lookUp } from "./lookup.js";

/** @typedef {import("./actions.js").Task} Task */
/** @typedef {{code: string, title: string}} Place */
/** @typedef {{id: string, title: string, state: string | null}} Item */
/**
 * @typedef {{problem: string} | {place: Place} | {info: string} | {code: string, item: Item | null}} Meaning
 * item null: this phone cannot tell what the code is (offline and not in the stored day).
 */

/** URL words (Swedish, they show in the address bar) for the tasks. */
/** @type {Record<string, Task>} */
const TASK_PARAM = { inlagring: "putaway", lastning: "loading", jobb: "job" };
const PARAM_FOR = { putaway: "inlagring", loading: "lastning", job: "jobb", free: "" };

/** @param {string} search location.search @returns {Task} */
export function taskFromUrl(search) {
  const word = new URLSearchParams(search).get("uppgift") ?? "";
  // Own keys only: ?uppgift=constructor is no task.
  return Object.hasOwn(TASK_PARAM, word) ? TASK_PARAM[word] : "free";
}

/** @param {Task} task @returns {string} the scan screen's URL for the task */
export function urlFor(task) {
  return PARAM_FOR[task] ? `/skanna?uppgift=${PARAM_FOR[task]}` : "/skanna";
}

/** Put-away and loading start with the shelf or vehicle; items come after. */
export function wantsPlace(/** @type {Task} */ task, /** @type {Place | null} */ place) {
  return (task === "putaway" || task === "loading") && !place;
}

/**
 * @param {string} code a code whose check character is right
 * @param {Task} task
 * @param {Place | null} place
 * @returns {Promise<Meaning>}
 */
export async function interpret(code, task, place) {
  const found = await lookUp(code);
  if (found.kind === "mistyped") return { problem: t("scan.mistyped") };
  if (found.kind === "unknown") return { problem: t("scan.unknown", { code }) };
  if (found.kind === "unlinked") return { problem: t("reason.code_unlinked") };
  if (found.kind === "retired") return { problem: t("reason.code_retired") };
  if (wantsPlace(task, place)) {
    if (found.kind === "item") return { problem: t("scan.item_not_place") };
    return { place: { code, title: found.kind === "location" ? found.title : t("scan.code", { code }) } };
  }
  if (found.kind === "location") return { info: found.title };
  return { code, item: found.kind === "item" ? found.item : null };
}

/**
 * @param {Task} task
 * @param {Place | null} place
 * @param {Item | null} item
 * @returns {{action: string, label: string}[]}
 */
export function offeredActions(task, place, item) {
  return actionsFor(task, item?.state ?? null).map((action) => ({ action, label: actionLabel(action, task, place) }));
}

/** @param {string} action @param {Task} task @param {Place | null} place */
export function actionLabel(action, task, place) {
  if (action === "store") return place ? t("action.store", { place: place.title }) : t("action.store_plain");
  if (action === "pickup" && task === "loading" && place) return t("action.load", { place: place.title });
  return t(`action.${action}`);
}

/**
 * Whether a driver's pickup takes an item on none of their jobs of the day, as the day kept on this
 * phone has them, so it is told offline too (a code the kept day does not have is on none of them).
 * False when this phone cannot tell (no day kept for today): the server checks every pickup anyway.
 * @param {string} action
 * @param {string} code
 * @param {Item | null} item null when this phone cannot tell what the code is
 * @returns {Promise<boolean>}
 */
export async function outsideJobs(action, code, item) {
  if (action !== "pickup" || !currentUser()?.roles.includes("driver")) return false;
  const shift = await loadShift().catch(() => undefined);
  if (!shift || !shift.jobsAvailable || shift.day !== (await serverToday())) return false;
  return !jobItems(shift.jobs).some((onJob) => (item ? onJob.id === item.id : onJob.code === code));
}

/**
 * Store the scan event and the item's new state on the stored day; resolves once IndexedDB holds
 * both (then the screen may confirm, and the day opened next shows the state).
 * @param {string} action
 * @param {string} code
 * @param {Item | null} item
 * @param {Place | null} place
 * @param {{outsideJobs?: boolean}} [options] outsideJobs: the driver confirmed a pickup outside their jobs
 * @returns {Promise<void>}
 */
export async function record(action, code, item, place, { outsideJobs = false } = {}) {
  const flag = outsideJobs ? { outside_jobs: true } : {};
  await enqueue({ code, action, location_code: place?.code, item_id: item?.id, ...flag }, { title: item?.title });
  // A coordinator decides on a pickup outside the jobs: the item's state here stays as it was.
  if (outsideJobs) return;
  const next = nextState(action, item?.state ?? null);
  // The stored day learns the new state, so the next scan of this item offers the right actions.
  if (item && next) await rememberState(item.id, next).catch(() => {});
}
