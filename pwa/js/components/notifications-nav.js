/**
 * The way to the notification list from the start page, with the number of unread ones.
 */
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { api } from "../api.js";

/** @returns {HTMLElement} */
export function notificationsNav() {
  const badge = h("span", { class: "notifications-nav__badge", hidden: true });
  const link = h(
    "a",
    { class: "button button--secondary notifications-nav__link", href: "/notiser" },
    h("span", { text: t("notes.title") }),
    badge,
  );
  api("/api/notifications?limit=1")
    .then((page) => {
      if (!page.unread) return;
      badge.textContent = String(page.unread);
      badge.hidden = false;
      // The link's name carries the number for screen readers; the badge alone is visual.
      link.setAttribute("aria-label", `${t("notes.title")}, ${t("notes.unread_count", { count: page.unread })}`);
    })
    .catch(() => {
      // Offline or signed out: the link still works; the count is a courtesy.
    });
  return h("nav", { class: "notifications-nav", "aria-label": t("notes.title") }, link);
}
