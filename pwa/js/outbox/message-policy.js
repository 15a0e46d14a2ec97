/**
 * What the message queue decides, as pure functions (no I/O; the Node tests call them): what the
 * server's answer to one queued message means, which message goes next, and which queued ones a
 * conversation screen shows. message-queue.js stores and sends.
 *
 * A network error, a 5xx, a 408 or 429 (try later), a 401 or 403 (the session or its token needs
 * renewing) and a 409 other_user (it waits for its writer) keep the message and stop the replay,
 * so what is behind it keeps its order. Any other 4xx (the conversation is gone, the text too
 * long …) will never change: the message is moved aside with its reason, never retried.
 */
import { ownedBy } from "./owner.js";

/** @typedef {import("./owner.js").Owner} Owner */
/**
 * @typedef {object} QueuedMessage
 * @property {number} [seq] the store's key: the order the messages were written in
 * @property {string} clientId the message's client id; the server makes one message of it however often it comes
 * @property {string} conversationId
 * @property {string} body
 * @property {string} at when it was written (ISO 8601)
 * @property {Owner} owner who wrote it: only they send it
 * @property {Blob} [photo] a photo to upload once the text is sent
 * @property {Refusal} [refused] why the server will never take it
 */
/**
 * @typedef {object} Refusal
 * @property {number} status
 * @property {string} error the server's error code
 * @property {string} detail
 * @property {boolean} [photoOnly] the text was sent (the server's page has it); only its photo was refused
 */

/** The largest photo the server takes by default (DELBAR_PHOTO_MAX_BYTES): a bigger one is refused before it waits. */
export const PHOTO_MAX_BYTES = 15 * 1024 * 1024;

/**
 * Why a photo cannot be sent with a message, or null: checked before it is queued, so it never
 * waits only to be refused.
 * @param {{size: number, type: string} | null | undefined} photo
 * @returns {"photo_too_large" | "not_an_image" | null}
 */
export function photoProblem(photo) {
  if (!photo) return null;
  if (photo.type && !photo.type.startsWith("image/")) return "not_an_image";
  return photo.size > PHOTO_MAX_BYTES ? "photo_too_large" : null;
}
/** @typedef {"sent" | "wait" | "refused"} Outcome */

/**
 * @param {{status: number, error?: string | null} | null} answer the HTTP status and the body's
 *   error code; null when no answer came (the network failed)
 * @returns {Outcome}
 */
export function judgeSend(answer) {
  if (!answer) return "wait";
  const { status, error } = answer;
  if (status >= 200 && status < 300) return "sent";
  if (status >= 500 || [401, 403, 408, 429].includes(status)) return "wait";
  if (status === 409 && error === "other_user") return "wait";
  return status >= 400 ? "refused" : "wait";
}

/**
 * The next message to send: owner's oldest one not refused. Refused ones stay aside and hold
 * nothing back; everyone else's wait for them.
 * @param {QueuedMessage[]} entries in the order they were written
 * @param {Owner | null} owner who is signed in
 * @returns {QueuedMessage | null}
 */
export function nextToSend(entries, owner) {
  return entries.find((entry) => !entry.refused && ownedBy(entry, owner)) ?? null;
}

/**
 * owner's queued messages in a conversation that the server's page does not hold yet (a message
 * the server took but the queue has not yet forgotten is shown once, as the server's), and the
 * photos refused after their text was sent: the writer must learn the photo did not go.
 * @param {QueuedMessage[]} entries in the order they were written
 * @param {string} conversationId
 * @param {Owner | null} owner
 * @param {Iterable<string>} delivered client ids of the messages on the server's page
 * @returns {QueuedMessage[]}
 */
export function shownQueued(entries, conversationId, owner, delivered) {
  const known = new Set(delivered);
  return entries.filter((entry) => entry.conversationId === conversationId && ownedBy(entry, owner)
                                   && (!known.has(entry.clientId) || Boolean(entry.refused?.photoOnly)));
}

/**
 * Whether anything of owner's still waits to be sent (refused ones do not: they wait for the person).
 * @param {QueuedMessage[]} entries
 * @param {Owner | null} owner
 */
export function anyWaiting(entries, owner) {
  return nextToSend(entries, owner) !== null;
}
