/**
 * Caching strategies. Each returns a Response promise for fetch's respondWith.
 */
import { API_CACHE, FROM_CACHE_HEADER, PRECACHE_PREFIX, THUMB_CACHE } from "./cache-names.js";

/**
 * Fetch every file of this version into its own cache. `cache: "no-cache"` revalidates each
 * file with the server (a 304 when the browser's copy is current), so a new version never
 * bakes in a stale copy of a file and an unchanged one is not downloaded again.
 * @param {string} cacheName
 * @param {string[]} files
 * @returns {Promise<void>}
 */
export async function precache(cacheName, files) {
  const cache = await caches.open(cacheName);
  await cache.addAll(files.map((url) => new Request(url, { cache: "no-cache" })));
}

/**
 * Delete precaches of earlier versions. The API cache is data, not code, and stays.
 * @param {string} keep the current precache
 * @returns {Promise<void>}
 */
export async function deleteOldCaches(keep) {
  const names = await caches.keys();
  await Promise.all(
    names
      .filter((name) => name.startsWith(PRECACHE_PREFIX) && name !== keep)
      .map((name) => caches.delete(name)),
  );
}

/**
 * The app shell for any navigation: the precached index.html, the network if it is missing.
 * @param {Request} request
 * @param {string} cacheName
 * @returns {Promise<Response>}
 */
export async function shell(request, cacheName) {
  const cached = await caches.match("/index.html", { cacheName });
  return cached ?? fetch(request);
}

/**
 * Cache first from the versioned precache, then the offline shift's thumbnails; anything
 * else comes from the network.
 * @param {Request} request
 * @param {string} cacheName
 * @returns {Promise<Response>}
 */
export async function cacheFirst(request, cacheName) {
  const cached =
    (await caches.match(request, { cacheName })) ?? (await caches.match(request, { cacheName: THUMB_CACHE }));
  return cached ?? fetch(request);
}

/** When the latest request that got a good answer was sent (this worker's clock). */
let lastGoodSentAt = -Infinity;

/**
 * Network first for GET /api/...: a good answer is kept; without a network the last good
 * answer is served, and without one of those a JSON "offline" error in the API's shape.
 * A 401 empties the API cache: the answers in it belonged to a session that has ended; but not
 * a 401 to a request sent before the latest good answer (a request from before signing in that
 * the server answered late), which says nothing about the session now.
 * @param {Request} request
 * @returns {Promise<Response>}
 */
export async function networkFirst(request) {
  const sentAt = performance.now();
  let response;
  try {
    response = await fetch(request);
  } catch {
    const cached = await caches.match(request, { cacheName: API_CACHE });
    return cached ? fromCache(cached) : offlineAnswer();
  }
  // Only whole, same-origin answers are kept (never an opaque or partial one).
  if (response.status === 200 && response.type === "basic") {
    // Stored before the page sees the answer: a write the page makes after reading it, and the
    // page's dropping of this answer then (api.js), can never be overtaken by this older copy.
    const copy = response.clone();
    lastGoodSentAt = Math.max(lastGoodSentAt, sentAt);
    await caches.open(API_CACHE).then((cache) => cache.put(request, copy)).catch(() => {});
  } else if (response.status === 401 && sentAt >= lastGoodSentAt) {
    await caches.delete(API_CACHE);
  } else if (response.status >= 500) {
    // A server restarting behind a proxy answers 502/503: the last good answer is better.
    const cached = await caches.match(request, { cacheName: API_CACHE });
    if (cached) return fromCache(cached);
  }
  return response;
}

/**
 * A kept answer, marked as such: the page must not take its Date for the server's clock now,
 * nor take it as a sign that the server answers.
 * @param {Response} cached
 * @returns {Response}
 */
function fromCache(cached) {
  const headers = new Headers(cached.headers);
  headers.set(FROM_CACHE_HEADER, "1");
  return new Response(cached.body, { status: cached.status, statusText: cached.statusText, headers });
}

function offlineAnswer() {
  const body = JSON.stringify({ error: "offline", detail: "No network and no saved answer." });
  return new Response(body, {
    status: 503,
    headers: { "Content-Type": "application/json", [FROM_CACHE_HEADER]: "1" },
  });
}
