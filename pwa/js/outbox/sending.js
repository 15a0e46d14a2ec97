/**
 * What the outbox's queues (messages, new items, photos) share when they send: one run at a time
 * across the pages and the service worker, and a POST made under the person who queued the entry.
 * No DOM here: the service worker sends with these too.
 */
import { metaGet } from "../db.js";
import { CSRF_KEY } from "../csrf.js";
import { OWNER_HEADER } from "./owner.js";
import { fetchNoting } from "./skew.js";

/**
 * A runner that lets one run of `name` go at a time in every context (Web Locks); without them, at
 * least one at a time in this context. A run that starts late waits, and then finds what was queued.
 * @param {string} name
 * @returns {<T>(work: () => Promise<T>) => Promise<T>}
 */
export function oneAtATime(name) {
  /** @type {Promise<unknown>} */
  let fallback = Promise.resolve();
  return (work) => {
    if (typeof navigator !== "undefined" && navigator.locks) return navigator.locks.request(name, work);
    const next = fallback.then(work);
    fallback = next.catch(() => {});
    return next;
  };
}

/**
 * POST under the person who queued it (the server refuses it, 409 other_user, under anyone else).
 * @param {string} url
 * @param {string | FormData} body JSON text, or a form (its type set by the browser)
 * @param {typeof fetch} doFetch
 * @param {import("./owner.js").Owner} owner
 * @returns {Promise<{status: number, body: any} | null>} null: no answer
 */
export async function postAs(url, body, doFetch, owner) {
  /** @type {Record<string, string>} */
  const headers = { Accept: "application/json", [OWNER_HEADER]: owner.id };
  if (typeof body === "string") headers["Content-Type"] = "application/json";
  const token = await metaGet(CSRF_KEY).catch(() => null);
  if (token) headers["X-CSRF-Token"] = token;
  try {
    const response = await fetchNoting(doFetch, url, { method: "POST", headers, credentials: "same-origin", body });
    return { status: response.status, body: await response.json().catch(() => null) };
  } catch {
    return null;
  }
}
