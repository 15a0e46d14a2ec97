/**
 * Taking a shift offline: the driver's day (jobs, their items and places, thumbnails) and
 * the warehouse's locations, fetched in one go and kept in IndexedDB with the time they were
 * fetched, so the day list and the scan screen work in a basement.
 */
import { api, ApiError } from "../api.js";
import { SHIFT_STORE, run } from "../db.js";
import { THUMB_CACHE } from "../../sw/cache-names.js";
import { currentSkew } from "../outbox/skew.js";

const KEY = "current";

/**
 * @typedef {object} ShiftItem
 * @property {string} id
 * @property {string} title
 * @property {string} code
 * @property {string} state
 * @property {string} [thumbnail_url]
 */
/**
 * @typedef {object} Shift
 * @property {string} day YYYY-MM-DD
 * @property {string} fetchedAt ISO time of the fetch
 * @property {any[]} jobs as GET /api/transport-jobs answers
 * @property {boolean} jobsAvailable false when this server has no transport jobs yet (404)
 * @property {any[]} locations as GET /api/locations answers
 * @property {Record<string, string>} states item id → state after this phone's own scans
 */

/** @param {Date} [date] @returns {string} the local calendar day */
export function today(date = new Date()) {
  const pad = (/** @type {number} */ n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * Today as the server's clock has it, in the phone's time zone: a phone whose clock is days
 * off still takes the day the jobs are planned for.
 * @returns {Promise<string>}
 */
export async function serverToday() {
  const skew = await currentSkew();
  return today(new Date(Date.now() - (skew ? skew.skew_ms : 0)));
}

/**
 * An endpoint this server does not have (404) or this user may not use (403) gives an
 * empty list; anything else (offline, 5xx) fails the whole fetch, so a half day is never kept.
 * @param {string} path
 * @returns {Promise<{list: any[], available: boolean}>}
 */
async function optionalList(path) {
  try {
    // A day the worker kept from an earlier fetch is not today's: offline, the fetch fails.
    const answer = await api(path, { fresh: true });
    return { list: Array.isArray(answer) ? answer : [], available: true };
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 403)) {
      return { list: [], available: false };
    }
    throw error;
  }
}

/**
 * Fetch and store today's day. Thumbnails are cached best effort: a missing picture must not
 * stop a driver from leaving.
 * @param {Shift} [previous] the day stored before: this phone's own scan states are kept when it is the same day
 * @returns {Promise<Shift>}
 * @throws {ApiError} when the network or the server failed
 */
export async function takeShiftOffline(previous) {
  // The list asked for first measures the clock (when nothing did before), the day is asked after.
  const locations = await optionalList("/api/locations");
  const day = await serverToday();
  const states = previous && previous.day === day ? previous.states : {};
  const jobs = await optionalList(`/api/transport-jobs?driver=me&day=${encodeURIComponent(day)}`);
  await cacheThumbnails(jobs.list);
  /** @type {Shift} */
  const shift = {
    day,
    fetchedAt: new Date().toISOString(),
    jobs: jobs.list,
    jobsAvailable: jobs.available,
    locations: locations.list,
    states,
  };
  await run(SHIFT_STORE, "readwrite", (s) => s.put(shift, KEY));
  return shift;
}

/** @param {any[]} jobs */
async function cacheThumbnails(jobs) {
  if (!("caches" in self)) return;
  const urls = /** @type {string[]} */ ([...new Set(jobItems(jobs).map((i) => i.thumbnail_url).filter(Boolean))]);
  if (!urls.length) return;
  const cache = await caches.open(THUMB_CACHE);
  await Promise.allSettled(urls.map((url) => cache.add(url)));
}

/** @returns {Promise<Shift | undefined>} the shift taken offline, if any */
export function loadShift() {
  return run(SHIFT_STORE, "readonly", (s) => s.get(KEY));
}

/** Forget the shift (logout: the next person on this phone must not see it). */
export async function clearShift() {
  await run(SHIFT_STORE, "readwrite", (s) => s.delete(KEY));
  if ("caches" in self) await caches.delete(THUMB_CACHE);
}

/**
 * @param {any[]} jobs
 * @returns {ShiftItem[]}
 */
export function jobItems(jobs) {
  return jobs.flatMap((job) => (Array.isArray(job.items) ? job.items : []));
}

/**
 * The item with this code in the stored shift, with its state after this phone's scans.
 * @param {Shift | undefined} shift
 * @param {string} code
 * @returns {{item: ShiftItem, job: any} | null}
 */
export function findByCode(shift, code) {
  if (!shift) return null;
  for (const job of shift.jobs) {
    const item = (job.items ?? []).find((/** @type {ShiftItem} */ i) => i.code === code);
    if (item) return { item: { ...item, state: shift.states[item.id] ?? item.state }, job };
  }
  return null;
}

/**
 * Remember an item's state after a scan made here, so the next scan offers the right actions.
 * @param {string} itemId
 * @param {string} state
 * @returns {Promise<void>}
 */
export async function rememberState(itemId, state) {
  const shift = await loadShift();
  if (!shift) return;
  shift.states[itemId] = state;
  await run(SHIFT_STORE, "readwrite", (s) => s.put(shift, KEY));
}
