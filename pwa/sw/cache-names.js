/**
 * Cache names shared by the service worker and the page (which empties the API cache
 * on logout). Only caches with the "delbar-" prefix are ever deleted by the worker.
 */

export const CACHE_PREFIX = "delbar-";
export const PRECACHE_PREFIX = `${CACHE_PREFIX}precache-`;
/** Last good answers to GET /api/... (network first, this as the fallback). */
export const API_CACHE = `${CACHE_PREFIX}api`;
/** Set on an answer the worker served from API_CACHE (or made up offline), not from the server. */
export const FROM_CACHE_HEADER = "X-Delbar-From-Cache";
/** Item thumbnails of the shift taken offline (filled by the page, read by the worker). */
export const THUMB_CACHE = `${CACHE_PREFIX}thumbnails`;

/**
 * @param {string} version the content hash from /precache-manifest.js
 * @returns {string}
 */
export function precacheName(version) {
  return `${PRECACHE_PREFIX}${version}`;
}
