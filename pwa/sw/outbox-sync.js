/**
 * The worker's side of the outbox: on a Background Sync event, replay what the pages left (new
 * items, scans, photos, and messages written offline).
 * Throwing makes the browser retry the sync later, which is what a kept event needs; with
 * nobody signed in there is nothing to retry (the next login replays).
 */
import { replay } from "../js/outbox/queue.js";
import { uploadPhotos } from "../js/outbox/photos.js";
import { sendMessages } from "../js/outbox/message-queue.js";
import { sendIntakes } from "../js/outbox/intake-queue.js";

/** @returns {Promise<void>} */
export async function replayOnSync() {
  const intakes = await sendIntakes();
  if (intakes.stopped === "network") throw new Error("intake queue stopped: network");
  const result = await replay();
  if (result.stopped === "network" || result.stopped === "server") {
    throw new Error(`outbox replay stopped: ${result.stopped}`);
  }
  await uploadPhotos();
  const messages = await sendMessages();
  if (messages.stopped === "network") throw new Error("message queue stopped: network");
}
