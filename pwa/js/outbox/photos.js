/**
 * Intake photos that wait for a network: downsized on the phone (re-encoding through a
 * canvas also drops EXIF, GPS included), stored as blobs, uploaded in order later.
 * The upload keeps the photo on a network error, a 404 (the endpoint may not exist yet on
 * this server) and a 5xx; only a 2xx removes it.
 */
import { PHOTO_STORE, metaGet, run } from "../db.js";
import { CSRF_KEY } from "../csrf.js";
import { announce } from "./queue.js";

const MAX_SIDE = 1600;
const QUALITY = 0.8;

/**
 * @param {Blob} file a photo from <input type="file" capture>
 * @returns {Promise<Blob>} a JPEG at most MAX_SIDE px on its longer side, without metadata
 */
export async function downsize(file) {
  const bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.round(bitmap.width * scale);
  const height = Math.round(bitmap.height * scale);
  const canvas = new OffscreenCanvas(width, height);
  const context = /** @type {OffscreenCanvasRenderingContext2D} */ (canvas.getContext("2d"));
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return canvas.convertToBlob({ type: "image/jpeg", quality: QUALITY });
}

/**
 * Queue a photo for an item; resolves after it is stored.
 * @param {string} itemId
 * @param {Blob} file
 * @returns {Promise<void>}
 */
export async function queuePhoto(itemId, file) {
  const blob = await downsize(file);
  await run(PHOTO_STORE, "readwrite", (s) => s.add({ itemId, blob, at: new Date().toISOString() }));
  announce();
}

/**
 * Upload waiting photos, oldest first; stops at the first one the server cannot take now.
 * @param {{fetch?: typeof fetch}} [options]
 * @returns {Promise<number>} how many were uploaded
 */
export async function uploadPhotos({ fetch: doFetch = fetch } = {}) {
  let uploaded = 0;
  for (;;) {
    const [next] = await run(PHOTO_STORE, "readonly", (s) => s.getAll(null, 1));
    if (!next) return uploaded;
    if (!(await upload(next, doFetch))) return uploaded;
    await run(PHOTO_STORE, "readwrite", (s) => s.delete(next.seq));
    uploaded += 1;
    announce();
  }
}

/**
 * @param {{itemId: string, blob: Blob}} photo
 * @param {typeof fetch} doFetch
 * @returns {Promise<boolean>} whether the server took it
 */
async function upload(photo, doFetch) {
  const form = new FormData();
  form.append("file", photo.blob, "photo.jpg");
  const token = await metaGet(CSRF_KEY).catch(() => null);
  try {
    const response = await doFetch(`/api/items/${encodeURIComponent(photo.itemId)}/photos`, {
      method: "POST",
      body: form,
      credentials: "same-origin",
      headers: token ? { "X-CSRF-Token": token } : {},
    });
    return response.ok;
  } catch {
    return false;
  }
}
