/**
 * The worker's side of Web Push: show a message, open the right screen on a click, and keep
 * the server's copy of the subscription current when the browser replaces it.
 */
import { metaGet } from "../js/db.js";
import { CSRF_KEY } from "../js/csrf.js";
import { base64UrlToBytes, safePath, subscriptionBody } from "../js/push-subscription.js";

const ICON = "/icons/icon-192.png";

/**
 * @param {any} event a PushEvent
 * @returns {Promise<void>}
 */
export async function showPush(event) {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { body: event.data ? event.data.text() : "" };
  }
  // A tag makes a newer message about the same thing replace the older one on the screen.
  await self.registration.showNotification(data.title || "Delbar", {
    body: data.body || "",
    icon: data.icon || ICON,
    badge: ICON,
    tag: data.tag || undefined,
    renotify: Boolean(data.tag),
    lang: "sv",
    data: { url: safePath(data.url), id: data.id || null },
  });
}

/**
 * Focus a window already showing the screen, else reuse one, else open one; mark it read.
 * @param {any} event a NotificationEvent
 * @returns {Promise<void>}
 */
export async function openFromNotification(event) {
  event.notification.close();
  const { url = "/notiser", id = null } = event.notification.data || {};
  const target = new URL(safePath(url), self.location.origin);
  if (id) markRead(id);
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const same = windows.find((client) => new URL(client.url).pathname === target.pathname);
  if (same) {
    await same.focus();
    return;
  }
  const reusable = windows.find((client) => "navigate" in client);
  if (reusable) {
    const navigated = await reusable.navigate(target.href).catch(() => null);
    if (navigated) {
      await navigated.focus();
      return;
    }
  }
  await self.clients.openWindow(target.href);
}

/**
 * The push service replaced the subscription: subscribe again if needed and tell the server,
 * naming the old endpoint so the server forgets it.
 * @param {any} event a PushSubscriptionChangeEvent
 * @returns {Promise<void>}
 */
export async function renewSubscription(event) {
  const old = event.oldSubscription || null;
  let fresh = event.newSubscription || null;
  if (!fresh) {
    const answer = await fetch("/api/push/key", { credentials: "same-origin" });
    if (!answer.ok) return; // signed out: the next sign-in's settings screen subscribes again
    const { public_key: publicKey } = await answer.json();
    fresh = await self.registration.pushManager.subscribe({
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
