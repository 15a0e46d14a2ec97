/**
 * The way back to a search: the catalogue remembers which search a listing was opened from and how
 * far down the person had scrolled, so "Till sökningen" and the browser's Back show the same
 * results at the same place. Kept in sessionStorage: one tab's trail, gone with the tab.
 */

const KEY = "delbar.search-return";

/**
 * @typedef {object} SearchReturn
 * @property {string} url the search's path and query (/annonser?q=...)
 * @property {number} y how far down the page was scrolled
 * @property {string} listing the listing opened from it
 */

/**
 * Note the search on screen as the one to come back to, and the listing opened from it.
 * @param {string} listing
 */
export function rememberSearch(listing) {
  /** @type {SearchReturn} */
  const trail = { url: location.pathname + location.search, y: Math.round(window.scrollY), listing };
  try {
    sessionStorage.setItem(KEY, JSON.stringify(trail));
  } catch {
    // Storage refused (private mode, full): the way back is then the plain catalogue.
  }
}

/** @returns {SearchReturn | null} the last search a listing was opened from */
export function lastSearch() {
  try {
    const trail = JSON.parse(sessionStorage.getItem(KEY) ?? "null");
    return trail && typeof trail.url === "string" && trail.url.startsWith("/annonser") ? trail : null;
  } catch {
    return null;
  }
}

/** @returns {string} where "Till sökningen" leads: the search the listing came from, or the catalogue */
export function searchUrl() {
  return lastSearch()?.url ?? "/annonser";
}
