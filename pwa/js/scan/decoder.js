/**
 * Reads QR codes from video frames: the browser's BarcodeDetector where it exists (Android
 * Chrome, Safari on macOS), otherwise the vendored jsQR in a worker.
 */

// Frames are scaled down before decoding: a label fills much of the frame when held close,
// and fewer pixels keep the fallback at several frames a second on a slow phone.
const MAX_SIDE = 800;

/**
 * @typedef {object} Decoder
 * @property {"native" | "fallback"} kind
 * @property {(source: HTMLVideoElement) => Promise<string | null>} decode
 * @property {() => void} close
 */

/** @returns {Promise<Decoder>} */
export async function createDecoder() {
  const Native = /** @type {any} */ (globalThis).BarcodeDetector;
  if (Native) {
    try {
      const formats = await Native.getSupportedFormats();
      if (formats.includes("qr_code")) return nativeDecoder(new Native({ formats: ["qr_code"] }));
    } catch {
      // Fall through to the fallback: a detector that cannot list formats cannot be trusted.
    }
  }
  return fallbackDecoder();
}

/** @param {any} detector @returns {Decoder} */
function nativeDecoder(detector) {
  return {
    kind: "native",
    async decode(source) {
      const found = await detector.detect(source);
      return found.length ? found[0].rawValue : null;
    },
    close() {},
  };
}

/** @returns {Decoder} */
function fallbackDecoder() {
  const worker = new Worker("/js/scan/decode-worker.js", { type: "module" });
  const canvas = document.createElement("canvas");
  const context = /** @type {CanvasRenderingContext2D} */ (canvas.getContext("2d", { willReadFrequently: true }));
  /** @type {Map<number, (text: string | null) => void>} */
  const pending = new Map();
  let nextId = 0;
  let broken = false;
  worker.addEventListener("message", (event) => {
    pending.get(event.data.id)?.(event.data.text);
    pending.delete(event.data.id);
  });
  // A worker that cannot load (storage evicted offline) must not leave decode() hanging:
  // the screen then stays usable for typed codes.
  worker.addEventListener("error", () => {
    broken = true;
    for (const resolve of pending.values()) resolve(null);
    pending.clear();
  });
  return {
    kind: "fallback",
    decode(source) {
      const { videoWidth: w, videoHeight: h } = source;
      if (broken || !w || !h) return Promise.resolve(null);
      const scale = Math.min(1, MAX_SIDE / Math.max(w, h));
      canvas.width = Math.round(w * scale);
      canvas.height = Math.round(h * scale);
      context.drawImage(source, 0, 0, canvas.width, canvas.height);
      const image = context.getImageData(0, 0, canvas.width, canvas.height);
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        worker.postMessage({ id, data: image.data.buffer, width: image.width, height: image.height }, [image.data.buffer]);
      });
    },
    close() {
      worker.terminate();
      for (const resolve of pending.values()) resolve(null);
      pending.clear();
    },
  };
}
