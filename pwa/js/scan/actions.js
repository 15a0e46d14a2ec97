/**
 * Which actions a scanned item offers in the current task. The server is the authority
 * and rejects what is not allowed; this table (DESIGN.md, "Item life and scans") only keeps
 * invalid buttons off the screen and guesses the state after a scan made offline.
 */

/** @typedef {"free" | "putaway" | "loading" | "job"} Task */

const LIVE = ["registered", "in_storage", "reserved", "in_transit", "delivered", "returned"];

/** action → {state before: state after}, as the server's state machine has it. */
const TRANSITIONS = {
  store: { registered: "in_storage", in_storage: "in_storage", reserved: "reserved", in_transit: "in_storage", returned: "in_storage" },
  pickup: { registered: "in_transit", in_storage: "in_transit", reserved: "in_transit", delivered: "in_transit", returned: "in_transit" },
  deliver: { in_transit: "delivered" },
  return: { delivered: "returned" },
  audit: Object.fromEntries(LIVE.map((state) => [state, state])),
};

/**
 * The actions each task can offer, most likely first. Put-away stores at the shelf scanned
 * first and loading picks up onto the vehicle scanned first; a job runs pickup to delivery.
 */
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
  return candidates.filter((action) => state in TRANSITIONS[/** @type {keyof typeof TRANSITIONS} */ (action)]);
}

/**
 * @param {string} action
 * @param {string | null} state
 * @returns {string | null} the state the item will be in, or null when it cannot be told
 */
export function nextState(action, state) {
  const table = TRANSITIONS[/** @type {keyof typeof TRANSITIONS} */ (action)];
  return (state && table?.[/** @type {keyof typeof table} */ (state)]) || null;
}
