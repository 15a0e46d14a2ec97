/**
 * Same-origin JSON fetch wrapper. Every failure becomes an ApiError carrying the server's
 * error code, so the UI can pick a Swedish message from the catalogue by code.
 */
import { getCsrfToken } from "./csrf.js";
import { API_CACHE, FROM_CACHE_HEADER } from "../sw/cache-names.js";
import { noteServerAnswer } from "./outbox/skew.js";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export class ApiError extends Error {
  /**
   * @param {{status: number, code: string, detail?: string, retryAfter?: number | null}} init
   *   status 0 means the network failed (no answer at all).
   */
  constructor({ status, code, detail = "", retryAfter = null }) {
    super(`${status} ${code}${detail ? `: ${detail}` : ""}`);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.retryAfter = retryAfter;
  }
}

/**
 * @typedef {object} RequestOptions
 * @property {string} [method]
 * @property {any} [body] sent as JSON, or as it is when a FormData (a file upload)
 * @property {boolean} [csrf] send X-CSRF-Token on an unsafe method (default true; login is the exception)
 * @property {AbortSignal} [signal]
 * @property {boolean} [fresh] only the server's answer now: one the worker kept from before fails as offline
 */

/**
 * @param {string} path a same-origin path such as "/api/session"
 * @param {RequestOptions} [options]
 * @returns {Promise<any>} the parsed JSON body, or null for an empty answer (204)
 * @throws {ApiError}
 */
export async function api(path, options = {}) {
  if (!path.startsWith("/")) throw new TypeError("api() takes a same-origin path");
  pending++;
  try {
    return await request(path, options);
  } finally {
    pending--;
    if (pending === 0) for (const settled of waiting.splice(0)) settled();
  }
}

/** Requests of api() under way, and who waits for there to be none. */
let pending = 0;
/** @type {Array<() => void>} */
const waiting = [];

/**
 * Settles once no api() request is under way (at once if none is), or after `limit` ms: what
 * can wait for the screen's data (the service worker's precache) waits for this.
 * @param {number} [limit]
 * @returns {Promise<void>}
 */
export function apiSettled(limit = 10_000) {
  if (pending === 0) return Promise.resolve();
  return new Promise((resolve) => {
    waiting.push(resolve);
    setTimeout(resolve, limit);
  });
}

/**
 * @param {string} path
 * @param {RequestOptions} options
 * @returns {Promise<any>}
 */
async function request(path, { method = "GET", body, csrf = true, signal, fresh = false }) {
  /** @type {Record<string, string>} */
  const headers = { Accept: "application/json" };
  const form = typeof FormData !== "undefined" && body instanceof FormData;
  if (body !== undefined && !form) headers["Content-Type"] = "application/json";
  const token = getCsrfToken();
  if (UNSAFE.has(method) && csrf && token) headers["X-CSRF-Token"] = token;

  let response;
  const sentAt = Date.now();
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined || form ? body : JSON.stringify(body),
      credentials: "same-origin",
      signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError({ status: 0, code: "network_error", detail: String(error) });
  }

  if (fresh && response.headers.has(FROM_CACHE_HEADER)) {
    throw new ApiError({ status: 0, code: "network_error", detail: "Only a kept answer, no network." });
  }
  // An answer the worker served from its cache says nothing about the server or its clock.
  if (!response.headers.has(FROM_CACHE_HEADER)) await noteServerAnswer(response, sentAt, Date.now());
  const data = await readJson(response);
  if (response.ok && UNSAFE.has(method)) await forgetCachedAnswers(path);
  if (response.ok) return data;
  throw new ApiError({
    status: response.status,
    code: (data && typeof data.error === "string" && data.error) || `http_${response.status}`,
    detail: (data && typeof data.detail === "string" && data.detail) || response.statusText,
    retryAfter: parseRetryAfter(response.headers.get("Retry-After")),
  });
}

/**
 * After a write, the service worker's last good answers for its path and the paths above it
 * (/api/bookings/1/approve: /api/bookings/1, /api/bookings) show the state from before it.
 * They are dropped before the write is reported done, so a reload whose request fails (offline,
 * a 5xx) shows "no answer" rather than the old state as if it were current.
 * @param {string} path
 */
export async function forgetCachedAnswers(path) {
  if (!("caches" in self)) return;
  try {
    if (!(await caches.has(API_CACHE))) return;
    const cache = await caches.open(API_CACHE);
    const parts = new URL(path, location.origin).pathname.replace(/\/+$/, "").split("/");
    for (let end = parts.length; end > 2; end--) {
      const url = new URL(parts.slice(0, end).join("/"), location.origin).href;
      await Promise.all([url, `${url}/`].map((key) => cache.delete(key, { ignoreSearch: true })));
    }
  } catch (error) {
    console.warn("delbar: could not drop cached answers after a write", error);
  }
}

/** @param {Response} response */
async function readJson(response) {
  if (response.status === 204) return null;
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Retry-After is either seconds or an HTTP date.
 * @param {string | null} value
 * @returns {number | null} whole seconds to wait
 */
export function parseRetryAfter(value) {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const when = Date.parse(value);
  if (Number.isNaN(when)) return null;
  return Math.max(0, Math.ceil((when - Date.now()) / 1000));
}
