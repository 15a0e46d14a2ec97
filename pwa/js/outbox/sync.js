/**
 * When the page replays: at app start, when the browser says it is online again, right
 * after a new event is stored, and every half minute while something waits. Background Sync
 * is asked for as well, so the worker replays after the tab is closed (where supported).
 */
import { counts, replay, SYNC_TAG } from "./queue.js";
import { uploadPhotos } from "./photos.js";

const RETRY_MS = 30_000;

/** @type {Promise<void> | null} */
let running = null;
let again = false;

/**
 * Replay events, then photos. Calls during a run make the run go round once more, so an
 * event stored while a batch was on the wire is not left waiting for the next trigger.
 * @returns {Promise<void>}
 */
export function syncNow() {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    try {
      do {
        again = false;
        const result = await replay();
        if (!result.stopped) await uploadPhotos();
      } while (again);
    } catch (error) {
      console.warn("delbar: replay failed", error);
    } finally {
      running = null;
    }
  })();
  return running;
}

/** Ask the worker to replay on the next `sync` (the browser fires it once online). */
export async function requestBackgroundSync() {
  try {
    const registration = await navigator.serviceWorker?.ready;
    await registration?.sync?.register(SYNC_TAG);
  } catch {
    // Not supported or not allowed: the page's own triggers still replay.
  }
}

/** Start the page's triggers; call once from main.js. */
export function startSync() {
  window.addEventListener("online", () => syncNow());
  setInterval(async () => {
    if (!navigator.onLine) return;
    const { waiting, photos } = await counts().catch(() => ({ waiting: 0, photos: 0 }));
    if (waiting || photos) syncNow();
  }, RETRY_MS);
  syncNow();
}

/** After storing an event: replay now if we can, and leave a sync request behind either way. */
export function afterEnqueue() {
  requestBackgroundSync();
  if (navigator.onLine) syncNow();
}

/**
 * Before logging out: send what the signed-in person queued, if there is a network, and say
 * what is still unsent (it then waits on this phone for them, and only them).
 * @returns {Promise<{scans: number, photos: number}>}
 */
export async function sendBeforeLogout() {
  if (navigator.onLine) await syncNow();
  const { waiting, photos } = await counts();
  return { scans: waiting, photos };
}
