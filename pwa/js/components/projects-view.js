/**
 * Flyttprojekt: the coordinator's move projects, latest day first, and a form for a new one
 * (name, address, an optional place in Delbar, the moving day). A created project opens at once.
 */
import { h } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { checkedField, textInput } from "./checked-field.js";
import { dayName } from "./day-board-card.js";
import { currentUser } from "../session.js";

/** Who runs projects; anyone else sees the projects they collaborate on. */
export const PROJECT_MANAGERS = ["coordinator", "admin"];

/** @returns {boolean} whether the signed-in person runs projects */
export function managesProjects() {
  return (currentUser()?.roles ?? []).some((role) => PROJECT_MANAGERS.includes(role));
}

/**
 * @param {{navigate: (path: string) => void}} props
 * @returns {HTMLElement}
 */
export function projectsView({ navigate }) {
  const manages = managesProjects();
  const status = h("p", { class: "projects-view__status", role: "status", "aria-live": "polite" });
  const list = h("ul", { class: "projects-view__list", "aria-labelledby": "projects-title" });
  const root = h("section", { class: "projects-view", "aria-labelledby": "projects-title" },
    h("h1", { id: "projects-title", tabindex: "-1", text: t("projects.title") }),
    h("p", { class: "projects-view__intro", text: t(manages ? "projects.intro" : "projects.intro_member") }),
    h("div", { class: "projects-view__columns" },
      h("div", { class: "projects-view__rows" }, status, list),
      manages ? createForm(navigate) : null));

  async function load() {
    root.setAttribute("aria-busy", "true");
    try {
      const rows = await api("/api/projects");
      list.append(...rows.map((/** @type {any} */ row) => projectRow(row)));
      status.textContent = rows.length ? "" : t(manages ? "projects.none" : "projects.none_member");
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status.textContent = error.status === 0 ? t("projects.load_failed") : errorText(error);
    } finally {
      root.removeAttribute("aria-busy");
    }
  }
  queueMicrotask(load);
  return root;
}

/** @param {any} row a ProjectSummary @returns {HTMLElement} */
function projectRow(row) {
  return h("li", { class: "projects-view__item" },
    h("a", { class: "projects-view__name", href: `/flyttprojekt/${row.id}`, text: row.name }),
    h("p", { class: "projects-view__meta",
             text: t("projects.when_where", { day: dayName(row.day, true), place: row.address || "–" }) }),
    h("p", { class: "projects-view__meta" },
      h("span", { class: `projects-view__status-chip projects-view__status-chip--${row.status}`,
                  text: t(`projects.status.${row.status}`) }),
      " ", t("projects.items_count", { count: row.item_count })));
}

/** @param {(path: string) => void} navigate @returns {HTMLElement} */
function createForm(navigate) {
  const name = checkedField("project-name", "projects.name", textInput({ name: "name", maxlength: "120", required: true }));
  const address = checkedField("project-address", "projects.address",
    textInput({ name: "address", maxlength: "200", autocomplete: "street-address" }));
  const place = checkedField("project-location", "projects.location",
    h("select", { name: "location_id" }, h("option", { value: "", text: t("projects.no_location") })));
  const day = checkedField("project-day", "projects.day", h("input", { type: "date", name: "day", required: true }));
  const error = h("p", { class: "projects-view__error", role: "alert" });
  const form = h("form", { class: "projects-view__form", "aria-labelledby": "project-new-title", novalidate: true },
    h("h2", { id: "project-new-title", text: t("projects.new") }),
    name.element, address.element, place.element, day.element, error,
    h("button", { type: "submit", class: "button button--primary", text: t("projects.create") }));
  api("/api/locations").then((rows) => {
    place.input.append(...rows.map((/** @type {any} */ r) => h("option", { value: r.id, text: r.name })));
  }).catch(() => {}); // without the places the address is enough
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.textContent = "";
    const first = name.check(name.input.value.trim() ? "" : t("projects.name_missing"))
      ?? day.check(day.input.value ? "" : t("projects.day_missing"));
    if (first) {
      first.focus();
      return;
    }
    try {
      const made = await api("/api/projects", { method: "POST", body: {
        id: crypto.randomUUID(), name: name.input.value.trim(), address: address.input.value.trim(),
        location_id: place.input.value || null, day: day.input.value } });
      navigate(`/flyttprojekt/${made.id}`);
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      const text = errorText(failure);
      if (failure.code === "day_out_of_range") day.check(text)?.focus();
      else error.textContent = text;
    }
  });
  return form;
}
