// pwa/vendor/jsqr/jsQR.js (jsQR 1.4.0, vendored unchanged): its UMD bundle sets self.jsQR.

declare global {
  var jsQR: (
    data: Uint8ClampedArray,
    width: number,
    height: number,
    options?: { inversionAttempts?: "dontInvert" | "onlyInvert" | "attemptBoth" | "invertFirst" },
  ) => { data: string } | null;
}

export {};
