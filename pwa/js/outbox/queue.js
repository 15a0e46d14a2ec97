/**
 * The outbox (Workbox's Queue layer): make an event, store it before anyone is told it was
 * saved, and replay the stored events in order to POST /api/scans/batch.
 *
 * Replay policy (DESIGN.md, "Offline and sync"; verdicts.js decides): a network error, a 5xx
 * or any answer that is not a per-event verdict keeps every event; "applied" and "duplicate"
 * remove one; "rejected" moves it to the needs-attention list. An event the server applied
 * whose answer was lost is sent again and comes back "duplicate", so a dropped connection
 * mid-batch loses nothing.
 * Only the signed-in person's events are sent (owner.js): someone else's wait for them.
 * No DOM here: the service worker replays with this module on `sync`.
 */
import { INTAKE_STORE, MESSAGE_STORE, OUTBOX_STORE, PHOTO_STORE, metaGet } from "../db.js";
import { CSRF_KEY } from "../csrf.js";
import { OWNER_HEADER, currentOwner, ownedBy, waitingForOthers } from "./owner.js";
import { addEntry, allEntries, countAttention, countEntries, countPhotos, headEntries, settleBatch } from "./store.js";
import { judgeBatch } from "./verdicts.js";
import { currentSkew, fetchNoting } from "./skew.js";

export const BATCH_URL = "/api/scans/batch";
export const BATCH_LIMIT = 500;
export const SYNC_TAG = "delbar-outbox";
const LOCK_NAME = "delbar-outbox-replay";
const CHANNEL = "delbar-outbox";

/** @typedef {import("./store.js").ScanEvent} ScanEvent */
/**
 * @typedef {{sent: number, kept: number, stopped: null | "network" | "server" | "busy" | "signed_out"}} ReplayResult
 *   kept counts the signed-in person's events still waiting
 */

/**
 * Local time with its UTC offset (2026-11-25T09:14:03.120+01:00): the device time the
 * server orders a phone's own events by, readable as the worker's wall clock.
 * @param {Date} [date]
 */
export function deviceTime(date = new Date()) {
  const pad = (/** @type {number} */ n, w = 2) => String(Math.abs(n)).padStart(w, "0");
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}` +
    `${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`
  );
}

/**
 * Store a scan event under the signed-in person. Resolves after IndexedDB committed it: only
 * then may the UI confirm. The event carries the phone's clock skew as last measured, so the
 * server can correct its device time (entries stored before there was a skew have none).
 * @param {{code: string, action: string, location_code?: string, item_id?: string, note?: string, stocktake_id?: string,
 *   stocktake_location_id?: string}} fields
 * @param {{title?: string}} [extra] what the needs-attention list shows beside the code
 * @returns {Promise<ScanEvent>}
 */
export async function enqueue(fields, { title } = {}) {
  // The cast: dropEmpty keeps code and action, which every caller fills.
  const skew = await currentSkew();
  const event = /** @type {ScanEvent} */ ({
    id: crypto.randomUUID(), device_time: deviceTime(), ...(skew ? { clock_skew_ms: skew.skew_ms } : {}),
    ...dropEmpty(fields),
  });
  const owner = await currentOwner();
  await addEntry(owner ? { event, title, owner } : { event, title });
  announce();
  return event;
}

/** @param {Record<string, any>} fields */
function dropEmpty(fields) {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== null && v !== ""));
}

/**
 * Replay the signed-in person's events, batch by batch, unless another tab or the worker is at it.
 * @param {{fetch?: typeof fetch}} [options]
 * @returns {Promise<ReplayResult>}
 */
export async function replay({ fetch: doFetch = fetch } = {}) {
  if (typeof navigator !== "undefined" && navigator.locks) {
    const result = await navigator.locks.request(LOCK_NAME, { ifAvailable: true }, (lock) =>
      lock ? drain(doFetch) : null,
    );
    return result ?? { sent: 0, kept: await countEntries(await currentOwner()), stopped: "busy" };
  }
  // Without Web Locks (older Safari) this context at least never replays twice at once.
  if (fallbackBusy) return { sent: 0, kept: await countEntries(await currentOwner()), stopped: "busy" };
  fallbackBusy = true;
  try {
    return await drain(doFetch);
  } finally {
    fallbackBusy = false;
  }
}
let fallbackBusy = false;

/** @param {typeof fetch} doFetch @returns {Promise<ReplayResult>} */
async function drain(doFetch) {
  // Read once per run: a logout or another login mid-run must not switch whose events go out.
  const owner = await currentOwner();
  if (!owner) return { sent: 0, kept: 0, stopped: "signed_out" };
  let sent = 0;
  for (;;) {
    const entries = await headEntries(BATCH_LIMIT, owner);
    if (!entries.length) return { sent, kept: 0, stopped: null };
    const outcome = await sendBatch(entries, doFetch, owner);
    if (outcome) return { sent, kept: await countEntries(owner), stopped: outcome };
    sent += entries.length;
    announce();
  }
}

/**
 * @param {import("./store.js").Entry[]} entries
 * @param {typeof fetch} doFetch
 * @param {import("./owner.js").Owner} owner who made them; the server refuses them (409) under anyone else
 * @returns {Promise<import("./verdicts.js").Stop>} null when the batch was settled
 */
async function sendBatch(entries, doFetch, owner) {
  /** @type {Record<string, string>} */
  const headers = { "Content-Type": "application/json", Accept: "application/json", [OWNER_HEADER]: owner.id };
  const token = await metaGet(CSRF_KEY).catch(() => null);
  if (token) headers["X-CSRF-Token"] = token;
  let answer;
  try {
    const response = await fetchNoting(doFetch, BATCH_URL, {
      method: "POST",
      headers,
      credentials: "same-origin",
      body: JSON.stringify({ events: entries.map((e) => e.event) }),
    });
    answer = { ok: response.ok, body: response.ok ? await response.json().catch(() => null) : null };
  } catch {
    answer = null;
  }
  const { done, rejected, stopped } = judgeBatch(entries, answer, new Date().toISOString());
  if (done.length || rejected.length) await settleBatch(done, rejected);
  return stopped;
}

/**
 * What waits on this device: the signed-in person's scans, refusals, photos, conversation messages
 * and new items, and per other person what waits for them to sign in again.
 * @returns {Promise<{waiting: number, attention: number, photos: number, messages: number, intakes: number,
 *   others: import("./owner.js").Waiting[]}>}
 */
export async function counts() {
  const owner = await currentOwner();
  const [waiting, attention, photos, scansAll, photosAll, messages, intakes] = await Promise.all([
    countEntries(owner), countAttention(owner), countPhotos(owner), allEntries(OUTBOX_STORE), allEntries(PHOTO_STORE),
    countMessages(owner), countWaitingIntakes(owner),
  ]);
  return { waiting, attention, photos, messages, intakes, others: waitingForOthers(scansAll, photosAll, owner) };
}

/**
 * The signed-in person's new items still waiting to be sent (refused and made ones are not counted).
 * Read here rather than through intake-queue.js, which imports this module.
 * @param {import("./owner.js").Owner | null} owner
 * @returns {Promise<number>}
 */
async function countWaitingIntakes(owner) {
  /** @type {Array<{owner?: import("./owner.js").Owner, made?: object, refused?: object}>} */
  const all = await allEntries(INTAKE_STORE);
  return all.filter((e) => ownedBy(e, owner) && !e.made && !e.refused).length;
}

/**
 * The signed-in person's conversation messages still waiting to be sent (a refused one waits for
 * the person, not the network, and is not counted).
 * @param {import("./owner.js").Owner | null} owner
 * @returns {Promise<number>}
 */
export async function countMessages(owner) {
  const entries = /** @type {Array<{refused?: object, owner?: import("./owner.js").Owner}>} */ (
    await allEntries(MESSAGE_STORE).catch(() => []));
  return entries.filter((entry) => !entry.refused && ownedBy(entry, owner)).length;
}

/** Tell every tab (and the page, when the worker replayed) that the outbox changed. */
export function announce() {
  if (typeof BroadcastChannel === "undefined") return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage({ type: "changed" });
  channel.close();
}

/**
 * @param {() => void} listener called when any context changed the outbox
 * @returns {() => void} unsubscribe
 */
export function onOutboxChange(listener) {
  if (typeof BroadcastChannel === "undefined") return () => {};
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = () => listener();
  return () => channel.close();
}
