/**
 * The admin's overview (/admin): the municipality's users, units and networks in figures, each a
 * way to its screen, and invitations waiting for an answer. The figures come from the admin API,
 * so a person who is not an admin gets the server's refusal here too.
 */
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { api } from "../api.js";
import { currentUser } from "../session.js";
import { adminPage } from "./admin-page.js";

/** @returns {HTMLElement} */
export function adminView() {
  const users = h("p", { class: "admin-view__figure" });
  const units = h("p", { class: "admin-view__figure" });
  const networks = h("p", { class: "admin-view__figure" });
  const card = (/** @type {string} */ href, /** @type {string} */ key, /** @type {HTMLElement | null} */ figure,
                /** @type {string} */ about) =>
    h("li", { class: "admin-view__card" },
      h("h2", { class: "admin-view__name" }, h("a", { href, text: t(key) })),
      h("p", { class: "admin-view__about", text: t(about) }), figure);
  const list = h("ul", { class: "admin-view__list" },
    card("/admin/anvandare", "admin.users_title", users, "admin.users_about"),
    card("/admin/enheter", "admin.units_title", units, "admin.units_about"),
    card("/admin/samverkan", "admin.networks_title", networks, "admin.networks_about"),
    card("/admin/inloggning", "sso.title", null, "sso.about"),
    card("/admin/meddelanden", "retention.title", null, "retention.about"),
    card("/admin/faltlista", "fields.title", null, "fields.about"),
    card("/miljofaktorer", "factors.title", null, "admin.factors_about"),
    card("/admin/handelselogg", "audit.title", null, "audit.about"));
  const municipality = currentUser()?.municipality?.name ?? "";
  const page = adminPage({ id: "admin-view", titleKey: "admin.title", back: false,
                           intro: t("admin.intro", { municipality }) }, list);

  async function load() {
    page.busy(true);
    try {
      const [userRows, unitRows, networkRows] = await Promise.all([
        api("/api/users"), api("/api/units"), api("/api/networks")]);
      const inactive = userRows.filter((/** @type {any} */ u) => !u.active).length;
      users.textContent = t("admin.users_count", { count: userRows.length }) +
        (inactive ? ` ${t("admin.inactive_count", { count: inactive })}` : "");
      units.textContent = t("admin.units_count", { count: unitRows.length });
      const own = (/** @type {any} */ n) => n.members.find(
        (/** @type {any} */ m) => m.municipality.id === currentUser()?.municipality?.id)?.status;
      const invited = networkRows.filter((/** @type {any} */ n) => own(n) === "invited").length;
      networks.textContent = t("admin.networks_count", { count: networkRows.length - invited }) +
        (invited ? ` ${t("admin.invitations_count", { count: invited })}` : "");
    } catch (error) {
      list.remove();
      page.refuse(error);
    } finally {
      page.busy(false);
    }
  }

  queueMicrotask(load);
  return page.element;
}
