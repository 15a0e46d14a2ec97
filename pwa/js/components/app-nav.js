/**
 * The navigation that is always there for a signed-in person: a tab bar at the bottom of a
 * phone, a sidebar at desk width (app-nav.css switches at 64rem). The sidebar also lists the
 * screens that have no tab; on a phone the start page lists those (homeMore).
 */
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { currentDestination, destinationsFor } from "../destinations.js";
import { navIcon } from "./nav-icons.js";

/** @typedef {import("../destinations.js").Destination} Destination */

/**
 * @param {object} props
 * @param {{roles?: string[]}} props.user
 * @param {string} props.path the current location.pathname
 * @param {number | null} props.unread unread notifications, null while unknown
 * @param {number | null} [props.talk] unread messages in conversations, null while unknown
 * @returns {HTMLElement}
 */
export function appNav({ user, path, unread, talk = null }) {
  const { tabs, more } = destinationsFor(user);
  const current = currentDestination([...tabs, ...more], path);
  return h("nav", { class: "app-nav", "aria-label": t("nav.label") },
    h("ul", { class: "app-nav__tabs" }, tabs.map((place) => tab(place, place === current, unread))),
    more.length
      ? h("div", { class: "app-nav__more" },
        h("h2", { class: "app-nav__more-title", id: "app-nav-more", text: t("nav.more") }),
        destinationList(more, current, "app-nav-more", talk))
      : null);
}

/**
 * The screens without a tab, as a plain list of links (the sidebar's lower part, the start page).
 * @param {Destination[]} places
 * @param {Destination | undefined} current
 * @param {string} labelledBy id of the heading that names the list
 * @param {number | null} [talk] unread messages, shown beside "Meddelanden"
 * @returns {HTMLElement}
 */
export function destinationList(places, current, labelledBy, talk = null) {
  return h("ul", { class: "app-nav__list", "aria-labelledby": labelledBy },
    places.map((place) => {
      const talkLink = place.href === "/meddelanden";
      const counted = talkLink && talk ? talk : 0;
      const label = counted ? `${t(place.label)}, ${t("talk.unread_count", { count: counted })}` : null;
      const queued = talkLink ? h("span", { class: "app-nav__queued", hidden: true }) : null;
      const link = h("a", { class: "app-nav__item", href: place.href, "aria-current": place === current ? "page" : null,
                            "aria-label": label },
        navIcon(place.icon), h("span", { text: t(place.label) }), queued,
        counted ? h("span", { class: "app-nav__badge app-nav__badge--inline",
                              "data-count": counted > 99 ? "99+" : String(counted) }) : null);
      if (queued) countQueued(link, queued, t(place.label), counted ? t("talk.unread_count", { count: counted }) : "");
      return h("li", {}, link);
    }));
}

/**
 * Beside "Meddelanden": how many of the person's messages wait on the phone for the network, in
 * the link's name too; kept current as the queue changes (this tab, another, the worker).
 * @param {HTMLElement} link
 * @param {HTMLElement} note
 * @param {string} name the link's visible text
 * @param {string} unread the unread count in words, or ""
 */
function countQueued(link, note, name, unread) {
  Promise.all([import("../outbox/queue.js"), import("../outbox/owner.js")]).then(([queue, owners]) => {
    const refresh = async () => {
      if (!note.isConnected && note.dataset.mounted) return stop();
      const count = await queue.countMessages(await owners.currentOwner());
      note.dataset.mounted = "true";
      note.hidden = count === 0;
      note.textContent = count ? t("outbox.messages_short", { count }) : "";
      // The name starts with the visible text (WCAG 2.5.3); the unread count follows it in words.
      const shown = count ? `${name} ${note.textContent}` : name;
      if (unread) link.setAttribute("aria-label", `${shown}, ${unread}`);
      else link.removeAttribute("aria-label");
    };
    const stop = queue.onOutboxChange(() => refresh().catch(() => {}));
    refresh().catch(() => {});
  }).catch(() => {
    // Without the queue's modules the link still works; the count is a courtesy.
  });
}

/**
 * @param {Destination} place
 * @param {boolean} isCurrent
 * @param {number | null} unread
 */
function tab(place, isCurrent, unread) {
  const counted = place.href === "/notiser" && unread ? unread : 0;
  return h("li", { class: "app-nav__tab" },
    h("a", {
      class: "app-nav__link",
      href: place.href,
      "aria-current": isCurrent ? "page" : null,
      // The name carries the count in words; it starts with the visible text (WCAG 2.5.3).
      "aria-label": counted ? `${t(place.label)}, ${t("notes.unread_count", { count: counted })}` : null,
    },
    navIcon(place.icon),
    h("span", { class: "app-nav__text", text: t(place.label) }),
    // Drawn by CSS from data-count: the number is for the eye, the link's name says it in words.
    counted ? h("span", { class: "app-nav__badge", "data-count": counted > 99 ? "99+" : String(counted) }) : null));
}
