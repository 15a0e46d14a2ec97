/**
 * Which actions a scanned item offers in the current task. The server is the authority
 * and rejects what is not allowed; this only keeps invalid buttons off the screen.
 * States and actions follow DESIGN.md ("Item life and scans").
 */

/** @typedef {"free" | "putaway" | "loading" | "job"} Task */

/** What an action leads to, for the local copy of the state after a scan made offline. */
export const NEXT_STATE = {
  intake: "in_storage",
  store: "in_storage",
  pickup: "in_transit",
  deliver: "delivered",
  return: "in_transit",
  audit: null,
  dispose: "disposed",
};

const TERMINAL = new Set(["sold", "given_away", "recycled", "disposed"]);

/** From which states each action can apply; null = any state that is not terminal. */
const FROM = {
  store: ["registered", "in_storage", "reserved", "in_transit", "returned"],
  pickup: ["in_storage", "reserved", "delivered"],
  deliver: ["in_transit"],
  return: ["delivered"],
  audit: null,
};

/** The actions each task can offer, in the order shown (most likely first). */
const TASK_ACTIONS = {
  putaway: ["store"],
  loading: ["pickup"],
  job: ["pickup", "deliver", "return"],
  free: ["audit", "pickup", "deliver", "return"],
};

/**
 * @param {Task} task
 * @param {string | null} state the item's state, null when this phone does not know it
 * @returns {string[]} actions to offer; with an unknown state, all of the task's actions
 */
export function actionsFor(task, state) {
  const candidates = TASK_ACTIONS[task] ?? TASK_ACTIONS.free;
  if (state === null) return candidates;
  if (TERMINAL.has(state)) return [];
  return candidates.filter((action) => {
    const from = FROM[/** @type {keyof typeof FROM} */ (action)];
    return from === null || from.includes(state);
  });
}
