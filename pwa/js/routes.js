/**
 * The app's screens by URL: the route table the router matches (router.js). A screen's module
 * is loaded only when its route is shown (import()), so the first visit fetches one screen, not
 * all of them; the server preloads that screen's modules with the shell (backend/web/assets.py
 * reads each route's import() here) and the service worker precaches the rest. Screens for
 * signed-in users send anyone else to the login.
 */
import { h } from "./dom.js";
import { errorText, t } from "./i18n.js";
import { currentUser } from "./session.js";

/** @typedef {import("./router.js").Route} Route */
/** @typedef {import("./router.js").View} View */

/**
 * @param {object} app what the views call back into
 * @param {(path: string) => void} app.go show another screen
 * @param {(email: string, password: string) => Promise<void>} app.onLogin
 * @param {() => Promise<void>} app.onLogout
 * @returns {Record<string, Route>} keyed by pathname; ":name" matches one segment
 */
export function appRoutes({ go, onLogin, onLogout }) {
  return {
    "/": () => {
      const user = currentUser();
      if (!user) return { redirect: "/login" };
      return view(t("home.title"), import("./components/home-view.js"), (m) => m.homeView({ user, onLogout, navigate: go }));
    },
    "/login": ({ sessionError }) => {
      if (currentUser()) return { redirect: nextPath(location.search) ?? "/" };
      const notice = !sessionError
        ? null
        : sessionError.status === 0 || sessionError.code === "offline"
          ? t("login.unreachable")
          : errorText(sessionError);
      return view(t("login.title"), import("./components/login-view.js"), (m) => m.loginView({ onLogin, notice }));
    },
    // Passwords by e-mail: asking for a link, and choosing a password from it (also after an invitation).
    "/glomt-losenord": () =>
      view(t("password.forgot_title"), import("./components/password-link-view.js"), (m) => m.forgotPasswordView()),
    "/losenord": () =>
      view(t("password.link_title"), import("./components/password-link-view.js"),
           (m) => m.passwordLinkView({ token: new URLSearchParams(location.search).get("nyckel") ?? "" })),
    "/tillganglighet": () =>
      view(t("a11y.title"), import("./components/accessibility-view.js"), (m) => m.accessibilityView()),
    // Bookings: request with the free days shown, my bookings, the approval queue, transport planning.
    "/boka/:id": ({ params }) =>
      signedIn(() => view(t("book.title"), import("./components/booking-form.js"),
                          (m) => m.bookingForm({ listingId: params.id, navigate: go }))),
    "/bokningar": () =>
      signedIn(() => view(t("bookings.mine_title"), import("./components/booking-list.js"),
                          (m) => m.bookingList({ view: "mine" }))),
    "/bokningar/:id": ({ params }) =>
      signedIn(() => view(t("booking.title"), import("./components/booking-view.js"),
                          (m) => m.bookingView({ bookingId: params.id }))),
    "/att-godkanna": () =>
      signedIn(() => view(t("bookings.queue_title"), import("./components/booking-list.js"),
                          (m) => m.bookingList({ view: "queue" }))),
    "/transporter": () =>
      signedIn(() => view(t("jobs.title"), import("./components/transport-planning.js"), (m) => m.transportPlanning())),
    "/dagplanering": () =>
      signedIn(() => view(t("board.title"), import("./components/day-board.js"), (m) => m.dayBoard())),
    // Conversations: the inbox and one conversation (the listing's "Skicka meddelande" starts one).
    "/meddelanden": () =>
      signedIn(() => view(t("talk.title"), import("./components/inbox-view.js"), (m) => m.inboxView())),
    "/meddelanden/:id": ({ params }) =>
      signedIn(() => view(t("talk.title"), import("./components/conversation-view.js"),
                          (m) => m.conversationView({ conversationId: params.id }))),
    "/notiser": () =>
      known(() => view(t("notes.title"), import("./components/notifications-view.js"), (m) => m.notificationsView())),
    "/notiser/installningar": () =>
      known(() => view(t("push.title"), import("./components/push-settings-view.js"), (m) => m.pushSettingsView())),
    // The field screens read the stored shift and the outbox, so they work with no network.
    "/skanna": () => known(() => view(t("scan.title"), import("./components/scan-view.js"), (m) => m.scanView())),
    "/dagen": () => known(() => view(t("shift.title"), import("./components/shift-view.js"), (m) => m.shiftView())),
    // Stocktakes: started online, counted through the outbox like every scan.
    "/inventering": () =>
      known(() => view(t("stocktake.title"), import("./components/stocktake-view.js"),
                       (m) => m.stocktakeView({ navigate: go }))),
    "/inventering/:id": ({ params }) =>
      known(() => view(t("stocktake.title"), import("./components/stocktake-view.js"),
                       (m) => m.stocktakeView({ stocktakeId: params.id, navigate: go }))),
    "/behover-atgard": () =>
      known(() => view(t("attention.title"), import("./components/attention-view.js"), (m) => m.attentionView())),
    // Labels and tracking: a phone camera lands on these from /Q/<code>.
    "/skriv-ut": () =>
      signedIn(() => view(t("print.title"), import("./components/print-view.js"), (m) => m.printView())),
    "/sakregister": () =>
      signedIn(() => view(t("register.title"), import("./components/item-register-view.js"),
                          (m) => m.itemRegisterView())),
    "/ta-emot": () =>
      signedIn(() => view(t("intake.title"), import("./components/intake-view.js"), (m) => m.intakeView())),
    "/sakregister/importera": () =>
      signedIn(() => view(t("regimport.title"), import("./components/register-import-view.js"),
                          (m) => m.registerImportView())),
    "/koppla": () =>
      signedIn(() => view(t("link.title"), import("./components/link-view.js"), (m) => m.linkView({ navigate: go }))),
    "/koppla/:code": ({ params }) =>
      signedIn(() => view(t("link.title"), import("./components/link-view.js"),
                          (m) => m.linkView({ code: params.code, navigate: go }))),
    // Repair before reuse: the AME's queue of items to mend, their work, and listing them when done.
    "/reparationer": () =>
      signedIn(() => view(t("repair.title"), import("./components/repair-view.js"), (m) => m.repairView())),
    "/sak/:id": ({ params }) =>
      signedIn(() => view(t("item.title"), import("./components/item-view.js"), (m) => m.itemView({ itemId: params.id }))),
    "/plats/:id": ({ params }) =>
      signedIn(() => view(t("place.title"), import("./components/location-view.js"),
                          (m) => m.locationView({ locationId: params.id, navigate: go }))),
    // The AME lead's queue and invoicing, the reports with their factors, and the purchase check.
    "/arbetsko": () =>
      signedIn(() => view(t("work.title"), import("./components/work-queue-view.js"), (m) => m.workQueueView())),
    "/anmalda-meddelanden": () =>
      signedIn(() => view(t("reports.title"), import("./components/reported-messages-view.js"),
                          (m) => m.reportedMessagesView())),
    // Move projects: register things before the day, list them in one go, plan the rest, report.
    "/flyttprojekt": () =>
      signedIn(() => view(t("projects.title"), import("./components/projects-view.js"),
                          (m) => m.projectsView({ navigate: go }))),
    "/flyttprojekt/:id": ({ params }) =>
      signedIn(() => view(t("projects.title"), import("./components/project-view.js"),
                          (m) => m.projectView({ projectId: params.id }))),
    "/fakturaunderlag": () =>
      signedIn(() => view(t("invoice.title"), import("./components/invoice-view.js"), (m) => m.invoiceView())),
    "/fakturaunderlag/kolumner": () =>
      signedIn(() => view(t("mapping.title"), import("./components/mapping-view.js"), (m) => m.mappingView())),
    "/rapport": () =>
      signedIn(() => view(t("report.title"), import("./components/impact-report-view.js"), (m) => m.impactReportView())),
    "/miljofaktorer": () =>
      signedIn(() => view(t("factors.title"), import("./components/factors-view.js"), (m) => m.factorsView())),
    "/inkopskontroll": () =>
      signedIn(() => view(t("check.title"), import("./components/purchase-check-view.js"), (m) => m.purchaseCheckView())),
    // The catalogue: search, one listing (also at /annonser/:id, where want notices point), create, edit, mine, wants.
    "/annonser": () =>
      signedIn(() => view(t("catalog.search_title"), import("./components/listing-search.js"),
                          (m) => m.listingSearch({ navigate: go }))),
    "/annonser/ny": () =>
      signedIn(() => view(t("catalog.new_title"), import("./components/listing-form.js"),
                          (m) => m.listingForm({ navigate: go }))),
    "/annonser/mina": () =>
      signedIn(() => view(t("catalog.mine_title"), import("./components/my-listings.js"),
                          (m) => m.myListings({ navigate: go }))),
    "/annons/:id": ({ params }) =>
      signedIn(() => view(t("catalog.listing"), import("./components/listing-view.js"),
                          (m) => m.listingView({ listingId: params.id, navigate: go }))),
    "/annonser/:id": ({ params }) =>
      signedIn(() => view(t("catalog.listing"), import("./components/listing-view.js"),
                          (m) => m.listingView({ listingId: params.id, navigate: go }))),
    "/annons/:id/andra": ({ params }) =>
      signedIn(() => view(t("catalog.edit_title"), import("./components/listing-form.js"),
                          (m) => m.listingForm({ navigate: go, listingId: params.id }))),
    "/efterlysningar": () =>
      signedIn(() => view(t("wants.title"), import("./components/wants-view.js"), (m) => m.wantsView())),
    // The municipality admin's screens; the server refuses anyone who is not an admin.
    "/admin": () => signedIn(() => view(t("admin.title"), import("./components/admin-view.js"), (m) => m.adminView())),
    "/admin/anvandare": () =>
      signedIn(() => view(t("admin.users_title"), import("./components/users-view.js"), (m) => m.usersView())),
    "/admin/importera": () =>
      signedIn(() => view(t("import.title"), import("./components/people-import-view.js"),
                          (m) => m.peopleImportView())),
    "/admin/enheter": () =>
      signedIn(() => view(t("admin.units_title"), import("./components/units-view.js"), (m) => m.unitsView())),
    "/admin/samverkan": () =>
      signedIn(() => view(t("admin.networks_title"), import("./components/networks-view.js"), (m) => m.networksView())),
    "/admin/inloggning": () =>
      signedIn(() => view(t("sso.title"), import("./components/sso-settings-view.js"), (m) => m.ssoSettingsView())),
    "/admin/meddelanden": () =>
      signedIn(() => view(t("retention.title"), import("./components/retention-view.js"), (m) => m.retentionView())),
    "/admin/faltlista": () =>
      signedIn(() => view(t("fields.title"), import("./components/register-fields-view.js"),
                          (m) => m.registerFieldsView())),
    "/admin/handelselogg": () =>
      signedIn(() => view(t("audit.title"), import("./components/audit-view.js"), (m) => m.auditView())),
  };
}

/** @type {Route} for a path no route matches */
export const notFound = () =>
  view(t("notfound.title"), import("./components/not-found-view.js"), (m) => m.notFoundView());

/**
 * Shown when a screen's module cannot be fetched (no network before the app was cached).
 * @returns {HTMLElement}
 */
export function loadFailed() {
  return h("section", { class: "not-found-view" },
    h("h1", { text: t("load_failed.title") }),
    h("p", { text: t("load_failed.body") }),
    h("p", {}, h("button", { type: "button", class: "button button--primary", text: t("load_failed.retry"),
                            onclick: () => location.reload() })));
}

/**
 * A screen whose module arrives later: the router shows it once it has loaded.
 * @template M
 * @param {string} title
 * @param {Promise<M>} module the screen's module, as import() gives it
 * @param {(module: M) => HTMLElement} build
 * @returns {View}
 */
function view(title, module, build) {
  return { title, element: module.then(build) };
}

/**
 * Where to go after signing in: ?next= when it is a path on this site (never another origin).
 * @param {string} search the query string, as location.search has it
 * @returns {string | null}
 */
export function nextPath(search) {
  const next = new URLSearchParams(search).get("next");
  return next && next.startsWith("/") && !next.startsWith("//") && !next.includes("\\") ? next : null;
}

/**
 * A view for signed-in users; others go to the login first and come back here afterwards.
 * @param {() => View} view
 */
function signedIn(view) {
  if (currentUser()) return view();
  return { redirect: `/login?next=${encodeURIComponent(location.pathname + location.search)}` };
}

/**
 * A view for signed-in users; others go to the login, which then shows the start page.
 * @param {() => View} view
 */
function known(view) {
  return currentUser() ? view() : { redirect: "/login" };
}
