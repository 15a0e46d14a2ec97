/**
 * When the driver's day is fetched again without anyone asking: pure rules shared by the page
 * and the service worker (no DOM, no storage), so they can be tested on their own.
 */

/** What the service worker posts to open windows when a push says a transport job changed. */
export const DAY_CHANGED_MESSAGE = "delbar:day-changed";

/** Notification kinds the server sends a driver when a job is given, moved or cancelled. */
export const TRANSPORT_KINDS = ["job_assigned", "job_changed"];

/** Coming back to the app fetches again at most this often; a push or a network back always does. */
export const VISIBLE_GAP_MS = 60_000;

/**
 * @typedef {"open" | "push" | "online" | "visible"} FetchReason
 * open: the app or the day screen opened; push: the coordinator changed a job;
 * online: the network came back; visible: the app came back to the foreground.
 */

/**
 * @param {{roles?: unknown} | null | undefined} user
 * @returns {boolean} whether this person works a driver's day
 */
export function isDriver(user) {
  return Boolean(user && Array.isArray(user.roles) && user.roles.includes("driver"));
}

/**
 * @param {unknown} data a push message's JSON
 * @returns {boolean} whether it tells of a change to this person's transport jobs
 */
export function isTransportPush(data) {
  if (!data || typeof data !== "object") return false;
  const kind = /** @type {{kind?: unknown}} */ (data).kind;
  return typeof kind === "string" && TRANSPORT_KINDS.includes(kind);
}

/**
 * Whether to fetch the day now.
 * @param {object} when
 * @param {FetchReason} when.reason
 * @param {boolean} when.driver the person has a driver's day to keep (the role, or a day already stored)
 * @param {boolean} when.online
 * @param {boolean} [when.visible] the page is on the screen (a hidden page waits until it is back)
 * @param {number | null} [when.lastStartedMs] when the last fetch started, if any
 * @param {number} when.nowMs
 * @returns {boolean}
 */
export function shouldFetchDay({ reason, driver, online, visible = true, lastStartedMs = null, nowMs }) {
  if (!driver || !online) return false;
  if (reason !== "visible") return true;
  if (!visible) return false;
  return lastStartedMs === null || nowMs - lastStartedMs >= VISIBLE_GAP_MS || nowMs < lastStartedMs;
}

/** A network that has just come back often fails its first requests: waits before each try again. */
export const RETRY_MS = [2_000, 5_000, 15_000];

/**
 * After a failed background fetch: how long to wait before trying again, or null to stop (the
 * stored day stays). Only a network back or a push tries again; the foreground waits its minute.
 * @param {FetchReason} reason
 * @param {number} failures fetches that failed so far for this reason (1 after the first)
 * @param {boolean} online
 * @returns {number | null}
 */
export function retryAfterMs(reason, failures, online) {
  if (!online || (reason !== "online" && reason !== "push")) return null;
  return RETRY_MS[failures - 1] ?? null;
}
