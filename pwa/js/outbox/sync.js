/**
 * When the page replays (scans, then photos, then messages written offline): at app start, when
 * the browser says it is online again, right after a new event is stored, and after a failed
 * replay with backoff (1, 2, 5, 15, then every 30 s), or at once when any other request to the
 * server gets an answer (the server is back: no reason to wait for the timer). Background Sync is asked for as well, so the worker replays
 * after the tab is closed (where supported).
 *
 * A replay is heavy (up to 500 events); asking whether the server is back is not. For the first
 * two minutes of a failure (a crash or a deploy), while a replay waits on its backoff, the page
 * asks GET /health every second, and a healthy answer replays at once: a restarted server is
 * drained within seconds, not on the next 15 or 30 s try.
 */
import { counts, replay, SYNC_TAG } from "./queue.js";
import { uploadPhotos } from "./photos.js";
import { sendMessages, queuedMessages } from "./message-queue.js";
import { sendIntakes } from "./intake-queue.js";
import { anyWaiting } from "./message-policy.js";
import { currentOwner } from "./owner.js";
import { noteServerAnswer, onServerAnswer } from "./skew.js";

/** Seconds to wait after the 1st, 2nd, … failed replay in a row; the last repeats. */
export const BACKOFF_S = [1, 2, 5, 15, 30];
const CHECK_MS = 30_000;
const PROBE_MS = 1000;
const PROBE_FOR_MS = 2 * 60_000;

/** @type {Promise<void> | null} */
let running = null;
let again = false;
let failures = 0;
/** @type {ReturnType<typeof setTimeout> | null} */
let retry = null;
/** @type {number | null} performance.now() at the first failure in a row (the phone's clock may be wrong) */
let failingSince = null;
/** @type {ReturnType<typeof setInterval> | null} */
let probe = null;

/**
 * The wait before the next try after `failures` failed replays in a row.
 * @param {number} failures at least 1
 * @returns {number} milliseconds
 */
export function backoffMs(failures) {
  return BACKOFF_S[Math.min(Math.max(failures, 1), BACKOFF_S.length) - 1] * 1000;
}

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
  cancelRetry();
  running = (async () => {
    /** @type {import("./queue.js").ReplayResult["stopped"]} */
    let stopped = null;
    try {
      do {
        again = false;
        // New items first: a scan of a new item's label needs the item.
        stopped = (await sendIntakes()).stopped;
        if (!stopped) stopped = (await replay()).stopped;
        if (!stopped) {
          await uploadPhotos();
          // A photo still waiting after a run means its upload failed: retry on the same backoff.
          if ((await counts()).photos) stopped = "network";
        }
        // Messages written offline have their own queue; a network that failed the scans fails them too.
        if (stopped !== "network" && stopped !== "signed_out") {
          const messages = await sendMessages();
          if (messages.stopped === "network" && (stopped === null || stopped === "busy")) stopped = "network";
        }
      } while (again && !stopped);
    } catch (error) {
      console.warn("delbar: replay failed", error);
      stopped = "network";
    } finally {
      running = null;
    }
    settle(stopped);
  })();
  return running;
}

/** @param {import("./queue.js").ReplayResult["stopped"]} stopped */
function settle(stopped) {
  if (stopped === "network" || stopped === "server") {
    failures += 1;
    failingSince ??= performance.now();
    schedule(backoffMs(failures));
    startProbing();
  } else if (stopped === "busy") {
    // Another tab or the worker is replaying: look again soon, in case it gives up.
    schedule(backoffMs(failures || 1));
  } else {
    failures = 0;
    failingSince = null;
    stopProbing();
  }
}

function startProbing() {
  if (probe !== null || typeof window === "undefined") return;
  probe = setInterval(async () => {
    if (failingSince === null || performance.now() - failingSince > PROBE_FOR_MS) return stopProbing();
    if (retry === null || running || !navigator.onLine) return;
    const sentAt = Date.now();
    try {
      // A healthy answer tells onServerAnswer's listener below, which replays at once.
      await noteServerAnswer(await fetch("/health", { cache: "no-store" }), sentAt, Date.now());
    } catch {
      // Still down: the backoff's own try comes in its time.
    }
  }, PROBE_MS);
}

function stopProbing() {
  if (probe !== null) clearInterval(probe);
  probe = null;
}

/** @param {number} ms */
function schedule(ms) {
  cancelRetry();
  retry = setTimeout(() => {
    retry = null;
    syncNow();
  }, ms);
}

function cancelRetry() {
  if (retry !== null) clearTimeout(retry);
  retry = null;
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
  window.addEventListener("online", () => {
    failures = 0;
    failingSince = null;
    syncNow();
  });
  // Waiting on a backoff while the server answers other requests would only keep the driver waiting.
  onServerAnswer(() => {
    if (retry !== null && !running) syncNow();
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && retry !== null) syncNow();
  });
  // A safety net for events other contexts left behind (another tab closed mid-replay).
  setInterval(async () => {
    if (!navigator.onLine || retry !== null || running) return;
    const { waiting, photos } = await counts().catch(() => ({ waiting: 0, photos: 0 }));
    if (waiting || photos || (await messagesWaiting())) syncNow();
  }, CHECK_MS);
  syncNow();
}

/** @returns {Promise<boolean>} whether a message the signed-in person wrote waits to be sent */
async function messagesWaiting() {
  try {
    return anyWaiting(await queuedMessages(), await currentOwner());
  } catch {
    return false;
  }
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
