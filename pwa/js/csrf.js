/**
 * The CSRF token: held in memory for the page, mirrored to IndexedDB so the service
 * worker (which cannot read cookies or page memory) can send it when it replays writes.
 */
import { metaDelete, metaSet } from "./db.js";

export const CSRF_KEY = "csrf_token";

/** @type {string | null} */
let token = null;

/** @returns {string | null} */
export function getCsrfToken() {
  return token;
}

/**
 * Remember a new token (or forget it with null). A failing IndexedDB (private browsing,
 * storage full) must not break login, so that error is only logged.
 * @param {string | null} value
 * @returns {Promise<void>}
 */
export async function setCsrfToken(value) {
  token = value;
  try {
    if (value) await metaSet(CSRF_KEY, value);
    else await metaDelete(CSRF_KEY);
  } catch (error) {
    console.warn("delbar: could not store the CSRF token in IndexedDB", error);
  }
}
