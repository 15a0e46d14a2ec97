/**
 * The start page after login: a search, what waits on me, what is new near me, my open
 * bookings and wants, then my account. Each card fetches its own data and shows when it has it.
 */
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { api } from "../api.js";
import { destinationsFor } from "../destinations.js";
import { destinationList } from "./app-nav.js";
import { logoutControl } from "./logout-control.js";
import { outboxStatus } from "./outbox-status.js";
import { homeSearch } from "./home-search.js";
import { homeWaiting } from "./home-waiting.js";
import { homeNearby } from "./home-nearby.js";
import { homeBookings, openBookings } from "./home-bookings.js";
import { homeWants } from "./home-wants.js";

/** Roles whose phone keeps scans in the outbox; they see its counter first. */
const FIELD_ROLES = ["driver", "warehouse", "admin"];

/**
 * @param {object} props
 * @param {import("../session.js").User} props.user
 * @param {() => Promise<void>} props.onLogout rejects with ApiError when it cannot reach the server
 * @param {(path: string) => void} props.navigate
 * @returns {HTMLElement}
 */
export function homeView({ user, onLogout, navigate }) {
  const data = load(user);
  const { more } = destinationsFor(user);
  return h(
    "section",
    { class: "home-view", "aria-labelledby": "home-title" },
    h("h1", { id: "home-title", text: t("home.greeting", { name: user.name }) }),
    homeSearch({ navigate }),
    user.roles?.some((role) => FIELD_ROLES.includes(role)) ? outboxStatus() : null,
    h("div", { class: "home-view__grid" },
      homeWaiting(data.waiting),
      homeNearby({ user, data: data.nearby }),
      homeBookings(data.mine),
      homeWants(data.wants)),
    // On a phone the screens without a tab are here; at desk width the sidebar lists them.
    more.length
      ? h("section", { class: "home-view__more", "aria-labelledby": "home-more" },
        h("h2", { id: "home-more", text: t("nav.more") }),
        destinationList(more, undefined, "home-more"))
      : null,
    h(
      "section",
      { class: "home-view__card", "aria-labelledby": "account-title" },
      h("h2", { id: "account-title", text: t("home.account") }),
      h(
        "dl",
        { class: "home-view__facts" },
        fact(t("home.municipality"), user.municipality?.name),
        fact(t("home.unit"), user.unit?.name),
        fact(t("home.cost_centre"), user.unit?.cost_centre),
        fact(t("home.email"), breakable(user.email)),
        fact(t("home.roles"), roleList(user.roles)),
      ),
    ),
    logoutControl({ onLogout }),
  );
}

/**
 * Every request the start page makes, started together; the cards share the answers.
 * @param {import("../session.js").User} user
 */
function load(user) {
  const mine = api("/api/bookings?view=mine");
  const wants = Promise.all([api("/api/wants?show=mine"), api("/api/wants/matches")])
    .then(([list, matches]) => ({ wants: list, matches }));
  // Not everyone answers requests: a refusal counts as nothing to answer.
  const queue = api("/api/bookings?view=queue&status=requested").catch(() => []);
  const unread = api("/api/notifications?limit=1").then((page) => Number(page?.unread ?? 0)).catch(() => 0);
  const waiting = Promise.all([unread, queue, mine.catch(() => []), wants.catch(() => ({ wants: [], matches: [] }))])
    .then(([n, requests, bookings, found]) => ({
      unread: n,
      approve: requests.length,
      toReturn: openBookings(bookings).filter((booking) => booking.next_step === "return_by_end").length,
      matches: openMatches(found).length,
    }));
  const municipality = user.municipality?.id
    ? api(`/api/listings?${new URLSearchParams({ municipality_id: user.municipality.id, per_page: "8" })}`)
    : Promise.resolve({ results: [] });
  // Only the few newest published of my unit: a unit of a big municipality may have hundreds.
  const unit = api(`/api/listings/mine?${new URLSearchParams({ status: "published", sort: "newest", limit: "8" })}`);
  const nearby = Promise.all([unit, municipality, api("/api/listings?per_page=24")])
    .then(([unit, near, all]) => ({ unit, municipality: near.results, network: all.results }));
  return { mine, wants, waiting, nearby };
}

/**
 * Matches of the wants still open (a closed want's matches no longer wait on anyone).
 * @param {{wants: any[], matches: any[]}} found
 */
function openMatches({ wants, matches }) {
  const open = new Set(wants.filter((want) => want.status === "open").map((want) => want.id));
  return matches.filter((match) => open.has(match.want_id));
}

/**
 * @param {string} term
 * @param {string | HTMLElement | undefined} value
 */
function fact(term, value) {
  if (value === undefined || value === null || value === "") return null;
  return h("div", { class: "home-view__fact" }, h("dt", { text: term }), h("dd", {}, value));
}

/**
 * Let a long e-mail address wrap before "@" and ".", not in the middle of a word.
 * @param {string | undefined} text
 */
function breakable(text) {
  if (!text) return undefined;
  const parts = text.split(/(?=[@.])/);
  return h("span", {}, parts.flatMap((part, i) => (i ? [h("wbr"), part] : [part])));
}

/** @param {string[]} roles */
function roleList(roles = []) {
  // An unknown role from a newer server shows its code rather than disappearing.
  const names = roles.map((role) => {
    const name = t(`role.${role}`);
    return name === `role.${role}` ? role : name;
  });
  return h("ul", { class: "home-view__roles" }, names.map((name) => h("li", { text: name })));
}
