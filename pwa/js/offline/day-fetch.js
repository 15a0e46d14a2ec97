/**
 * The driver's day kept current without a button: fetched when the app starts, when the day
 * screen opens, when a push says the coordinator changed a job, when the app comes back to the
 * foreground and when the network returns. One fetch at a time; a background fetch that fails
 * is quiet and the stored day stays.
 */
import { loadShift, takeShiftOffline } from "./shift.js";
import { DAY_CHANGED_MESSAGE, isDriver, retryAfterMs, shouldFetchDay } from "./refetch.js";

/** @typedef {import("./shift.js").Shift} Shift */
/** @typedef {import("./refetch.js").FetchReason} FetchReason */

/** @type {Promise<Shift> | null} */
let inFlight = null;
/** @type {number | null} */
let lastStartedMs = null;
/** @type {Set<(shift: Shift) => void>} */
const listeners = new Set();
let started = false;

/**
 * Fetch and store the day now, or join the fetch already running.
 * @returns {Promise<Shift>}
 * @throws {import("../api.js").ApiError} when the network or the server failed
 */
export function fetchDay() {
  if (inFlight) return inFlight;
  lastStartedMs = Date.now();
  inFlight = (async () => {
    const previous = await loadShift().catch(() => undefined);
    const shift = await takeShiftOffline(previous);
    for (const listener of listeners) {
      try {
        listener(shift);
      } catch {
        // A screen that failed to redraw does not undo the stored day.
      }
    }
    return shift;
  })().finally(() => {
    inFlight = null;
  });
  return inFlight;
}

/**
 * Hear of every day stored from now on (a screen showing it redraws).
 * @param {(shift: Shift) => void} listener
 * @returns {() => void} stops listening
 */
export function onDayFetched(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** @returns {Promise<void>} once no fetch is running (logout clears the day after it) */
export async function dayFetchSettled() {
  await inFlight?.catch(() => {});
}

/**
 * Fetch in the background when the rules say so; never throws.
 * @param {FetchReason} reason
 * @param {{roles?: unknown} | null} user
 * @param {boolean} [hasDay] a day is stored already (whoever took it keeps it current)
 * @returns {Promise<void>}
 */
export async function refreshDay(reason, user, hasDay = false) {
  const fetch = shouldFetchDay({
    reason,
    driver: isDriver(user) || hasDay,
    online: navigator.onLine,
    visible: document.visibilityState === "visible",
    lastStartedMs,
    nowMs: Date.now(),
  });
  if (!fetch) return;
  for (let failures = 1; ; failures++) {
    try {
      await fetchDay();
      return;
    } catch {
      // Offline after all, or the server failed: the stored day is still right to show.
      const wait = retryAfterMs(reason, failures, navigator.onLine);
      if (wait === null) return;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/**
 * Start keeping the day current for whoever is signed in (called once, after the first screen).
 * @param {() => ({roles?: unknown} | null)} currentUser
 */
export function startDayFetching(currentUser) {
  if (started) return;
  started = true;
  refreshDay("open", currentUser());
  window.addEventListener("online", () => refreshDay("online", currentUser()));
  document.addEventListener("visibilitychange", () => refreshDay("visible", currentUser()));
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.addEventListener("message", (event) => {
      if (event.data && event.data.type === DAY_CHANGED_MESSAGE) refreshDay("push", currentUser());
    });
  }
}
