/**
 * The start page after login: who you are, where you belong and how to log out.
 */
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { logoutControl } from "./logout-control.js";
import { notificationsNav } from "./notifications-nav.js";
import { fieldNav } from "./field-nav.js";
import { bookingsNav } from "./bookings-nav.js";
import { labelsNav } from "./labels-nav.js";
import { workNav } from "./work-nav.js";
import { catalogNav } from "./catalog-nav.js";
import { adminNav } from "./admin-nav.js";

/**
 * @param {object} props
 * @param {import("../session.js").User} props.user
 * @param {() => Promise<void>} props.onLogout rejects with ApiError when it cannot reach the server
 * @returns {HTMLElement}
 */
export function homeView({ user, onLogout }) {
  return h(
    "section",
    { class: "home-view", "aria-labelledby": "home-title" },
    h("h1", { id: "home-title", text: t("home.greeting", { name: user.name }) }),
    notificationsNav(),
    catalogNav(),
    bookingsNav(user),
    fieldNav(user),
    labelsNav(user),
    workNav(user),
    adminNav(user),
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
