/**
 * The outbox's storage layer (Workbox's QueueStore): plain IndexedDB operations on the
 * outbox and attention stores, each in one transaction so a crash leaves no half state.
 * No DOM here: the service worker uses it too.
 */
import { ATTENTION_STORE, OUTBOX_STORE, PHOTO_STORE, run, transact } from "../db.js";
import { ownedBy } from "./owner.js";

/** @typedef {import("./owner.js").Owner} Owner */

/**
 * @typedef {object} ScanEvent what /api/scans/batch takes
 * @property {string} id client UUID; the server applies the same id once
 * @property {string} code
 * @property {string} action
 * @property {string} device_time ISO 8601 with the device's offset
 * @property {number} [clock_skew_ms] how far the phone's clock was ahead (+) or behind (-) the
 *   server's when the event was made; missing on entries stored before it was measured
 * @property {string} [location_code]
 * @property {string} [item_id]
 * @property {string} [note]
 * @property {string} [stocktake_id] with action "stocktake": the stocktake the item is counted for
 * @property {string} [stocktake_location_id] its place, so a stocktake started offline starts on the server
 * @property {boolean} [outside_jobs] the driver confirmed a pickup of an item on none of their jobs
 */
/** @typedef {{seq?: number, event: ScanEvent, title?: string, owner?: Owner}} Entry owner: who made it */
/**
 * @typedef {{id: string, event: ScanEvent, title?: string, state?: string | null,
 *   reason: string | null, message: string | null, at: string, owner?: Owner}} Attention
 */

/**
 * Add an entry; resolves only once the transaction has committed (then it survives a crash).
 * @param {Entry} entry
 * @returns {Promise<number>} its sequence number
 */
export function addEntry(entry) {
  return /** @type {Promise<number>} */ (run(OUTBOX_STORE, "readwrite", (s) => s.add(entry)));
}

/**
 * owner's entries of a store in key order (the order they were made), skipping everyone else's.
 * @param {string} storeName
 * @param {Owner | null} owner nobody signed in owns nothing
 * @param {number} [limit]
 * @returns {Promise<any[]>}
 */
export async function ownEntries(storeName, owner, limit = Infinity) {
  if (!owner) return [];
  return transact([storeName], "readonly", (tx) => {
    /** @type {any[]} */
    const found = [];
    const request = tx.objectStore(storeName).openCursor();
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor) return;
      if (ownedBy(cursor.value, owner)) found.push(cursor.value);
      if (found.length < limit) cursor.continue();
    };
    return found;
  });
}

/**
 * Every entry of a store, whoever made it (to count what waits for others).
 * @param {string} storeName
 * @returns {Promise<any[]>}
 */
export function allEntries(storeName) {
  return run(storeName, "readonly", (s) => s.getAll());
}

/**
 * owner's oldest entries, in the order they were made.
 * @param {number} limit
 * @param {Owner | null} owner
 * @returns {Promise<Entry[]>}
 */
export function headEntries(limit, owner) {
  return ownEntries(OUTBOX_STORE, owner, limit);
}

/** @param {Owner | null} owner @returns {Promise<number>} */
export async function countEntries(owner) {
  return (await ownEntries(OUTBOX_STORE, owner)).length;
}

/** @param {Owner | null} owner @returns {Promise<number>} */
export async function countPhotos(owner) {
  return (await ownEntries(PHOTO_STORE, owner)).length;
}

/**
 * Delete everything owner has queued (scans and photos): their choice when logging out.
 * @param {Owner} owner
 * @returns {Promise<void>}
 */
export async function discardOwn(owner) {
  const [scans, photos] = await Promise.all([ownEntries(OUTBOX_STORE, owner), ownEntries(PHOTO_STORE, owner)]);
  await transact([OUTBOX_STORE, PHOTO_STORE], "readwrite", (tx) => {
    for (const entry of scans) tx.objectStore(OUTBOX_STORE).delete(entry.seq);
    for (const photo of photos) tx.objectStore(PHOTO_STORE).delete(photo.seq);
  });
}

/**
 * Settle one answered batch at once: drop what the server took, move rejections aside.
 * @param {number[]} done sequence numbers applied or duplicate
 * @param {Array<{seq: number, attention: Attention}>} rejected
 * @returns {Promise<void>}
 */
export async function settleBatch(done, rejected) {
  await transact([OUTBOX_STORE, ATTENTION_STORE], "readwrite", (tx) => {
    const outbox = tx.objectStore(OUTBOX_STORE);
    const attention = tx.objectStore(ATTENTION_STORE);
    for (const seq of done) outbox.delete(seq);
    for (const { seq, attention: item } of rejected) {
      outbox.delete(seq);
      attention.put(item);
    }
  });
}

/** @param {Owner | null} owner @returns {Promise<Attention[]>} owner's refused scans, oldest first */
export async function listAttention(owner) {
  const mine = /** @type {Attention[]} */ (await ownEntries(ATTENTION_STORE, owner));
  return mine.sort((a, b) => a.at.localeCompare(b.at));
}

/** @param {Owner | null} owner @returns {Promise<number>} */
export async function countAttention(owner) {
  return (await ownEntries(ATTENTION_STORE, owner)).length;
}

/**
 * @param {string} id the rejected event's id
 * @returns {Promise<void>}
 */
export async function discardAttention(id) {
  await run(ATTENTION_STORE, "readwrite", (s) => s.delete(id));
}

/**
 * Put a rejected event back at the end of the outbox under a new id: the server remembers
 * the old id as rejected, so sending it again would only answer "duplicate".
 * @param {string} id
 * @param {string} newId
 * @returns {Promise<boolean>} false when it was no longer there (another tab acted first)
 */
export async function requeueAttention(id, newId) {
  let found = false;
  await transact([OUTBOX_STORE, ATTENTION_STORE], "readwrite", (tx) => {
    const attention = tx.objectStore(ATTENTION_STORE);
    const get = attention.get(id);
    get.onsuccess = () => {
      const item = /** @type {Attention | undefined} */ (get.result);
      if (!item) return;
      found = true;
      attention.delete(id);
      const entry = { event: { ...item.event, id: newId }, title: item.title };
      tx.objectStore(OUTBOX_STORE).add(item.owner ? { ...entry, owner: item.owner } : entry);
    };
  });
  return found;
}
