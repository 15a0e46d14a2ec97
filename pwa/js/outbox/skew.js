/**
 * How far this phone's clock is off, measured from the server's `Date` answers, and who to
 * tell when the server answers at all (the outbox retries at once then).
 *
 * The skew is the phone's time minus the server's: positive when the phone's clock is ahead.
 * Queued events carry the skew measured when they were made, so the server can correct their
 * device time even after the clock was set right. No DOM here: the service worker uses it too.
 */
import { metaGet, metaSet } from "../db.js";

const KEY = "clock_skew";
// Date has whole seconds and the server refreshes it once a second: a new measure within this
// much of the stored one is noise, and keeping the old one keeps a phone's skew steady.
const NOISE_MS = 2500;
// An answer slower than this says little about when the server read its clock.
const SLOW_MS = 5000;
/** From this far off, the driver is told (and the coordinator sees it). */
export const WRONG_CLOCK_MS = 2 * 60 * 1000;

/** @typedef {{skew_ms: number, at: string}} Skew at: when it was measured (server time) */

/** @type {Skew | null | undefined} undefined: not read from storage yet */
let known;
/** @type {Set<() => void>} */
const answered = new Set();
/** @type {Set<(skew: Skew) => void>} */
const changed = new Set();

/**
 * The skew one answer shows: the phone's clock at the middle of the round trip against the
 * server's, which Date truncates to a whole second (so half a second is added).
 * @param {string | null} dateHeader
 * @param {number} sentAt the phone's clock (ms) when the request left
 * @param {number} receivedAt the phone's clock (ms) when the answer came
 * @returns {number | null}
 */
export function skewFrom(dateHeader, sentAt, receivedAt) {
  const server = dateHeader ? Date.parse(dateHeader) : NaN;
  if (Number.isNaN(server) || receivedAt < sentAt || receivedAt - sentAt > SLOW_MS) return null;
  return Math.round((sentAt + receivedAt) / 2 - (server + 500));
}

/**
 * A network answer from the server (never one from a cache): measure the clock and tell those
 * waiting for the server to answer. A 5xx is not an answer a retry can build on.
 * @param {Response} response
 * @param {number} sentAt
 * @param {number} receivedAt
 * @returns {Promise<void>}
 */
export async function noteServerAnswer(response, sentAt, receivedAt) {
  if (response.status >= 500) return;
  for (const listener of answered) listener();
  const skew = skewFrom(response.headers.get("Date"), sentAt, receivedAt);
  if (skew === null) return;
  const before = await currentSkew();
  if (before && Math.abs(before.skew_ms - skew) < NOISE_MS) return;
  known = { skew_ms: skew, at: new Date(receivedAt - skew).toISOString() };
  await metaSet(KEY, known).catch(() => {});
  for (const listener of changed) listener(known);
}

/** @returns {Promise<Skew | null>} the last measured skew, null when none was ever measured */
export async function currentSkew() {
  if (known === undefined) {
    const stored = await metaGet(KEY).catch(() => undefined);
    // Another context (the worker, another tab) may have measured meanwhile: never go back to unknown.
    if (known === undefined) known = stored && typeof stored.skew_ms === "number" ? stored : null;
  }
  return known ?? null;
}

/**
 * @param {() => void} listener called whenever the server answered a request in this context
 * @returns {() => void} unsubscribe
 */
export function onServerAnswer(listener) {
  answered.add(listener);
  return () => answered.delete(listener);
}

/**
 * @param {(skew: Skew) => void} listener called when this context measured a new skew
 * @returns {() => void} unsubscribe
 */
export function onSkewChange(listener) {
  changed.add(listener);
  return () => changed.delete(listener);
}

/**
 * fetch, noting the server's answer: for requests that no cache can answer.
 * @param {typeof fetch} doFetch
 * @param {RequestInfo | URL} input
 * @param {RequestInit} [init]
 * @returns {Promise<Response>}
 */
export async function fetchNoting(doFetch, input, init) {
  const sentAt = Date.now();
  const response = await doFetch(input, init);
  await noteServerAnswer(response, sentAt, Date.now());
  return response;
}
