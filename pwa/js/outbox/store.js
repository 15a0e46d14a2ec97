/**
 * The outbox's storage layer (Workbox's QueueStore): plain IndexedDB operations on the
 * outbox and attention stores, each in one transaction so a crash leaves no half state.
 * No DOM here: the service worker uses it too.
 */
import { ATTENTION_STORE, OUTBOX_STORE, PHOTO_STORE, run, transact } from "../db.js";

/**
 * @typedef {object} ScanEvent what /api/scans/batch takes
 * @property {string} id client UUID; the server applies the same id once
 * @property {string} code
 * @property {string} action
 * @property {string} device_time ISO 8601 with the device's offset
 * @property {string} [location_code]
 * @property {string} [item_id]
 * @property {string} [note]
 */
/** @typedef {{seq?: number, event: ScanEvent, title?: string}} Entry */
/**
 * @typedef {{id: string, event: ScanEvent, title?: string, state?: string | null,
 *   reason: string | null, message: string | null, at: string}} Attention
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
 * The oldest entries, in the order they were made.
 * @param {number} limit
 * @returns {Promise<Entry[]>}
 */
export function headEntries(limit) {
  return run(OUTBOX_STORE, "readonly", (s) => s.getAll(null, limit));
}

/** @returns {Promise<number>} */
export function countEntries() {
  return run(OUTBOX_STORE, "readonly", (s) => s.count());
}

/** @returns {Promise<number>} */
export function countPhotos() {
  return run(PHOTO_STORE, "readonly", (s) => s.count());
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

/** @returns {Promise<Attention[]>} oldest first */
export async function listAttention() {
  const all = /** @type {Attention[]} */ (await run(ATTENTION_STORE, "readonly", (s) => s.getAll()));
  return all.sort((a, b) => a.at.localeCompare(b.at));
}

/** @returns {Promise<number>} */
export function countAttention() {
  return run(ATTENTION_STORE, "readonly", (s) => s.count());
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
      tx.objectStore(OUTBOX_STORE).add({ event: { ...item.event, id: newId }, title: item.title });
    };
  });
  return found;
}
