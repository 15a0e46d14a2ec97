/**
 * History-API routing. The server answers every extension-less path with index.html,
 * so each view has a real URL (/login, /tillganglighet) that can be bookmarked and reloaded.
 */
import { loadSession } from "./session.js";
import { t } from "./i18n.js";

/**
 * @typedef {object} View
 * @property {string} title the page's name, used in document.title
 * @property {HTMLElement | Promise<HTMLElement>} element the view; its h1 gets focus after a
 *   navigation. A promise is a screen whose module is still loading: the outlet is emptied and
 *   marked busy until it arrives, and a navigation made meanwhile wins over it.
 */
/** @typedef {{redirect: string}} Redirect */
/**
 * @typedef {(context: {sessionError: import("./api.js").ApiError | null, params: Record<string, string>}) => View | Redirect} Route
 */

/**
 * @param {object} options
 * @param {HTMLElement} options.outlet where views are rendered (the <main> landmark)
 * @param {Record<string, Route>} options.routes keyed by pathname; ":name" matches one segment (/sak/:id)
 * @param {Route} options.fallback for unknown paths
 * @param {(error: unknown) => HTMLElement} options.failed shown when a screen's module cannot load
 * @param {() => void} [options.onRender] called once a view is on screen (the navigation marks where we are)
 * @returns {{start: () => Promise<void>, navigate: (path: string, opts?: {replace?: boolean}) => Promise<void>,
 *   refresh: () => Promise<void>}}
 */
export function createRouter({ outlet, routes, fallback, failed, onRender = () => {} }) {
  /** Path and query of the view on screen: Back to another query (an earlier search) re-renders too. */
  /** @type {string | null} */
  let currentUrl = null;
  /** @type {import("./api.js").ApiError | null} */
  let sessionError = null;
  /** Counts renders: a screen that arrives after a newer render started is not shown. */
  let latest = 0;

  /**
   * @param {{focus: boolean}} options
   * @returns {Promise<void>} settles once the view is on screen (or a newer one replaced it)
   */
  async function render({ focus }) {
    let result;
    for (let hops = 0; ; hops++) {
      const { route, params } = match(routes, location.pathname);
      result = (route ?? fallback)({ sessionError, params });
      if (!("redirect" in result)) break;
      if (hops > 3) throw new Error(`redirect loop at ${location.pathname}`);
      history.replaceState(null, "", result.redirect);
    }
    currentUrl = location.pathname + location.search;
    const ticket = ++latest;
    let element;
    if (result.element instanceof Promise) {
      // The screen left goes at once, as a screen built at once would replace it.
      outlet.replaceChildren();
      outlet.setAttribute("aria-busy", "true");
      try {
        element = await result.element;
      } catch (error) {
        console.warn("delbar: a screen could not load", error);
        element = failed(error);
      }
      if (ticket !== latest) return;
    } else {
      element = result.element;
    }
    outlet.removeAttribute("aria-busy");
    outlet.replaceChildren(element);
    document.title = `${result.title} – ${t("app.name")}`;
    onRender();
    if (focus) focusHeading(element);
  }

  /**
   * @param {string} path
   * @param {{replace?: boolean}} [opts]
   * @returns {Promise<void>}
   */
  function navigate(path, { replace = false } = {}) {
    sessionError = null;
    if (replace) history.replaceState(null, "", path);
    else history.pushState(null, "", path);
    return render({ focus: true });
  }

  /** @param {MouseEvent} event */
  function onClick(event) {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = /** @type {Element} */ (event.target).closest?.("a[href]");
    if (!(link instanceof HTMLAnchorElement) || !isAppLink(link)) return;
    event.preventDefault();
    if (link.pathname + link.search !== location.pathname + location.search) navigate(link.pathname + link.search);
  }

  return {
    /** Ask the server who we are, then show the view for the current URL. */
    async start() {
      outlet.setAttribute("aria-busy", "true");
      ({ error: sessionError } = await loadSession());
      outlet.removeAttribute("aria-busy");
      document.addEventListener("click", onClick);
      // A popstate to the same path and query is a fragment change (the skip link); the view stays.
      window.addEventListener("popstate", () => {
        if (location.pathname + location.search !== currentUrl) render({ focus: true });
      });
      // First paint: focus stays at the top of the page, where the skip link is.
      await render({ focus: false });
    },
    navigate,
    /** Re-render the current view in place (language change); focus is left alone. */
    refresh: () => render({ focus: false }),
  };
}

/**
 * The route for a path: an exact key first, then a pattern whose ":name" segments capture.
 * @param {Record<string, Route>} routes
 * @param {string} path
 * @returns {{route: Route | undefined, params: Record<string, string>}}
 */
export function match(routes, path) {
  if (Object.hasOwn(routes, path)) return { route: routes[path], params: {} };
  const parts = path.split("/");
  for (const [pattern, route] of Object.entries(routes)) {
    const want = pattern.split("/");
    if (!pattern.includes("/:") || want.length !== parts.length) continue;
    /** @type {Record<string, string>} */
    const params = {};
    const fits = want.every((segment, i) => {
      if (!segment.startsWith(":")) return segment === parts[i];
      if (!parts[i]) return false;
      try {
        params[segment.slice(1)] = decodeURIComponent(parts[i]);
        return true;
      } catch {
        return false; // a malformed %-escape is no match, not a crash
      }
    });
    if (fits) return { route, params };
  }
  return { route: undefined, params: {} };
}

/** @param {HTMLAnchorElement} link */
function isAppLink(link) {
  if (link.origin !== location.origin || link.target || link.hasAttribute("download")) return false;
  if (link.hash && link.pathname === location.pathname) return false;
  const path = link.pathname;
  // Files and server routes go to the network.
  return !/\.[a-z0-9]+$/i.test(path) && !path.startsWith("/api/") && !/^\/q\//i.test(path);
}

/** @param {HTMLElement} view */
function focusHeading(view) {
  const heading = view.querySelector("h1");
  if (!heading) return;
  heading.setAttribute("tabindex", "-1");
  heading.focus();
  window.scrollTo(0, 0);
}
