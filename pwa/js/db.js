/**
 * The app's IndexedDB: one database, a schema version and an upgrade step per version.
 *
 * No DOM use here: the service worker imports this module too (it reads the CSRF token
 * when it replays queued writes). Later stores (the outbox) get a new version and a new
 * step appended to UPGRADES; existing steps are never edited.
 */

export const DB_NAME = "delbar";
export const DB_VERSION = 1;
export const META_STORE = "meta";

/** @type {Array<(db: IDBDatabase) => void>} UPGRADES[n] takes the schema from version n to n+1. */
const UPGRADES = [
  (db) => {
    db.createObjectStore(META_STORE);
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
async function run(storeName, mode, makeRequest) {
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
