/**
 * Pure helpers shared by the page and the service worker: the server's key as bytes, and a
 * PushSubscription as the body POST /api/push/subscriptions expects.
 */

/**
 * @param {string} text base64url, with or without padding
 * @returns {Uint8Array}
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

/**
 * Only same-origin paths are opened from a notification; anything else opens the list.
 * @param {unknown} url
 * @returns {string}
 */
export function safePath(url) {
  return typeof url === "string" && url.startsWith("/") && !url.startsWith("//") ? url : "/notiser";
}
