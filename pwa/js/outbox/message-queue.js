/**
 * Conversation messages written with no network: stored in IndexedDB with their client id, sent
 * one by one in the order written once there is a network, each under the person who wrote it
 * (owner.js). The client id makes a message sent twice (its answer lost) one message on the
 * server. What an answer means is message-policy.js's. Text only: a photo needs a network.
 * No DOM here: the service worker sends with this module on `sync`.
 */
import { MESSAGE_STORE, metaGet, run } from "../db.js";
import { CSRF_KEY } from "../csrf.js";
import { OWNER_HEADER, currentOwner } from "./owner.js";
import { announce } from "./queue.js";
import { judgeSend, nextToSend } from "./message-policy.js";
import { fetchNoting } from "./skew.js";

const SEND_LOCK = "delbar-message-send";
/** Without Web Locks this context at least never sends twice at once. @type {Promise<unknown>} */
let fallbackRun = Promise.resolve();

/** @typedef {import("./message-policy.js").QueuedMessage} QueuedMessage */
/** @typedef {{sent: number, stopped: null | "network" | "signed_out"}} SendResult */

/**
 * Keep a message to send later under the signed-in person; resolves once IndexedDB committed it.
 * @param {{conversationId: string, clientId: string, body: string}} message
 * @returns {Promise<QueuedMessage>}
 * @throws {Error} when nobody is recorded as signed in (then nobody could ever send it)
 */
export async function queueMessage({ conversationId, clientId, body }) {
  const owner = await currentOwner();
  if (!owner) throw new Error("delbar: no signed-in person to queue a message under");
  /** @type {QueuedMessage} */
  const entry = { clientId, conversationId, body, at: new Date().toISOString(), owner };
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
  if (typeof navigator !== "undefined" && navigator.locks) {
    return navigator.locks.request(SEND_LOCK, () => sendAll(doFetch));
  }
  const next = fallbackRun.then(() => sendAll(doFetch));
  fallbackRun = next.catch(() => {});
  return next;
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
    const answer = await post(next, doFetch, owner);
    const outcome = judgeSend(answer);
    if (outcome === "wait") return { sent, stopped: "network" };
    if (outcome === "sent") {
      await run(MESSAGE_STORE, "readwrite", (s) => s.delete(/** @type {number} */ (next.seq)));
      sent += 1;
    } else {
      const refused = { status: answer?.status ?? 0, error: answer?.error ?? "", detail: answer?.detail ?? "" };
      await run(MESSAGE_STORE, "readwrite", (s) => s.put({ ...next, refused }));
    }
    announce();
  }
}

/**
 * @param {QueuedMessage} message
 * @param {typeof fetch} doFetch
 * @param {import("./owner.js").Owner} owner the writer; the server refuses (409) it under anyone else
 * @returns {Promise<{status: number, error: string | null, detail: string} | null>} null: no answer
 */
async function post(message, doFetch, owner) {
  /** @type {Record<string, string>} */
  const headers = { "Content-Type": "application/json", Accept: "application/json", [OWNER_HEADER]: owner.id };
  const token = await metaGet(CSRF_KEY).catch(() => null);
  if (token) headers["X-CSRF-Token"] = token;
  try {
    const response = await fetchNoting(doFetch, `/api/conversations/${encodeURIComponent(message.conversationId)}/messages`, {
      method: "POST",
      headers,
      credentials: "same-origin",
      body: JSON.stringify({ client_id: message.clientId, body: message.body }),
    });
    const body = await response.json().catch(() => null);
    return { status: response.status, error: typeof body?.error === "string" ? body.error : null,
             detail: typeof body?.detail === "string" ? body.detail : "" };
  } catch {
    return null;
  }
}
