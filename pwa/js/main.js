/**
 * Composition root: builds the chrome (header, navigation, footer), the router over the routes
 * and the update offer. What the first screen does not need is imported beside it (the outbox's
 * sync) or after it (the driver's day, notification clicks, the service worker).
 */
import { api, apiSettled } from "./api.js";
import { replaceChildren } from "./dom.js";
import { getLanguage, onLanguageChange, t } from "./i18n.js";
import { createRouter } from "./router.js";
import { appRoutes, loadFailed, nextPath, notFound } from "./routes.js";
import { chooseLanguage, currentUser, login, logout } from "./session.js";
import { appHeader } from "./components/app-header.js";
import { appNav } from "./components/app-nav.js";
import { appFooter } from "./components/app-footer.js";

const header = /** @type {HTMLElement} */ (document.getElementById("app-header"));
const footer = /** @type {HTMLElement} */ (document.getElementById("app-footer"));
const navSlot = /** @type {HTMLElement} */ (document.getElementById("app-nav"));
const outlet = /** @type {HTMLElement} */ (document.getElementById("main"));
const skipLink = /** @type {HTMLElement} */ (document.querySelector(".skip-link"));

const state = {
  /** @type {ServiceWorker | null} a new version waiting for the user's go-ahead */
  waiting: null,
  /** @type {string | null} */
  version: null,
  /** @type {number | null} unread notifications, for the badge on the Notiser tab */
  unread: null,
  /** @type {number | null} unread messages in conversations, beside "Meddelanden" */
  talk: null,
};

const router = createRouter({
  outlet,
  routes: appRoutes({ go, onLogin, onLogout }),
  fallback: notFound,
  failed: loadFailed,
  onRender: () => {
    renderNav();
    countUnread();
  },
});

/** @param {string} email @param {string} password */
async function onLogin(email, password) {
  // Scans this person left queued on the phone at an earlier logout go as the session is recorded.
  await login(email, password);
  // A driver's day comes to the phone beside the first screen, not before it.
  import("./offline/day-fetch.js").then((day) => day.refreshDay("open", currentUser())).catch(() => {});
  const next = nextPath(location.search);
  // /q/<code> is the server's: it resolves the label, so it needs a real page load.
  if (next && /^\/q\//i.test(next)) location.replace(next);
  else router.navigate(next ?? "/", { replace: true });
}

/** @param {string} path */
function go(path) {
  router.navigate(path);
}

async function onLogout() {
  const providerSignOut = await logout();
  // The stored day belongs to this user; their queued scans stay and wait for them to sign in again.
  // A fetch still running could store it again after the clearing: it ends first (it fails signed out).
  await import("./offline/day-fetch.js").then((day) => day.dayFetchSettled()).catch(() => {});
  await import("./offline/shift.js").then((shift) => shift.clearShift()).catch(() => {});
  // Signed in through the municipality's provider: its sign-out comes back to /login afterwards.
  if (providerSignOut) location.assign(providerSignOut);
  else router.navigate("/login", { replace: true });
}

function renderChrome() {
  // Re-rendering replaces the language buttons; keep focus on the one the user pressed.
  const focusedLang = /** @type {HTMLElement | null} */ (document.activeElement)?.dataset?.lang;
  skipLink.textContent = t("skip_link");
  replaceChildren(
    header,
    ...appHeader({
      onLanguage: chooseLanguage,
      onUpdate: state.waiting ? offerUpdate : null,
    }),
  );
  replaceChildren(footer, appFooter({ version: state.version }));
  if (focusedLang) /** @type {HTMLElement | null} */ (header.querySelector(`[data-lang="${focusedLang}"]`))?.focus();
}

/** The tab bar (phone) or sidebar (desk), with the current screen marked; nothing when signed out. */
function renderNav() {
  const user = currentUser();
  document.body.classList.toggle("has-nav", Boolean(user));
  if (!user) {
    state.unread = null;
    state.talk = null;
    navSlot.replaceChildren();
    return;
  }
  // The unread count redraws the navigation; a keyboard user on one of its links stays there.
  const focused = navSlot.contains(document.activeElement) ? document.activeElement?.getAttribute("href") : null;
  navSlot.replaceChildren(appNav({ user, path: location.pathname, unread: state.unread, talk: state.talk }));
  if (focused) /** @type {HTMLElement | null} */ (navSlot.querySelector(`a[href="${focused}"]`))?.focus();
}

/** Asked after each screen, so reading notifications clears the badge on the next step. */
function countUnread() {
  if (!currentUser()) return;
  Promise.all([api("/api/notifications?limit=1"), api("/api/conversations/unread")])
    .then(([page, talk]) => {
      const unread = typeof page?.unread === "number" ? page.unread : null;
      const messages = typeof talk?.count === "number" ? talk.count : null;
      if (unread === state.unread && messages === state.talk) return;
      state.unread = unread;
      state.talk = messages;
      renderNav();
    })
    .catch(() => {
      // Offline: the tabs still work; the count is a courtesy.
    });
}

/** The user took the new version: the waiting worker takes over and the page reloads. */
async function offerUpdate() {
  const sw = await import("./sw-update.js");
  if (state.waiting) sw.applyUpdate(state.waiting);
}

// The skip link moves focus without touching the URL (the router owns the path).
skipLink.addEventListener("click", (event) => {
  event.preventDefault();
  const target = outlet.querySelector("h1") ?? outlet;
  target.setAttribute("tabindex", "-1");
  target.focus();
});

onLanguageChange(() => {
  renderChrome();
  renderNav();
  router.refresh();
});

document.documentElement.lang = getLanguage();
renderChrome();
const firstScreen = router.start().catch((error) => console.warn("delbar: the first screen failed", error));

// Replays the outbox now (app start), on `online` and while something waits. Scans queued on a
// phone must not wait for a screen: it starts beside the first one, not after it.
import("./outbox/sync.js").then((sync) => sync.startSync());
// That first run may read the person signed in before this page asked; session.js runs it again
// once the session names someone else.

// A driver's day is fetched and kept for offline use after the first screen, and again when a push
// tells of a changed job, the app comes back to the foreground or the network returns.
firstScreen
  .then(() => import("./offline/day-fetch.js"))
  .then((day) => day.startDayFetching(currentUser))
  .catch(() => {
    // The stored day (if any) still shows; the next start tries again.
  });

// A notification clicked while Delbar is open shows its screen here, through the router.
firstScreen.then(() => import("./push.js")).then((push) => push.followNotificationClicks(router.navigate));

// The first screen's data comes first too: on a slow network the worker's precache of the
// whole app, and the version in the footer, would compete with it.
firstScreen
  .then(() => new Promise((next) => setTimeout(next, 0)))
  .then(() => apiSettled())
  .then(() => import("./sw-update.js"))
  .then((sw) => {
    sw.registerServiceWorker((worker) => {
      state.waiting = worker;
      renderChrome();
    });
    return api("/api/version");
  })
  .then((answer) => {
    state.version = answer && typeof answer.version === "string" ? answer.version : null;
    renderChrome();
  })
  .catch(() => {
    // The version is a courtesy; the app works without it.
  });
