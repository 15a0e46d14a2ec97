/**
 * Who is logged in. The server is the authority: the page asks GET /api/session on start
 * and keeps the answer (user + CSRF token) until login or logout changes it.
 */
import { api, ApiError } from "./api.js";
import { setCsrfToken } from "./csrf.js";
import { getLanguage, setLanguage } from "./i18n.js";
import { setOwner } from "./outbox/owner.js";
import { API_CACHE } from "../sw/cache-names.js";

/**
 * @typedef {object} User
 * @property {string} id
 * @property {string} email
 * @property {string} name
 * @property {{id: string, name: string}} municipality
 * @property {{id: string, name: string, cost_centre: string}} unit
 * @property {string[]} roles
 * @property {string} [language]
 */

/** @type {User | null} */
let user = null;
/** @type {string | null} a language picked on the login page, saved to the account at login */
let pickedSignedOut = null;

/** @returns {User | null} */
export function currentUser() {
  return user;
}

/** @param {{user: User, csrf_token: string}} answer */
async function accept(answer) {
  user = answer.user;
  await setCsrfToken(answer.csrf_token);
  await remember(user);
  if (pickedSignedOut && pickedSignedOut !== user.language) await saveLanguage(pickedSignedOut);
  else if (user.language) await setLanguage(user.language);
  pickedSignedOut = null;
  return user;
}

/**
 * Switch the language; signed in, it is kept on the account, so the server's texts (notifications,
 * calendars) and the next device follow it.
 * @param {string} lang
 */
export async function chooseLanguage(lang) {
  // Saved first, so a screen showing the server's texts (notifications) re-renders in the new language.
  if (user) await saveLanguage(lang);
  await setLanguage(lang);
  if (!user) pickedSignedOut = getLanguage();
}

/** @param {string} lang */
async function saveLanguage(lang) {
  try {
    const saved = await api("/api/session/language", { method: "PUT", body: { language: lang } });
    if (user) user.language = saved.language;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    // Offline or refused: the page keeps the choice; the account keeps the old one until the next switch.
    console.warn("delbar: the language was not saved to the account", error);
  }
}

/**
 * Tell the outbox (and the service worker) whose scans may be sent now. Like the CSRF token,
 * a failing IndexedDB must not break login; the outbox then sends nothing, which is safe.
 * @param {User | null} who
 */
async function remember(who) {
  try {
    // Someone new signed in (a sign-in, a provider's return, another person on a shared phone):
    // what they left waiting goes now, not at the outbox's next check.
    if ((await setOwner(who)) && who) import("./outbox/sync.js").then((sync) => sync.syncNow());
  } catch (error) {
    console.warn("delbar: could not record who is signed in for the outbox", error);
  }
}

/**
 * Ask the server who we are.
 * @returns {Promise<{user: User | null, error: ApiError | null}>} error is set when the
 *   server could not answer (offline, 5xx); a 401 is simply "nobody", not an error.
 */
export async function loadSession() {
  try {
    return { user: await accept(await api("/api/session")), error: null };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    user = null;
    if (error.status === 401) {
      await setCsrfToken(null);
      await remember(null);
      return { user: null, error: null };
    }
    return { user: null, error };
  }
}

/**
 * @param {string} email
 * @param {string} password
 * @returns {Promise<User>}
 * @throws {ApiError} invalid_credentials, rate_limited (with retryAfter), network_error, …
 */
export async function login(email, password) {
  // Login is the one unsafe request without a CSRF token: there is no session yet.
  const answer = await api("/api/session", {
    method: "POST",
    body: { email, password },
    csrf: false,
  });
  return accept(answer);
}

/**
 * End the session here and on the server. A 401 means the server already forgot us,
 * which is the outcome we wanted.
 * @returns {Promise<string | null>} the identity provider's sign-out page, for a person who signed
 *   in through their municipality's provider (it ends their session there too), else null
 * @throws {ApiError} when the server cannot be reached; the user then stays logged in
 */
export async function logout() {
  /** @type {string | null} */
  let providerSignOut = null;
  try {
    providerSignOut = (await api("/api/sso/logout", { method: "POST" }))?.redirect_url ?? null;
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
  }
  user = null;
  await setCsrfToken(null);
  // From here on nothing this person queued is sent, by this page or the worker, until they sign in again.
  await remember(null);
  // The API cache holds this user's answers; the next person on this device must not see them.
  if ("caches" in self) await caches.delete(API_CACHE);
  return providerSignOut;
}
