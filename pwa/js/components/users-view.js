/**
 * The municipality's users (/admin/anvandare): who they are, their unit, roles and whether they
 * can sign in; a new user; a filter for long lists. Only admins may read the list: anyone else
 * gets the server's refusal and nothing more.
 */
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { currentUser } from "../session.js";
import { adminPage } from "./admin-page.js";
import { userCard } from "./user-card.js";
import { userForm } from "./user-form.js";

/** @returns {HTMLElement} */
export function usersView() {
  const content = h("div", { class: "users-view__content" });
  const page = adminPage({ id: "users-view", titleKey: "admin.users_title", intro: t("admin.users_intro") }, content);
  const list = h("ul", { class: "users-view__list", "aria-labelledby": "users-view-list" });
  const heading = h("h2", { id: "users-view-list", text: t("admin.users_list") });
  const filter = h("input", { id: "users-view-filter", type: "search", class: "field__input", autocomplete: "off",
                              "aria-describedby": "users-view-shown" });
  const shown = h("p", { id: "users-view-shown", class: "users-view__shown", "aria-live": "polite" });
  /** @type {import("./user-card.js").CardContext} */
  const context = { units: [], selfId: currentUser()?.id, save };

  /** @param {string} [focusId] the user whose heading gets focus afterwards */
  async function load(focusId) {
    page.busy(true);
    try {
      const [users, units] = await Promise.all([api("/api/users"), api("/api/units")]);
      context.units = units;
      if (!content.firstChild) content.append(...layout(units));
      heading.textContent = t("admin.users_list_count", { count: users.length });
      list.replaceChildren(...users.map((/** @type {any} */ user) => userCard(user, context)));
      applyFilter();
      if (focusId) /** @type {HTMLElement | null} */ (list.querySelector(`#user-${focusId}`))?.focus();
      return true;
    } catch (error) {
      page.refuse(error);
      return false;
    } finally {
      page.busy(false);
    }
  }

  /** The form and list appear only once the server has agreed to show them. */
  function layout(/** @type {any[]} */ units) {
    return [
      h("p", { class: "users-view__import" },
        h("a", { href: "/admin/importera", class: "button button--secondary", text: t("import.open") })),
      inviteDetails(units),
      h("details", { class: "admin-page__create" },
        h("summary", { class: "admin-page__summary", text: t("admin.user_new") }),
        userForm({ units, onCreated })),
      heading,
      h("div", { class: "field users-view__filter", role: "search" },
        h("label", { class: "field__label", for: filter.id, text: t("admin.users_filter") }), filter, shown),
      list,
    ];
  }

  /** @param {any} user */
  async function onCreated(user) {
    await load();
    page.say(t("admin.user_created", { name: user.name, email: user.email }));
  }

  /**
   * "Bjud in": its form exists only while it is open, so the page never holds two fields with
   * the same label (this form's and the one below it for adding with a first password).
   * @param {any[]} units
   */
  function inviteDetails(units) {
    const details = h("details", { class: "admin-page__create" },
      h("summary", { class: "admin-page__summary", text: t("admin.invite_new") }));
    details.addEventListener("toggle", () => {
      const open = /** @type {HTMLDetailsElement} */ (details).open;
      if (open && details.children.length === 1) details.append(userForm({ units, onCreated: onInvited, invite: true }));
      if (!open && details.children.length > 1) details.lastElementChild?.remove();
    });
    return details;
  }

  /** @param {any} user */
  async function onInvited(user) {
    await load();
    page.say(t("admin.user_invited", { name: user.name, email: user.email }));
  }

  /** @type {import("./user-card.js").CardContext["save"]} */
  async function save(request, done, user) {
    try {
      const saved = await request();
      await load(user.id);
      page.say(done(saved ?? user));
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== "stale_version") throw error;
      // Someone else saved first: show what is there now and let the admin decide again.
      if (await load(user.id)) page.warn(t("admin.user_stale", { name: user.name }));
    }
  }

  function applyFilter() {
    const words = /** @type {HTMLInputElement} */ (filter).value.trim().toLowerCase();
    const cards = [...list.children];
    for (const card of cards) {
      /** @type {HTMLElement} */ (card).hidden = Boolean(words) && !card.getAttribute("data-search")?.includes(words);
    }
    const visible = cards.filter((card) => !(/** @type {HTMLElement} */ (card).hidden)).length;
    shown.textContent = words ? t("admin.users_shown", { count: visible, total: cards.length }) : "";
  }

  filter.addEventListener("input", applyFilter);
  queueMicrotask(() => load());
  return page.element;
}
