/**
 * Intake photos that wait for a network: downsized on the phone (re-encoding through a
 * canvas also drops EXIF, GPS included), stored as blobs, uploaded in order later, each under
 * the person who took it (owner.js). The upload keeps the photo on a network error, a 5xx, a 429,
 * a 401/403 (the session or its token needs renewing) and a 409 other_user (it waits for its
 * owner); a 2xx removes it, and so does any other refusal (an item on no listing, a photo too
 * large …), which would otherwise hold back every photo behind it. What came of each upload —
 * the label the server read in it, or why it was refused — is kept for the screens to show.
 */
import { PHOTO_RESULT_STORE, PHOTO_STORE, metaGet, run, transact } from "../db.js";
import { CSRF_KEY } from "../csrf.js";
import { OWNER_HEADER, currentOwner } from "./owner.js";
import { announce } from "./queue.js";
import { countEntries, ownEntries } from "./store.js";
import { oneAtATime } from "./sending.js";

const MAX_SIDE = 1600;
// A photo taken to show the item's label: a wide shot keeps the label small, and the server
// reads it from the upload, so at 1600 px its QR modules fall below what the reader resolves.
// 2400 px (4.3 MP; even pure noise stays under 3 MB as JPEG) is far inside the server's photo limits.
export const LABEL_SIDE = 2400;
const QUALITY = 0.8;
const KEEP_RESULTS = 20;
const oneRun = oneAtATime("delbar-photo-upload");

/**
 * @typedef {{status: string, code: string | null, codes: string[], message: string}} PhotoLabel
 *   what the label in the photo did: linked, already_linked, item_labelled, belongs_elsewhere, unknown, several, none
 */
/**
 * @typedef {{jobId: string, recipient_name: string, kind: "signature" | "photo"}} Receipt
 *   a delivery receipt: the image is the recipient's signature or a photo of the handover
 */
/**
 * @typedef {{seq?: number, itemId: string, title?: string, label: PhotoLabel | null, at: string,
 *   owner?: import("./owner.js").Owner, refused?: {error: string, detail: string}, receipt?: Receipt}} PhotoResult
 *   label is null when the server did not look for one; refused is set when it did not take the photo;
 *   receipt is set for a delivery receipt
 */

/**
 * @param {Blob} file a photo from <input type="file" capture>
 * @param {number} [maxSide] the longer side's bound in px
 * @returns {Promise<Blob>} a JPEG at most maxSide px on its longer side, without metadata
 */
export async function downsize(file, maxSide = MAX_SIDE) {
  const bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const width = Math.round(bitmap.width * scale);
  const height = Math.round(bitmap.height * scale);
  const canvas = new OffscreenCanvas(width, height);
  const context = /** @type {OffscreenCanvasRenderingContext2D} */ (canvas.getContext("2d"));
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return canvas.convertToBlob({ type: "image/jpeg", quality: QUALITY });
}

/**
 * Queue a photo for an item under the signed-in person; resolves after it is stored.
 * @param {string} itemId
 * @param {Blob} file
 * @param {{title?: string, label?: boolean}} [extra] title: what the outcome names the item by when the
 *   upload is done; label: the photo is taken to show the item's label, so it is kept larger (LABEL_SIDE)
 * @returns {Promise<void>}
 */
export async function queuePhoto(itemId, file, { title, label = false } = {}) {
  const blob = await downsize(file, label ? LABEL_SIDE : MAX_SIDE);
  const owner = await currentOwner();
  const photo = { itemId, blob, at: new Date().toISOString(), ...(title ? { title } : {}) };
  await run(PHOTO_STORE, "readwrite", (s) => s.add(owner ? { ...photo, owner } : photo));
  announce();
}

/**
 * Queue a delivery receipt under the signed-in person; it goes after the scans queued before it, so
 * the deliver scans it signs for reach the server first. Resolves after it is stored.
 * @param {Receipt} receipt
 * @param {Blob} image the signature drawn on the screen, or a photo of the handover
 * @param {string} title what the outcome names the delivery by (its address)
 * @returns {Promise<void>}
 */
export async function queueReceipt(receipt, image, title) {
  const blob = await downsize(image, MAX_SIDE);
  const owner = await currentOwner();
  const entry = { itemId: "", receipt, blob, title, at: new Date().toISOString() };
  await run(PHOTO_STORE, "readwrite", (s) => s.add(owner ? { ...entry, owner } : entry));
  announce();
}

/**
 * The signed-in person's receipts still on the phone, and what came of those sent.
 * @param {import("./owner.js").Owner | null} owner
 * @returns {Promise<{waiting: Receipt[], results: PhotoResult[]}>}
 */
export async function receipts(owner) {
  const waiting = (await ownEntries(PHOTO_STORE, owner)).filter((entry) => entry.receipt).map((entry) => entry.receipt);
  const results = (await ownEntries(PHOTO_RESULT_STORE, owner)).filter((result) => result.receipt);
  return { waiting, results };
}

/**
 * Upload the signed-in person's waiting photos, oldest first; stops at the first one the
 * server cannot take now. Other people's photos wait for them.
 * @param {{fetch?: typeof fetch}} [options]
 * @returns {Promise<number>} how many were uploaded
 */
export async function uploadPhotos({ fetch: doFetch = fetch } = {}) {
  // One upload run at a time across the pages and the worker: a photo queued online starts the
  // page's run and asks for a Background Sync, whose run would otherwise send the same photo again
  // (a second copy on the listing, and the label it linked reported as "already linked").
  // Waiting, not skipping: a run that starts late still finds what was queued meanwhile.
  return oneRun(() => uploadAll(doFetch));
}

/** @param {typeof fetch} doFetch @returns {Promise<number>} */
async function uploadAll(doFetch) {
  const owner = await currentOwner();
  let uploaded = 0;
  for (;;) {
    const [next] = await ownEntries(PHOTO_STORE, owner, 1);
    if (!next || !owner) return uploaded;
    // A receipt signs for deliver scans: while any of this person's scans wait (another context may be
    // sending them now), it waits too, so the server has the delivery first. A scan the server then
    // refuses leaves the receipt refused with its reason, never stuck.
    if (next.receipt && (await countEntries(owner)) > 0) return uploaded;
    const answer = await upload(next, doFetch, owner);
    if (!answer) return uploaded;
    await settlePhoto(next, { itemId: next.itemId, title: next.title,
                              label: next.receipt ? null : labelIn(answer.body),
                              at: new Date().toISOString(), owner: next.owner ?? owner,
                              ...(next.receipt ? { receipt: next.receipt } : {}),
                              ...(answer.refused ? { refused: answer.refused } : {}) });
    uploaded += 1;
    announce();
  }
}

/**
 * @param {{itemId: string, blob: Blob, receipt?: Receipt}} photo
 * @param {typeof fetch} doFetch
 * @param {import("./owner.js").Owner} owner who took it; the server refuses it (409) under anyone else
 * @returns {Promise<{body?: any, refused?: {error: string, detail: string}} | null>} the server's answer when it
 *   took the photo, its reason when it never will, null when it may later
 */
async function upload(photo, doFetch, owner) {
  const form = new FormData();
  const { receipt } = photo;
  if (receipt) {
    form.append("recipient_name", receipt.recipient_name);
    form.append("kind", receipt.kind);
  }
  form.append("file", photo.blob, "photo.jpg");
  const url = receipt ? `/api/transport-jobs/${encodeURIComponent(receipt.jobId)}/proof`
    : `/api/items/${encodeURIComponent(photo.itemId)}/photos`;
  const token = await metaGet(CSRF_KEY).catch(() => null);
  /** @type {Record<string, string>} */
  const headers = { [OWNER_HEADER]: owner.id };
  if (token) headers["X-CSRF-Token"] = token;
  try {
    const response = await doFetch(url, {
      method: "POST",
      body: form,
      credentials: "same-origin",
      headers,
    });
    if (response.ok) return { body: await response.json().catch(() => null) };
    const answer = await response.json().catch(() => ({}));
    return refusedForGood(response.status, answer?.error) ? { refused: { error: String(answer?.error ?? response.status),
                                                                          detail: String(answer?.detail ?? "") } } : null;
  } catch {
    return null;
  }
}

/** A refusal that sending again cannot change. @param {number} status @param {unknown} error */
function refusedForGood(status, error) {
  if (status >= 500 || [401, 403, 408, 429].includes(status)) return false;
  return !(status === 409 && error === "other_user");
}

/** @param {any} body the uploaded photos, each with the label the server read in it @returns {PhotoLabel | null} */
function labelIn(body) {
  const label = Array.isArray(body) ? body[0]?.label : null;
  return label && typeof label.status === "string" ? label : null;
}

/**
 * Drop the uploaded photo and keep what came of it, in one transaction; only the newest results stay.
 * @param {{seq: number}} photo
 * @param {PhotoResult} result
 */
async function settlePhoto(photo, result) {
  await transact([PHOTO_STORE, PHOTO_RESULT_STORE], "readwrite", (tx) => {
    tx.objectStore(PHOTO_STORE).delete(photo.seq);
    const results = tx.objectStore(PHOTO_RESULT_STORE);
    results.add(result);
    const keys = results.getAllKeys();
    keys.onsuccess = () => {
      for (const key of keys.result.slice(0, Math.max(0, keys.result.length - KEEP_RESULTS))) results.delete(key);
    };
  });
}

/**
 * The signed-in person's photo results, newest first.
 * @param {import("./owner.js").Owner | null} owner
 * @returns {Promise<PhotoResult[]>}
 */
export async function listPhotoResults(owner) {
  return (await ownEntries(PHOTO_RESULT_STORE, owner)).reverse();
}

/**
 * Forget the signed-in person's photo results (they have read them).
 * @param {import("./owner.js").Owner | null} owner
 * @returns {Promise<void>}
 */
export async function clearPhotoResults(owner) {
  const mine = /** @type {PhotoResult[]} */ (await ownEntries(PHOTO_RESULT_STORE, owner));
  await transact([PHOTO_RESULT_STORE], "readwrite", (tx) => {
    for (const result of mine) tx.objectStore(PHOTO_RESULT_STORE).delete(/** @type {number} */ (result.seq));
  });
  announce();
}
