/**
 * New items taken in on the phone, each one unit: the item with its card, label, shelf and repair
 * (one POST /api/intakes, all or nothing on the server) and its photos. Stored in IndexedDB under
 * the person who made it (owner.js) and sent before the scans, in the order made, so a scan of the
 * new label finds its item. The item's id is made here, so an intake whose answer was lost is
 * sent again and answers what it made. Once the server has made the item, its photos join the
 * photo queue (uploaded after the scans, like every intake photo). A refused intake stays, marked
 * with the reason, for the person to correct on the intake screen or to discard; made ones stay
 * as a short list of what was registered. No DOM here: the service worker sends with this module.
 */
import { INTAKE_STORE, PHOTO_STORE, run, transact } from "../db.js";
import { currentOwner, ownedBy } from "./owner.js";
import { announce } from "./queue.js";
import { oneAtATime, postAs } from "./sending.js";

const oneRun = oneAtATime("delbar-intake-send");
/** Made intakes kept to show on the intake screen, per phone. */
const KEEP_MADE = 10;

/**
 * @typedef {{item_id: string, title: string, state: string, code: string | null, location_name: string | null,
 *   location_parent_name: string | null, inventory_number: string | null, repair_id: string | null}} Made
 * @typedef {{seq?: number, body: Record<string, any>, photos: Blob[], title: string, at: string,
 *   owner?: import("./owner.js").Owner, made?: Made, refused?: {status: number, error: string}}} QueuedIntake
 * @typedef {{sent: number, stopped: null | "network" | "signed_out"}} SendResult
 */

/**
 * Keep an intake to send under the signed-in person; resolves once IndexedDB committed it.
 * @param {{body: Record<string, any>, photos: Blob[]}} intake body as POST /api/intakes takes it, with its id
 * @returns {Promise<QueuedIntake>}
 * @throws {Error} when nobody is recorded as signed in
 */
export async function queueIntake({ body, photos }) {
  const owner = await currentOwner();
  if (!owner) throw new Error("delbar: no signed-in person to queue an intake under");
  /** @type {QueuedIntake} */
  const entry = { body, photos, title: String(body.title), at: new Date().toISOString(), owner };
  entry.seq = /** @type {number} */ (await run(INTAKE_STORE, "readwrite", (s) => s.add(entry)));
  announce();
  return entry;
}

/**
 * The person's intakes on this phone, oldest first: waiting, refused and recently made.
 * @param {import("./owner.js").Owner | null} owner
 * @returns {Promise<QueuedIntake[]>}
 */
export async function intakesOf(owner) {
  /** @type {QueuedIntake[]} */
  const all = await run(INTAKE_STORE, "readonly", (s) => s.getAll());
  return all.filter((entry) => ownedBy(entry, owner));
}

/** @param {QueuedIntake} entry */
function waiting(entry) {
  return !entry.made && !entry.refused;
}

/**
 * Forget an intake: a refused one the person gives up, or a made one they have seen.
 * @param {number} seq
 */
export async function discardIntake(seq) {
  await run(INTAKE_STORE, "readwrite", (s) => s.delete(seq));
  announce();
}

/**
 * Send the signed-in person's waiting intakes, oldest first, until one must wait.
 * @param {{fetch?: typeof fetch}} [options]
 * @returns {Promise<SendResult>}
 */
export function sendIntakes({ fetch: doFetch = fetch } = {}) {
  return oneRun(() => sendAll(doFetch));
}

/** @param {typeof fetch} doFetch @returns {Promise<SendResult>} */
async function sendAll(doFetch) {
  const owner = await currentOwner();
  if (!owner) return { sent: 0, stopped: "signed_out" };
  let sent = 0;
  for (;;) {
    const next = (await intakesOf(owner)).find(waiting);
    if (!next) return { sent, stopped: null };
    const answer = await postAs("/api/intakes", JSON.stringify(next.body), doFetch, owner);
    const outcome = judgeIntake(answer);
    if (outcome === "wait") return { sent, stopped: answer?.status === 401 ? "signed_out" : "network" };
    if (outcome === "made") {
      await settle(next, /** @type {Made} */ (answer?.body), owner);
      sent += 1;
    } else {
      const refused = { status: answer?.status ?? 0, error: String(answer?.body?.error ?? "") };
      await run(INTAKE_STORE, "readwrite", (s) => s.put({ ...next, refused }));
    }
    announce();
  }
}

/**
 * What an answer means for a queued intake: made (201, or 200 when it was made before), refused for
 * good (a 4xx the person must correct), or wait (no answer, 5xx, 401/403/408/429, or queued by
 * someone else on this phone).
 * @param {{status: number, body: any} | null} answer
 * @returns {"made" | "refused" | "wait"}
 */
export function judgeIntake(answer) {
  if (!answer) return "wait";
  const { status, body } = answer;
  if (status === 200 || status === 201) return body && typeof body.item_id === "string" ? "made" : "wait";
  if (status >= 500 || [401, 403, 408, 429].includes(status)) return "wait";
  if (status === 409 && body?.error === "other_user") return "wait";
  return status >= 400 ? "refused" : "wait";
}

/**
 * The intake is made: its photos join the photo queue for the new item, and it is kept (without
 * them) as made, in one transaction; only the newest few made ones stay.
 * @param {QueuedIntake} entry @param {Made} made @param {import("./owner.js").Owner} owner
 */
async function settle(entry, made, owner) {
  const at = new Date().toISOString();
  const keptOwner = entry.owner ?? owner;
  await transact([INTAKE_STORE, PHOTO_STORE], "readwrite", (tx) => {
    const photos = tx.objectStore(PHOTO_STORE);
    for (const blob of entry.photos) photos.add({ itemId: made.item_id, blob, at, title: made.title, owner: keptOwner });
    const intakes = tx.objectStore(INTAKE_STORE);
    intakes.put({ ...entry, photos: [], made });
    const all = intakes.getAll();
    all.onsuccess = () => {
      const done = /** @type {QueuedIntake[]} */ (all.result).filter((e) => e.made);
      for (const old of done.slice(0, Math.max(0, done.length - KEEP_MADE))) intakes.delete(/** @type {number} */ (old.seq));
    };
  });
}
