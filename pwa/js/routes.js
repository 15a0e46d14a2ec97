/**
 * The app's screens by URL: the route table the router matches (router.js). A view is built
 * only when its route is shown; screens for signed-in users send anyone else to the login.
 */
import { errorText, t } from "./i18n.js";
import { currentUser } from "./session.js";
import { loginView } from "./components/login-view.js";
import { homeView } from "./components/home-view.js";
import { accessibilityView } from "./components/accessibility-view.js";
import { notFoundView } from "./components/not-found-view.js";
import { workQueueView } from "./components/work-queue-view.js";
import { invoiceView } from "./components/invoice-view.js";
import { impactReportView } from "./components/impact-report-view.js";
import { factorsView } from "./components/factors-view.js";
import { purchaseCheckView } from "./components/purchase-check-view.js";
import { bookingForm } from "./components/booking-form.js";
import { bookingList } from "./components/booking-list.js";
import { bookingView } from "./components/booking-view.js";
import { transportPlanning } from "./components/transport-planning.js";
import { notificationsView } from "./components/notifications-view.js";
import { pushSettingsView } from "./components/push-settings-view.js";
import { printView } from "./components/print-view.js";
import { linkView } from "./components/link-view.js";
import { itemView } from "./components/item-view.js";
import { locationView } from "./components/location-view.js";
import { scanView } from "./components/scan-view.js";
import { shiftView } from "./components/shift-view.js";
import { attentionView } from "./components/attention-view.js";
import { listingSearch } from "./components/listing-search.js";
import { listingView } from "./components/listing-view.js";
import { listingForm } from "./components/listing-form.js";
import { myListings } from "./components/my-listings.js";
import { wantsView } from "./components/wants-view.js";
import { adminView } from "./components/admin-view.js";
import { usersView } from "./components/users-view.js";
import { unitsView } from "./components/units-view.js";
import { networksView } from "./components/networks-view.js";

/** @typedef {import("./router.js").Route} Route */

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
      return { title: t("home.title"), element: homeView({ user, onLogout }) };
    },
    "/login": ({ sessionError }) => {
      if (currentUser()) return { redirect: nextPath(location.search) ?? "/" };
      const notice = !sessionError
        ? null
        : sessionError.status === 0 || sessionError.code === "offline"
          ? t("login.unreachable")
          : errorText(sessionError);
      return { title: t("login.title"), element: loginView({ onLogin, notice }) };
    },
    "/tillganglighet": () => ({ title: t("a11y.title"), element: accessibilityView() }),
    // Bookings: request with the free days shown, my bookings, the approval queue, transport planning.
    "/boka/:id": ({ params }) =>
      signedIn(() => ({ title: t("book.title"), element: bookingForm({ listingId: params.id, navigate: go }) })),
    "/bokningar": () => signedIn(() => ({ title: t("bookings.mine_title"), element: bookingList({ view: "mine" }) })),
    "/bokningar/:id": ({ params }) =>
      signedIn(() => ({ title: t("booking.title"), element: bookingView({ bookingId: params.id }) })),
    "/att-godkanna": () =>
      signedIn(() => ({ title: t("bookings.queue_title"), element: bookingList({ view: "queue" }) })),
    "/transporter": () => signedIn(() => ({ title: t("jobs.title"), element: transportPlanning() })),
    "/notiser": () =>
      currentUser() ? { title: t("notes.title"), element: notificationsView() } : { redirect: "/login" },
    "/notiser/installningar": () =>
      currentUser() ? { title: t("push.title"), element: pushSettingsView() } : { redirect: "/login" },
    // The field screens read the stored shift and the outbox, so they work with no network.
    "/skanna": () => (currentUser() ? { title: t("scan.title"), element: scanView() } : { redirect: "/login" }),
    "/dagen": () => (currentUser() ? { title: t("shift.title"), element: shiftView() } : { redirect: "/login" }),
    "/behover-atgard": () =>
      currentUser() ? { title: t("attention.title"), element: attentionView() } : { redirect: "/login" },
    // Labels and tracking: a phone camera lands on these from /Q/<code>.
    "/skriv-ut": () => signedIn(() => ({ title: t("print.title"), element: printView() })),
    "/koppla": () => signedIn(() => ({ title: t("link.title"), element: linkView({ navigate: go }) })),
    "/koppla/:code": ({ params }) =>
      signedIn(() => ({ title: t("link.title"), element: linkView({ code: params.code, navigate: go }) })),
    "/sak/:id": ({ params }) => signedIn(() => ({ title: t("item.title"), element: itemView({ itemId: params.id }) })),
    "/plats/:id": ({ params }) =>
      signedIn(() => ({ title: t("place.title"), element: locationView({ locationId: params.id, navigate: go }) })),
    // The AME lead's queue and invoicing, the reports with their factors, and the purchase check.
    "/arbetsko": () => signedIn(() => ({ title: t("work.title"), element: workQueueView() })),
    "/fakturaunderlag": () => signedIn(() => ({ title: t("invoice.title"), element: invoiceView() })),
    "/rapport": () => signedIn(() => ({ title: t("report.title"), element: impactReportView() })),
    "/miljofaktorer": () => signedIn(() => ({ title: t("factors.title"), element: factorsView() })),
    "/inkopskontroll": () => signedIn(() => ({ title: t("check.title"), element: purchaseCheckView() })),
    // The catalogue: search, one listing (also at /annonser/:id, where want notices point), create, edit, mine, wants.
    "/annonser": () => signedIn(() => ({ title: t("catalog.search_title"), element: listingSearch({ navigate: go }) })),
    "/annonser/ny": () => signedIn(() => ({ title: t("catalog.new_title"), element: listingForm({ navigate: go }) })),
    "/annonser/mina": () =>
      signedIn(() => ({ title: t("catalog.mine_title"), element: myListings({ navigate: go }) })),
    "/annons/:id": ({ params }) =>
      signedIn(() => ({ title: t("catalog.listing"), element: listingView({ listingId: params.id }) })),
    "/annonser/:id": ({ params }) =>
      signedIn(() => ({ title: t("catalog.listing"), element: listingView({ listingId: params.id }) })),
    "/annons/:id/andra": ({ params }) =>
      signedIn(() => ({ title: t("catalog.edit_title"),
                        element: listingForm({ navigate: go, listingId: params.id }) })),
    "/efterlysningar": () => signedIn(() => ({ title: t("wants.title"), element: wantsView() })),
    // The municipality admin's screens; the server refuses anyone who is not an admin.
    "/admin": () => signedIn(() => ({ title: t("admin.title"), element: adminView() })),
    "/admin/anvandare": () => signedIn(() => ({ title: t("admin.users_title"), element: usersView() })),
    "/admin/enheter": () => signedIn(() => ({ title: t("admin.units_title"), element: unitsView() })),
    "/admin/samverkan": () => signedIn(() => ({ title: t("admin.networks_title"), element: networksView() })),
  };
}

/** @type {Route} for a path no route matches */
export const notFound = () => ({ title: t("notfound.title"), element: notFoundView() });

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
 * @param {() => {title: string, element: HTMLElement}} view
 */
function signedIn(view) {
  if (currentUser()) return view();
  return { redirect: `/login?next=${encodeURIComponent(location.pathname + location.search)}` };
}
