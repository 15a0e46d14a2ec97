/**
 * Service worker registration and the "new version" offer. A new worker waits until the
 * user chooses to reload; nothing is swapped under someone's half-filled form.
 */

/**
 * @param {(worker: ServiceWorker) => void} onUpdateReady called when a new version waits
 * @returns {Promise<ServiceWorkerRegistration | null>}
 */
export async function registerServiceWorker(onUpdateReady) {
  if (!("serviceWorker" in navigator)) return null;
  let registration;
  try {
    registration = await navigator.serviceWorker.register("/sw.js", { type: "module", scope: "/" });
  } catch (error) {
    console.warn("delbar: service worker registration failed", error);
    return null;
  }
  // A waiting worker with a controller present is an update; without one it is the first install.
  if (registration.waiting && navigator.serviceWorker.controller) onUpdateReady(registration.waiting);
  registration.addEventListener("updatefound", () => {
    const worker = registration.installing;
    if (!worker) return;
    worker.addEventListener("statechange", () => {
      if (worker.state === "installed" && navigator.serviceWorker.controller) onUpdateReady(worker);
    });
  });
  // Long-lived tabs (a driver's phone) look for updates when they come back into view.
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") registration.update().catch(() => {});
  });
  return registration;
}

/**
 * The user asked for the new version: activate it, then reload once it controls the page.
 * @param {ServiceWorker} worker the waiting worker
 */
export function applyUpdate(worker) {
  let reloading = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (reloading) return;
    reloading = true;
    location.reload();
  });
  worker.postMessage({ type: "SKIP_WAITING" });
}
