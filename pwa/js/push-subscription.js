/**
 * Pure helpers shared by the page and the service worker: the server's key as bytes, a
 * PushSubscription as the body POST /api/push/subscriptions expects, and which paths a
 * notification may open.
 */

/**
 * @param {string} text base64url, with or without padding
 * @returns {Uint8Array<ArrayBuffer>} over a plain ArrayBuffer, as applicationServerKey wants
 */
export function base64UrlToBytes(text) {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(text.length / 4) * 4, "=");
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

/**
 * @param {PushSubscription} subscription
 * @param {string | null} [oldEndpoint] the endpoint this one replaces (after pushsubscriptionchange)
 * @returns {{endpoint: string, keys: {p256dh: string, auth: string}, expirationTime: number | null, old_endpoint?: string}}
 */
export function subscriptionBody(subscription, oldEndpoint = null) {
  const json = subscription.toJSON();
  const body = {
    endpoint: String(json.endpoint),
    keys: { p256dh: String(json.keys?.p256dh), auth: String(json.keys?.auth) },
    expirationTime: json.expirationTime ?? null,
  };
  return oldEndpoint && oldEndpoint !== body.endpoint ? { ...body, old_endpoint: oldEndpoint } : body;
}

/** What the service worker posts to an open window after a notification click. */
export const OPEN_PATH_MESSAGE = "delbar:open-path";

const FALLBACK_PATH = "/notiser";

/**
 * Only same-origin paths are opened from a notification; anything else opens the list. The
 * path is resolved the way the browser would ("/\\host" and tabs can point elsewhere) and kept
 * only when it stays on this origin.
 * @param {unknown} url
 * @param {string} [origin] this site's origin (the page's or the worker's)
 * @returns {string} a path, with its query and fragment
 */
export function safePath(url, origin = globalThis.location.origin) {
  if (typeof url !== "string" || !url.startsWith("/") || url.startsWith("//")) return FALLBACK_PATH;
  try {
    const resolved = new URL(url, origin);
    if (resolved.origin !== new URL(origin).origin) return FALLBACK_PATH;
    return resolved.pathname + resolved.search + resolved.hash;
  } catch {
    return FALLBACK_PATH;
  }
}
