/**
 * The in-app notification list: everything Delbar told the user, newest first, whether or not a
 * push reached a phone (iOS without the app on the home screen gets no push at all).
 */
import { h } from "../dom.js";
import { errorText, getLanguage, t } from "../i18n.js";
import { api, ApiError } from "../api.js";

const PAGE = 20;

/** @returns {HTMLElement} */
export function notificationsView() {
  const status = h("p", { class: "notifications-view__status", role: "status", "aria-live": "polite" });
  const list = h("ul", { class: "notifications-view__list", "aria-labelledby": "notifications-title" });
  const more = h("button", { type: "button", class: "button button--secondary", text: t("notes.more"), hidden: true });
  const markAll = h("button", { type: "button", class: "button button--secondary", text: t("notes.mark_all"),
                                hidden: true });
  const count = h("p", { class: "notifications-view__count" });
  /** @type {number | null} */
  let before = null;
  let unread = 0;

  function showCount() {
    count.textContent = t("notes.unread_count", { count: unread });
    markAll.hidden = unread === 0;
  }

  async function load() {
    const view = /** @type {HTMLElement} */ (list.closest("section"));
    view?.setAttribute("aria-busy", "true");
    try {
      const query = before === null ? `?limit=${PAGE}` : `?limit=${PAGE}&before=${before}`;
      const page = await api(`/api/notifications${query}`);
      list.append(...page.items.map((/** @type {any} */ item) => entry(item, onRead)));
      before = page.next_before;
      unread = page.unread;
      more.hidden = before === null;
      showCount();
      if (!list.children.length) status.textContent = t("notes.empty");
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status.textContent = error.status === 0 ? t("notes.load_failed") : errorText(error);
    } finally {
      view?.removeAttribute("aria-busy");
    }
  }

  /** @param {HTMLElement} row @param {any} item */
  function onRead(row, item) {
    if (item.read_at) return;
    item.read_at = new Date().toISOString();
    row.classList.remove("notifications-view__item--unread");
    row.querySelector(".notifications-view__unread")?.remove();
    unread = Math.max(0, unread - 1);
    showCount();
    api(`/api/notifications/${item.id}/read`, { method: "POST" }).catch(() => {});
  }

  more.addEventListener("click", () => load());
  markAll.addEventListener("click", async () => {
    try {
      await api("/api/notifications/read", { method: "POST" });
      for (const row of list.querySelectorAll(".notifications-view__item--unread")) {
        row.classList.remove("notifications-view__item--unread");
        row.querySelector(".notifications-view__unread")?.remove();
      }
      unread = 0;
      showCount();
      status.textContent = t("notes.all_read");
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status.textContent = errorText(error);
    }
  });

  const view = h(
    "section",
    { class: "notifications-view", "aria-labelledby": "notifications-title" },
    h("h1", { id: "notifications-title", text: t("notes.title") }),
    count,
    h("p", {}, h("a", { href: "/notiser/installningar", text: t("notes.settings") })),
    markAll,
    status,
    list,
    more,
  );
  queueMicrotask(load);
  return view;
}

/**
 * @param {any} item a NotificationRead
 * @param {(row: HTMLElement, item: any) => void} onRead
 */
function entry(item, onRead) {
  const when = new Date(item.created_at);
  const row = h(
    "li",
    { class: `notifications-view__item${item.read_at ? "" : " notifications-view__item--unread"}` },
    h(
      "a",
      { class: "notifications-view__link", href: item.url || "/notiser" },
      item.read_at ? null : h("span", { class: "notifications-view__unread", text: t("notes.unread") }),
      h("span", { class: "notifications-view__title", text: item.title }),
      item.body ? h("span", { class: "notifications-view__body", text: item.body }) : null,
      h("time", { class: "notifications-view__time", datetime: item.created_at, text: formatTime(when) }),
    ),
  );
  row.querySelector("a")?.addEventListener("click", () => onRead(row, item));
  return row;
}

/** @param {Date} when */
function formatTime(when) {
  return new Intl.DateTimeFormat(getLanguage() === "en" ? "en-GB" : "sv-SE", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Stockholm",
  }).format(when);
}
