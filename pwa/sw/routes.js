/**
 * Which strategy answers which request. Returning null means "not ours": the browser
 * then fetches as if there were no worker. Non-GET and cross-origin requests are never
 * answered from a cache.
 */
import { cacheFirst, networkFirst, shell } from "./strategies.js";

/**
 * @param {Request} request
 * @param {string} origin the worker's own origin
 * @param {string} precache the current version's cache name
 * @returns {(() => Promise<Response>) | null}
 */
export function handlerFor(request, origin, precache) {
  if (request.method !== "GET") return null;
  const url = new URL(request.url);
  if (url.origin !== origin) return null;
  const path = url.pathname;
  if (path.startsWith("/api/")) return () => networkFirst(request);
  if (isServerPath(path)) return null;
  if (request.mode === "navigate" && !/\.[a-z0-9]+$/i.test(path)) {
    return () => shell(request, precache);
  }
  return () => cacheFirst(request, precache);
}

/**
 * Routes the server answers itself and a page may open: the API schema and the QR
 * redirect /Q/<code> (the server resolves a scanned code to its item).
 * @param {string} path
 */
function isServerPath(path) {
  return /^\/(schema|q)(\/|$)/i.test(path);
}
