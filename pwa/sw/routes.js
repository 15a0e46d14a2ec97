/**
 * Which strategy answers which request. null means "not ours": the browser then fetches as
 * if there were no worker. Non-GET and cross-origin requests are never answered from a cache.
 */
import { cacheFirst, networkFirst, shell } from "./strategies.js";

/** @typedef {"network-first" | "shell" | "cache-first"} Strategy */

/**
 * The route table, on the request's method, URL and mode alone (no caches, no network).
 * @param {Pick<Request, "method" | "url" | "mode">} request
 * @param {string} origin the worker's own origin
 * @returns {Strategy | null}
 */
export function strategyFor(request, origin) {
  if (request.method !== "GET") return null;
  const url = new URL(request.url);
  if (url.origin !== origin) return null;
  const path = url.pathname;
  // The round trip through a municipality's identity provider: navigations the server redirects.
  if (/^\/api\/sso\/(start|callback)$/.test(path)) return null;
  if (path.startsWith("/api/")) return "network-first";
  if (isServerPath(path)) return null;
  if (request.mode === "navigate" && !/\.[a-z0-9]+$/i.test(path)) return "shell";
  return "cache-first";
}

/**
 * @param {Request} request
 * @param {string} origin the worker's own origin
 * @param {string} precache the current version's cache name
 * @returns {(() => Promise<Response>) | null}
 */
export function handlerFor(request, origin, precache) {
  switch (strategyFor(request, origin)) {
    case "network-first":
      return () => networkFirst(request);
    case "shell":
      return () => shell(request, precache);
    case "cache-first":
      return () => cacheFirst(request, precache);
    default:
      return null;
  }
}

/**
 * Routes the server answers itself and a page may open: the API schema and the QR
 * redirect /Q/<code> (the server resolves a scanned code to its item).
 * @param {string} path
 */
function isServerPath(path) {
  return /^\/(schema|q)(\/|$)/i.test(path);
}
