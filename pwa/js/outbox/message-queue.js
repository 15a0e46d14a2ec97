/**
 * Conversation messages written with no network: stored in IndexedDB with their client id, sent
 * one by one in the order written once there is a network, each under the person who wrote it
 * (owner.js). The client id makes a message sent twice (its answer lost) one message on the
 * server. What an answer means is message-policy.js's. A photo is kept with its message (a Blob in
 * IndexedDB) and uploaded right after the text; the text sent again answers the same message, so
 * a photo whose upload failed goes with the next try. No DOM here: the service worker sends with this module on `sync`.
 */
import { MESSAGE_STORE, run } from "../db.js";
import { currentOwner } from "./owner.js";
import { announce } from "./queue.js";
import { judgeSend, nextToSend } from "./message-policy.js";
import { oneAtATime, postAs } from "./sending.js";

const oneRun = oneAtATime("delbar-message-send");

/** @typedef {import("./message-policy.js").QueuedMessage} QueuedMessage */
/** @typedef {{sent: number, stopped: null | "network" | "signed_out"}} SendResult */

/**
 * Keep a message to send later under the signed-in person; resolves once IndexedDB committed it.
 * The caller has checked the photo (photoProblem).
 * @param {{conversationId: string, clientId: string, body: string, photo?: Blob | null}} message
 * @returns {Promise<QueuedMessage>}
 * @throws {Error} when nobody is recorded as signed in (then nobody could ever send it)
 */
export async function queueMessage({ conversationId, clientId, body, photo = null }) {
  const owner = await currentOwner();
  if (!owner) throw new Error("delbar: no signed-in person to queue a message under");
  /** @type {QueuedMessage} */
  const entry = { clientId, conversationId, body, at: new Date().toISOString(), owner, ...(photo ? { photo } : {}) };
  entry.seq = /** @type {number} */ (await run(MESSAGE_STORE, "readwrite", (s) => s.add(entry)));
  announce();
  return entry;
}

/** @returns {Promise<QueuedMessage[]>} every queued message on this device, in the order written */
export function queuedMessages() {
  return run(MESSAGE_STORE, "readonly", (s) => s.getAll());
}

/**
 * Forget a queued or refused message (the writer's choice).
 * @param {number} seq
 * @returns {Promise<void>}
 */
export async function discardMessage(seq) {
  await run(MESSAGE_STORE, "readwrite", (s) => s.delete(seq));
  announce();
}

/**
 * Send the signed-in person's queued messages, oldest first, until one must wait.
 * @param {{fetch?: typeof fetch}} [options]
 * @returns {Promise<SendResult>}
 */
export function sendMessages({ fetch: doFetch = fetch } = {}) {
  // One run at a time across the pages and the worker, or the same message goes out twice at once
  // (harmless on the server, but the second answer would settle an entry already gone).
  return oneRun(() => sendAll(doFetch));
}

/** @param {typeof fetch} doFetch @returns {Promise<SendResult>} */
async function sendAll(doFetch) {
  // Read once per run: a logout or another login mid-run must not switch whose messages go out.
  const owner = await currentOwner();
  if (!owner) return { sent: 0, stopped: "signed_out" };
  let sent = 0;
  for (;;) {
    const next = nextToSend(await queuedMessages(), owner);
    if (!next) return { sent, stopped: null };
    let answer = await post(next, doFetch, owner);
    // Its text taken, a message with a photo goes on to the photo; a refusal then is the photo's alone.
    const textSent = judgeSend(answer) === "sent" && Boolean(next.photo && answer?.id);
    if (textSent) answer = await upload(next, /** @type {string} */ (answer?.id), doFetch, owner);
    const outcome = judgeSend(answer);
    if (outcome === "wait") return { sent, stopped: "network" };
    if (outcome === "sent") {
      await run(MESSAGE_STORE, "readwrite", (s) => s.delete(/** @type {number} */ (next.seq)));
      sent += 1;
    } else {
      const refused = { status: answer?.status ?? 0, error: answer?.error ?? "", detail: answer?.detail ?? "",
                        ...(textSent ? { photoOnly: true } : {}) };
      await run(MESSAGE_STORE, "readwrite", (s) => s.put({ ...next, refused }));
    }
    announce();
  }
}

/** @typedef {{status: number, error: string | null, detail: string, id: string | null}} Answer */

/**
 * @param {QueuedMessage} message
 * @param {typeof fetch} doFetch
 * @param {import("./owner.js").Owner} owner the writer; the server refuses (409) it under anyone else
 * @returns {Promise<Answer | null>} null: no answer
 */
function post(message, doFetch, owner) {
  return send(`/api/conversations/${encodeURIComponent(message.conversationId)}/messages`,
              JSON.stringify({ client_id: message.clientId, body: message.body }), doFetch, owner);
}

/**
 * The message's photo, after its text: the server keeps the first upload and answers a second.
 * @param {QueuedMessage} message
 * @param {string} messageId the server's id of the message the text made
 * @param {typeof fetch} doFetch
 * @param {import("./owner.js").Owner} owner
 * @returns {Promise<Answer | null>}
 */
function upload(message, messageId, doFetch, owner) {
  const form = new FormData();
  form.append("file", /** @type {Blob} */ (message.photo), "photo");
  return send(`/api/conversations/${encodeURIComponent(message.conversationId)}/messages/${encodeURIComponent(messageId)}/photo`,
              form, doFetch, owner);
}

/**
 * @param {string} url
 * @param {string | FormData} body JSON text, or a form (its type set by the browser)
 * @param {typeof fetch} doFetch
 * @param {import("./owner.js").Owner} owner
 * @returns {Promise<Answer | null>}
 */
async function send(url, body, doFetch, owner) {
  const answer = await postAs(url, body, doFetch, owner);
  if (!answer) return null;
  const { status, body: reply } = answer;
  return { status, error: typeof reply?.error === "string" ? reply.error : null,
           detail: typeof reply?.detail === "string" ? reply.detail : "",
           id: typeof reply?.id === "string" ? reply.id : null };
}
