/**
 * Decodes QR codes off the main thread with the vendored jsQR (pinned in the Makefile's
 * `vendor` target), for browsers without BarcodeDetector such as iOS Safari and desktop
 * Chromium. Its UMD bundle sets self.jsQR when loaded as a module.
 */
import "/vendor/jsqr/jsQR.js";

// This file runs only as a dedicated worker (scan/decoder.js starts it).
const worker = /** @type {DedicatedWorkerGlobalScope} */ (/** @type {unknown} */ (self));

worker.addEventListener("message", (event) => {
  const { id, data, width, height } = event.data;
  const found = jsQR(new Uint8ClampedArray(data), width, height, { inversionAttempts: "dontInvert" });
  worker.postMessage({ id, text: found ? found.data : null });
});
