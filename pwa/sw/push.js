/**
 * The worker's side of Web Push: show a message, open the right screen on a click, and keep
 * the server's copy of the subscription current when the browser replaces it.
 */
import { metaGet } from "../js/db.js";
import { CSRF_KEY } from "../js/csrf.js";
import { OPEN_PATH_MESSAGE, base64UrlToBytes, safePath, subscriptionBody } from "../js/push-subscription.js";
import { DAY_CHANGED_MESSAGE, isTransportPush } from "../js/offline/refetch.js";

const ICON = "/icons/icon-192.png";
// How long an open window has to answer before it is navigated the old way (a reload).
const ANSWER_MS = 1500;
// Only the service worker imports this module.
const worker = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));

/** @typedef {{kind?: string, title?: string, body?: string, icon?: string, tag?: string, url?: string, id?: string}} PushMessage */

/**
 * @param {PushEvent} event
 * @returns {Promise<void>}
 */
export async function showPush(event) {
  /** @type {PushMessage} */
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { body: event.data ? event.data.text() : "" };
  }
  // An open Delbar window fetches the driver's day again, whether or not the message can be shown.
  if (isTransportPush(data)) await tellWindowsDayChanged();
  // A tag makes a newer message about the same thing replace the older one on the screen.
  // renotify: in the standard and in Chromium, left out of TypeScript's lib (one engine only).
  /** @type {NotificationOptions & {renotify: boolean}} */
  const options = {
    body: data.body || "",
    icon: data.icon || ICON,
    badge: ICON,
    tag: data.tag || undefined,
    renotify: Boolean(data.tag),
    lang: "sv",
    data: { url: safePath(data.url, worker.location.origin), id: data.id || null },
  };
  await worker.registration.showNotification(data.title || "Delbar", options);
}

/** Tell every open Delbar window that the driver's jobs changed; a window that is gone is skipped. */
async function tellWindowsDayChanged() {
  try {
    const windows = await worker.clients.matchAll({ type: "window", includeUncontrolled: true });
    for (const client of windows) {
      if (new URL(client.url).origin === worker.location.origin) client.postMessage({ type: DAY_CHANGED_MESSAGE });
    }
  } catch {
    // The notification still shows; the day is fetched on the app's next start.
  }
}

/**
 * Open the screen a notification is about. An open Delbar window is focused and told the path,
 * and its router shows it without a reload; a window that does not answer (a page from before
 * this worker) is navigated instead; with no window, a new one opens. Marks the entry read.
 * @param {NotificationEvent} event
 * @returns {Promise<void>}
 */
export async function openFromNotification(event) {
  event.notification.close();
  const { url = "/notiser", id = null } = event.notification.data || {};
  const path = safePath(url, worker.location.origin);
  const href = new URL(path, worker.location.origin).href;
  if (id) markRead(id);
  const windows = await worker.clients.matchAll({ type: "window", includeUncontrolled: true });
  const client = pickWindow(windows);
  if (!client) {
    await worker.clients.openWindow(href);
    return;
  }
  // focus() is allowed while a click is handled; elsewhere it rejects and the window is still told.
  const focused = (await client.focus().catch(() => null)) || client;
  if (await tellWindow(focused, path)) return;
  const navigated = "navigate" in focused ? await focused.navigate(href).catch(() => null) : null;
  if (!navigated) await worker.clients.openWindow(href);
}

/**
 * The window to use: the focused one, else a visible one, else the one used last (matchAll
 * lists windows most recently focused first). Only this origin's windows are ever listed.
 * @param {readonly WindowClient[]} windows
 * @returns {WindowClient | null}
 */
function pickWindow(windows) {
  const own = windows.filter((client) => new URL(client.url).origin === worker.location.origin);
  return own.find((c) => c.focused) ?? own.find((c) => c.visibilityState === "visible") ?? own[0] ?? null;
}

/**
 * Post the path to a window and wait briefly for it to say it navigated.
 * @param {WindowClient} client
 * @param {string} path
 * @returns {Promise<boolean>}
 */
function tellWindow(client, path) {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve(false), ANSWER_MS);
    channel.port1.onmessage = () => {
      clearTimeout(timer);
      resolve(true);
    };
    client.postMessage({ type: OPEN_PATH_MESSAGE, path }, [channel.port2]);
  });
}

/**
 * The push service replaced the subscription: subscribe again if needed and tell the server,
 * naming the old endpoint so the server forgets it.
 * @param {PushSubscriptionChangeEvent} event
 * @returns {Promise<void>}
 */
export async function renewSubscription(event) {
  const old = event.oldSubscription || null;
  let fresh = event.newSubscription || null;
  if (!fresh) {
    const answer = await fetch("/api/push/key", { credentials: "same-origin" });
    if (!answer.ok) return; // signed out: the next sign-in's settings screen subscribes again
    const { public_key: publicKey } = await answer.json();
    fresh = await worker.registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: base64UrlToBytes(publicKey),
    });
  }
  await post("/api/push/subscriptions", subscriptionBody(fresh, old ? old.endpoint : null));
}

/** @param {string} id */
function markRead(id) {
  post(`/api/notifications/${encodeURIComponent(id)}/read`, undefined).catch(() => {
    // Best effort: the list shows it unread until the user opens it there.
  });
}

/**
 * @param {string} path
 * @param {any} body
 */
async function post(path, body) {
  const token = await metaGet(CSRF_KEY).catch(() => null);
  /** @type {Record<string, string>} */
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (token) headers["X-CSRF-Token"] = String(token);
  return fetch(path, {
    method: "POST",
    credentials: "same-origin",
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
