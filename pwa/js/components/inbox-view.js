/**
 * Meddelanden: the person's conversations, newest first, each with its subject's title and photo
 * and how many messages are unread.
 */
import { h } from "../dom.js";
import { errorText, getLanguage, t } from "../i18n.js";
import { api, ApiError } from "../api.js";

const PAGE = 20;

/** @returns {HTMLElement} */
export function inboxView() {
  const status = h("p", { class: "inbox-view__status", role: "status", "aria-live": "polite" });
  const count = h("p", { class: "inbox-view__count" });
  const list = h("ul", { class: "inbox-view__list", "aria-labelledby": "inbox-title" });
  const more = h("button", { type: "button", class: "button button--secondary", text: t("talk.more"), hidden: true });
  /** @type {string | null} */
  let before = null;

  async function load() {
    const view = /** @type {HTMLElement | null} */ (list.closest("section"));
    view?.setAttribute("aria-busy", "true");
    try {
      const query = before === null ? `?limit=${PAGE}` : `?limit=${PAGE}&before=${encodeURIComponent(before)}`;
      const page = await api(`/api/conversations${query}`);
      list.append(...page.items.map(entry));
      before = page.next_before;
      more.hidden = before === null;
      count.textContent = t("talk.unread_count", { count: page.unread_total });
      if (!list.children.length) status.textContent = t("talk.empty");
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status.textContent = error.status === 0 ? t("talk.load_failed") : errorText(error);
    } finally {
      view?.removeAttribute("aria-busy");
    }
  }

  more.addEventListener("click", () => load());
  queueMicrotask(load);
  return h("section", { class: "inbox-view", "aria-labelledby": "inbox-title" },
    h("h1", { id: "inbox-title", text: t("talk.title") }), count, status, list, more);
}

/** @param {any} item an InboxEntry */
function entry(item) {
  const unread = item.unread > 0;
  return h("li", { class: `inbox-view__item${unread ? " inbox-view__item--unread" : ""}` },
    h("a", { class: "inbox-view__link", href: `/meddelanden/${item.id}` },
      item.subject.photo_url
        ? h("img", { class: "inbox-view__photo", src: item.subject.photo_url, alt: "", width: 56, height: 56 })
        : h("span", { class: "inbox-view__photo inbox-view__photo--none", "aria-hidden": "true" }),
      h("span", { class: "inbox-view__text" },
        h("span", { class: "inbox-view__kind", text: t(`talk.kind.${item.subject.kind}`) }),
        h("span", { class: "inbox-view__title", text: item.subject.title }),
        item.preview ? h("span", { class: "inbox-view__preview", text: item.preview }) : null,
        h("time", { class: "inbox-view__time", datetime: item.last_message_at,
                    text: formatTime(new Date(item.last_message_at)) })),
      unread ? h("span", { class: "inbox-view__unread", text: t("talk.unread", { count: item.unread }) }) : null));
}

/** @param {Date} when */
export function formatTime(when) {
  return new Intl.DateTimeFormat(getLanguage() === "en" ? "en-GB" : "sv-SE", {
    dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Stockholm",
  }).format(when);
}
