/**
 * My unit's listings (/annonser/mina): drafts, published, paused and closed, newest first, each
 * with its status in words and the steps its owners may take (edit, publish, pause, resume,
 * close). Coordinators and admins keep listings current for the departments: they pick any unit
 * of their municipality (?unit_id=, so the view can be reloaded and shared).
 */
import { h } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { currentUser } from "../session.js";
import { listingCard } from "./listing-card.js";
import { isStale, listingActions } from "./listing-actions.js";
import { field } from "./listing-search.js";

const MANAGERS = ["coordinator", "admin"];

/**
 * @param {{navigate: (path: string) => void}} props
 * @returns {HTMLElement}
 */
export function myListings({ navigate }) {
  const user = currentUser();
  const manager = Boolean(user?.roles?.some((role) => MANAGERS.includes(role)));
  const unitId = (manager && new URLSearchParams(location.search).get("unit_id")) || "";
  const status = h("p", { class: "my-listings__status", role: "status", "aria-live": "polite" });
  const list = h("ul", { class: "my-listings__list" });
  const units = h("select", { id: "my-listings-unit", name: "unit_id", class: "field__input" });
  const picker = manager ? h("form", { class: "my-listings__unit" },
    field("my-listings-unit", "catalog.unit", units),
    h("button", { type: "submit", class: "button button--secondary", text: t("catalog.show_unit") })) : null;
  picker?.addEventListener("submit", (event) => {
    event.preventDefault();
    const chosen = /** @type {HTMLSelectElement} */ (units).value;
    navigate(chosen && chosen !== user?.unit?.id ? `/annonser/mina?unit_id=${encodeURIComponent(chosen)}`
      : "/annonser/mina");
  });
  const section = h("section", { class: "my-listings", "aria-labelledby": "my-listings-title" },
    h("h1", { id: "my-listings-title", text: t("catalog.mine_title") }),
    h("p", {}, h("a", { class: "button button--primary", href: "/annonser/ny", text: t("catalog.new_title") })),
    picker, status, list);

  async function load() {
    section.setAttribute("aria-busy", "true");
    try {
      const query = unitId ? `?unit_id=${encodeURIComponent(unitId)}` : "";
      const [rows, unitRows] = await Promise.all([api(`/api/listings/mine${query}`),
                                                  manager ? api("/api/units") : Promise.resolve([])]);
      units.replaceChildren(...unitRows.map((/** @type {any} */ unit) =>
        h("option", { value: unit.id, text: unit.name, selected: unit.id === (unitId || user?.unit?.id) })));
      list.replaceChildren(...rows.map(row));
      status.textContent = rows.length ? "" : t("catalog.none_mine");
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status.textContent = errorText(error);
    } finally {
      section.removeAttribute("aria-busy");
    }
  }

  /** @param {any} listing */
  function row(listing) {
    const item = listingCard(listing, { alwaysStatus: true });
    if (!listing.can_edit) return item;
    item.append(listingActions({
      listing, named: true,
      onChanged: (changed, message) => {
        const next = row(changed);
        item.replaceWith(next);
        status.textContent = message;
        /** @type {HTMLElement | null} */ (next.querySelector(".listing-actions button") ??
                                           next.querySelector(".listing-actions a"))?.focus();
      },
      onError: async (error) => {
        if (!isStale(error)) {
          status.textContent = errorText(error);
          return;
        }
        await load();
        status.textContent = t("catalog.reloaded_after_conflict");
      },
    }));
    return item;
  }

  queueMicrotask(load);
  return section;
}
