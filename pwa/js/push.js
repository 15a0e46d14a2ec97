/**
 * Web Push on this device: can it, is it on, and turning it on — which asks the browser for
 * permission, so it is only ever called from a button the user pressed.
 */
import { api, ApiError } from "./api.js";
import { OPEN_PATH_MESSAGE, base64UrlToBytes, safePath, subscriptionBody } from "./push-subscription.js";

/** @typedef {"unsupported" | "denied" | "off" | "on"} PushState */

/** @returns {boolean} */
export function pushSupported() {
  return "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

/** @returns {Promise<PushSubscription | null>} */
async function currentSubscription() {
  const registration = await navigator.serviceWorker.getRegistration();
  return registration ? registration.pushManager.getSubscription() : null;
}

/** @returns {Promise<PushState>} */
export async function pushState() {
  if (!pushSupported()) return "unsupported";
  if (Notification.permission === "denied") return "denied";
  if (Notification.permission !== "granted") return "off";
  return (await currentSubscription()) ? "on" : "off";
}

/**
 * Ask for permission, subscribe with the server's key and register the device.
 * @returns {Promise<PushState>}
 */
export async function enablePush() {
  if (!pushSupported()) return "unsupported";
  const answer = await Notification.requestPermission();
  if (answer !== "granted") return answer === "denied" ? "denied" : "off";
  const { public_key: publicKey } = await api("/api/push/key");
  const registration = await navigator.serviceWorker.ready;
  let subscription = await registration.pushManager.getSubscription();
  if (subscription && !sameKey(subscription, publicKey)) {
    await subscription.unsubscribe();
    subscription = null;
  }
  subscription ??= await registration.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: base64UrlToBytes(publicKey),
  });
  await api("/api/push/subscriptions", { method: "POST", body: subscriptionBody(subscription) });
  return "on";
}

/** Stop pushes to this device (the in-app list keeps everything). */
export async function disablePush() {
  const subscription = await currentSubscription();
  if (!subscription) return;
  try {
    await api("/api/push/subscriptions", { method: "DELETE", body: { endpoint: subscription.endpoint } });
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
  }
  await subscription.unsubscribe();
}

/**
 * Let a notification click open its screen in this window: the service worker posts the path,
 * the app's router shows it (no reload, the page keeps its state), and the reply tells the
 * worker it need not navigate the window itself. Server paths (/q/…, /api/…) load as pages.
 * @param {(path: string, opts?: {replace?: boolean}) => void} navigate the router's navigate
 */
export function followNotificationClicks(navigate) {
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.addEventListener("message", (event) => {
    const data = event.data;
    if (!data || data.type !== OPEN_PATH_MESSAGE) return;
    if (event.origin && event.origin !== location.origin) return;
    const path = safePath(data.path, location.origin);
    if (/^\/(api|q)\//i.test(path) || /\.[a-z0-9]+$/i.test(new URL(path, location.origin).pathname)) {
      location.assign(path);
    } else {
      // The same screen again is shown afresh, without a second history entry.
      navigate(path, { replace: path === location.pathname + location.search + location.hash });
    }
    event.ports[0]?.postMessage({ opened: path });
  });
}

/**
 * @param {PushSubscription} subscription
 * @param {string} publicKey
 */
function sameKey(subscription, publicKey) {
  const key = subscription.options?.applicationServerKey;
  if (!key) return true;
  const mine = new Uint8Array(key);
  const theirs = base64UrlToBytes(publicKey);
  return mine.length === theirs.length && mine.every((byte, i) => byte === theirs[i]);
}
