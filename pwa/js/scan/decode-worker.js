/**
 * Decodes QR codes off the main thread with the vendored jsQR (pinned in the Makefile's
 * `vendor` target), for browsers without BarcodeDetector such as iOS Safari and desktop
 * Chromium. Its UMD bundle sets self.jsQR when loaded as a module.
 */
import "/vendor/jsqr/jsQR.js";

self.addEventListener("message", (event) => {
  const { id, data, width, height } = event.data;
  // @ts-ignore set by the vendored bundle
  const found = self.jsQR(new Uint8ClampedArray(data), width, height, { inversionAttempts: "dontInvert" });
  self.postMessage({ id, text: found ? found.data : null });
});
