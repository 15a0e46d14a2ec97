/**
 * The app's IndexedDB: one database, a schema version and an upgrade step per version.
 *
 * No DOM use here: the service worker imports this module too (it reads the CSRF token
 * when it replays queued writes). Later stores (the outbox) get a new version and a new
 * step appended to UPGRADES; existing steps are never edited.
 */

export const DB_NAME = "delbar";
export const DB_VERSION = 5;
export const META_STORE = "meta";
/** Queued scan events, replayed in key order (autoIncrement keeps the order they were made). */
export const OUTBOX_STORE = "outbox";
/** Events the server rejected, kept until the user discards or retries them. */
export const ATTENTION_STORE = "attention";
/** Intake photos waiting for upload (downsized blobs). */
export const PHOTO_STORE = "photos";
/** The shift taken offline: jobs, locations and when they were fetched, keyed by name. */
export const SHIFT_STORE = "shift";
/** What the server did with uploaded intake photos (the label it linked, or why not), newest last. */
export const PHOTO_RESULT_STORE = "photo_results";
/** Conversation messages written with no network, sent in the order written; refused ones stay, marked. */
export const MESSAGE_STORE = "messages";
/** New items taken in on the phone (with their photos), sent before the scans; refused ones stay, marked. */
export const INTAKE_STORE = "intakes";

/** @type {Array<(db: IDBDatabase) => void>} UPGRADES[n] takes the schema from version n to n+1. */
const UPGRADES = [
  (db) => {
    db.createObjectStore(META_STORE);
  },
  (db) => {
    db.createObjectStore(OUTBOX_STORE, { keyPath: "seq", autoIncrement: true });
    db.createObjectStore(ATTENTION_STORE, { keyPath: "id" });
    db.createObjectStore(PHOTO_STORE, { keyPath: "seq", autoIncrement: true });
    db.createObjectStore(SHIFT_STORE);
  },
  (db) => {
    db.createObjectStore(PHOTO_RESULT_STORE, { keyPath: "seq", autoIncrement: true });
  },
  (db) => {
    db.createObjectStore(MESSAGE_STORE, { keyPath: "seq", autoIncrement: true });
  },
  (db) => {
    db.createObjectStore(INTAKE_STORE, { keyPath: "seq", autoIncrement: true });
  },
];

/** @type {Promise<IDBDatabase> | null} */
let opening = null;

/**
 * Open (and if needed upgrade) the database; the connection is shared.
 * @returns {Promise<IDBDatabase>}
 */
export function openDb() {
  if (opening) return opening;
  opening = new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = (event) => {
      const db = request.result;
      for (let v = event.oldVersion; v < DB_VERSION; v++) UPGRADES[v](db);
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab or a new service worker wants a newer schema: step aside.
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      resolve(db);
    };
    request.onerror = () => {
      opening = null;
      reject(request.error);
    };
    request.onblocked = () => console.warn("delbar: database upgrade waits for another tab");
  });
  return opening;
}

/**
 * Run one request in its own transaction and resolve when the transaction commits.
 * @template T
 * @param {string} storeName
 * @param {IDBTransactionMode} mode
 * @param {(store: IDBObjectStore) => IDBRequest<T>} makeRequest
 * @returns {Promise<T>}
 */
export async function run(storeName, mode, makeRequest) {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(storeName, mode);
    const request = makeRequest(tx.objectStore(storeName));
    tx.oncomplete = () => resolve(request.result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

/**
 * @param {string} key
 * @returns {Promise<any>} the stored value, or undefined
 */
export function metaGet(key) {
  return run(META_STORE, "readonly", (store) => store.get(key));
}

/**
 * @param {string} key
 * @param {any} value
 * @returns {Promise<void>}
 */
export async function metaSet(key, value) {
  await run(META_STORE, "readwrite", (store) => store.put(value, key));
}

/**
 * @param {string} key
 * @returns {Promise<void>}
 */
export async function metaDelete(key) {
  await run(META_STORE, "readwrite", (store) => store.delete(key));
}

/**
 * Run several requests in one transaction (all or nothing) and resolve when it commits.
 * @template T
 * @param {string[]} storeNames
 * @param {IDBTransactionMode} mode
 * @param {(tx: IDBTransaction) => T} work queues requests; its return value is resolved
 * @returns {Promise<T>}
 */
export async function transact(storeNames, mode, work) {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(storeNames, mode);
    const result = work(tx);
    tx.oncomplete = () => resolve(result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

/**
 * Resolve an IDBRequest inside a running transaction.
 * @template T
 * @param {IDBRequest<T>} request
 * @returns {Promise<T>}
 */
export function settle(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}
