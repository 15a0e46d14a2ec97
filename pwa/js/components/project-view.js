/**
 * One move project, in the order the work happens: who is on it, the things registered ahead of
 * the day (title, category, quantity, an optional photo, each a draft listing), "Lägg ut allt"
 * with a share day, where each thing nobody took goes (one by one, or the rest at once), and the
 * report. Every answer redraws the page from the project the server returns.
 */
import { h, replaceChildren } from "../dom.js";
import { errorText, getLanguage, t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { checkedField, textInput } from "./checked-field.js";
import { dayName } from "./day-board-card.js";
import { categoryOptions, money } from "./listing-card.js";
import { photoPreview, uploadPhotos } from "./listing-photos.js";
import { photoPicker } from "./photo-picker.js";
import { managesProjects } from "./projects-view.js";

const ENDS = ["storage", "recycling", "disposal"];

/**
 * @param {{projectId: string}} props
 * @returns {HTMLElement}
 */
export function projectView({ projectId }) {
  const base = `/api/projects/${encodeURIComponent(projectId)}`;
  const status = h("p", { class: "project-view__status", role: "status", "aria-live": "polite" });
  const body = h("div", { class: "project-view__body" });
  const root = h("section", { class: "project-view", "aria-labelledby": "project-title" },
    h("p", { class: "project-view__back" }, h("a", { href: "/flyttprojekt", text: t("projects.back") })),
    body, status);
  /** @type {any[]} */
  let people = [];
  /** @type {any[]} */
  let categories = [];

  // A collaborator registers things and reads the report; the coordinator runs the rest.
  const manages = managesProjects();

  /** @param {any} project */
  function draw(project) {
    replaceChildren(body,
      header(project),
      h("div", { class: "project-view__columns" },
        h("div", { class: "project-view__main" },
          itemsSection(project, categories, act, base, manages),
          manages && (project.status === "planning"
            || project.items.some((/** @type {any} */ i) => i.listing_status === "draft"))
            ? listAllSection(project, act) : null,
          manages && project.status === "listed" ? restSection(act) : null,
          manages && project.status === "listed" ? closeSection(project, act) : null),
        h("div", { class: "project-view__side" },
          membersSection(project, people, act, manages),
          reportSection(base))));
  }

  /**
   * Send one change; on success redraw and say so, on failure show the reason where it belongs.
   * @param {string} path below the project
   * @param {string} method
   * @param {any} payload
   * @param {(project: any) => string} said
   * @param {HTMLElement} [errorAt]
   * @returns {Promise<any | null>} the project, or null when refused
   */
  async function act(path, method, payload, said, errorAt) {
    try {
      const project = await api(`${base}${path}`, { method, body: payload });
      draw(project);
      status.textContent = said(project);
      return project;
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      (errorAt ?? status).textContent = errorText(failure);
      return null;
    }
  }

  async function load() {
    root.setAttribute("aria-busy", "true");
    try {
      const [project, everyone, tree] = await Promise.all([
        api(base), manages ? api("/api/projects/people") : Promise.resolve([]),
        api("/api/categories").catch(() => [])]);
      people = everyone;
      categories = tree;
      draw(project);
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

/** @param {any} project @returns {HTMLElement} */
function header(project) {
  const place = [project.address, project.location?.name].filter(Boolean).join(", ") || "–";
  return h("header", { class: "project-view__header" },
    h("h1", { id: "project-title", tabindex: "-1", text: project.name }),
    h("p", { class: "project-view__meta", text: t("projects.when_where", { day: dayName(project.day, true), place }) }),
    h("p", { class: "project-view__meta" },
      h("span", { class: `projects-view__status-chip projects-view__status-chip--${project.status}`,
                  text: t(`projects.status.${project.status}`) }),
      project.share_day ? ` ${t("projects.share_day_is", { day: dayName(project.share_day, true) })}` : ""));
}

/**
 * @param {any} project
 * @param {any[]} people
 * @param {Function} act
 * @param {boolean} manages whether the person runs projects (collaborators only see who is on it)
 * @returns {HTMLElement}
 */
function membersSection(project, people, act, manages) {
  const editable = manages && project.status !== "closed";
  const ids = project.members.map((/** @type {any} */ m) => m.id);
  const error = h("p", { class: "project-view__error", role: "alert" });
  /** @param {string[]} memberIds */
  const save = (memberIds) => act("", "PUT", {
    name: project.name, address: project.address, location_id: project.location?.id ?? null, day: project.day,
    member_ids: memberIds, version: project.version }, () => t("projects.members_saved"), error);
  const choice = h("select", { name: "person" }, h("option", { value: "", text: t("projects.choose_person") }),
    ...people.filter((p) => !ids.includes(p.id)).map((p) => h("option", { value: p.id, text: p.name })));
  const field = checkedField("project-person", "projects.person", choice);
  return h("section", { class: "project-view__section", "aria-labelledby": "project-members" },
    h("h2", { id: "project-members", text: t("projects.members") }),
    project.members.length
      ? h("ul", { class: "project-view__members" }, ...project.members.map((/** @type {any} */ m) =>
        h("li", { class: "project-view__member" }, h("span", { text: m.name }),
          !editable ? null : h("button", { type: "button", class: "button button--secondary project-view__remove",
                        text: "×", "aria-label": t("projects.remove_member", { name: m.name }),
                        onclick: () => save(ids.filter((/** @type {string} */ id) => id !== m.id)) }))))
      : h("p", { text: t("projects.no_members") }),
    !editable ? null : h("form", { class: "project-view__inline", onsubmit: (/** @type {Event} */ event) => {
      event.preventDefault();
      if (choice.value) save([...ids, choice.value]);
    } }, field.element, h("button", { type: "submit", class: "button button--secondary", text: t("projects.add_member") })),
    error);
}

/**
 * @param {any} project
 * @param {any[]} categories
 * @param {Function} act
 * @param {string} base
 * @param {boolean} manages
 * @returns {HTMLElement}
 */
function itemsSection(project, categories, act, base, manages) {
  const listed = manages && project.status === "listed";
  return h("section", { class: "project-view__section", "aria-labelledby": "project-items" },
    h("h2", { id: "project-items", text: `${t("projects.items")} (${project.items.length})` }),
    project.items.length
      ? h("ul", { class: "project-view__items" }, ...project.items.map((/** @type {any} */ item) => itemRow(item, listed, act)))
      : h("p", { text: t("projects.no_items") }),
    project.status === "closed" ? null : registerForm(categories, act, base));
}

/** @param {any} item @param {boolean} listed @param {Function} act @returns {HTMLElement} */
function itemRow(item, listed, act) {
  const category = getLanguage() === "en" ? item.category_en : item.category_sv;
  const facts = [category, item.quantity > 1 ? `× ${item.quantity}` : null, t(`projects.listing.${item.listing_status}`)]
    .filter(Boolean).join(" · ");
  const titleId = `project-item-${item.id}`;
  let end = null;
  if (item.taken) {
    end = h("p", { class: "project-view__taken", text: t("projects.taken") });
  } else if (item.outcome && !listed) {
    end = h("p", { class: "project-view__taken", text: t(`projects.outcome.${item.outcome}`) });
  } else if (listed) {
    const error = h("p", { class: "project-view__error", role: "alert" });
    const select = h("select", { class: "field__input", id: `outcome-${item.id}`,
                                 "aria-label": t("projects.outcome_for", { title: item.title }),
                                 onchange: () => act("/outcomes", "PUT",
                                   { items: [{ id: item.id, outcome: select.value || null }] },
                                   () => t("projects.outcome_saved", { title: item.title,
                                     outcome: t(`projects.outcome.${select.value || "none"}`) }), error) },
      ...["", "reused", ...ENDS].map((value) => h("option", { value, selected: (item.outcome ?? "") === value,
                                                              text: t(`projects.outcome.${value || "none"}`) })));
    end = h("div", { class: "project-view__end" }, select, error);
  }
  return h("li", { class: "project-view__item", "data-item": item.id },
    item.thumbnail_url ? h("img", { src: item.thumbnail_url, alt: "", width: "56", height: "56" }) : null,
    h("div", { class: "project-view__item-text" },
      h("a", { id: titleId, href: `/annons/${item.listing_id}`, text: item.title }),
      h("p", { class: "project-view__meta", text: facts })),
    end);
}

/** @param {any[]} categories @param {Function} act @param {string} base @returns {HTMLElement} */
function registerForm(categories, act, base) {
  const title = checkedField("project-item-title", "projects.item_title", textInput({ name: "title", maxlength: "120" }));
  const category = checkedField("project-item-category", "projects.category",
    h("select", { name: "category_id" }, h("option", { value: "", text: t("projects.choose_category") }),
      ...categoryOptions(categories)));
  const quantity = checkedField("project-item-quantity", "projects.quantity",
    h("input", { type: "number", name: "quantity", min: "1", max: "10000", value: "1", inputmode: "numeric" }));
  const photo = photoPicker({ id: "project-item-photo", name: "photo", title: t("projects.photo"),
                              button: t("projects.photo_choose") });
  const error = h("p", { class: "project-view__error", role: "alert" });
  const form = h("form", { class: "project-view__register", "aria-labelledby": "project-register", novalidate: true },
    h("h3", { id: "project-register", text: t("projects.register") }),
    title.element, category.element, quantity.element, photo.element, photoPreview(photo.input), error,
    h("button", { type: "submit", class: "button button--primary", text: t("projects.add_item") }));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.textContent = "";
    const name = title.input.value.trim();
    const missing = title.check(name ? "" : t("projects.title_missing"));
    if (missing) {
      missing.focus();
      return;
    }
    const listingId = crypto.randomUUID();
    const files = [...photo.input.files ?? []];
    const payload = { id: listingId, title: name, category_id: category.input.value || null,
                      quantity: Number(quantity.input.value) || 1 };
    try {
      await api(`${base}/items`, { method: "POST", body: payload });
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      error.textContent = errorText(failure);
      return;
    }
    /** @type {string | null} */
    let photoProblem = null;
    try {
      if (files.length) await uploadPhotos(listingId, files.slice(0, 1));
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      photoProblem = errorText(failure);
    }
    const done = await act("", "GET", undefined, () => photoProblem
      ? t("projects.photo_failed", { reason: photoProblem }) : t("projects.item_added", { title: name }), error);
    if (done) document.getElementById("project-item-title")?.focus();
  });
  return form;
}

/** @param {any} project @param {Function} act @returns {HTMLElement} */
function listAllSection(project, act) {
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const day = checkedField("project-share-day", "projects.share_day",
    h("input", { type: "date", name: "share_day", min: tomorrow }));
  const error = h("p", { class: "project-view__error", role: "alert" });
  const form = h("form", { class: "project-view__section project-view__list-all", "aria-labelledby": "project-list-all",
                           novalidate: true },
    h("h2", { id: "project-list-all", text: t("projects.list_all") }),
    h("p", { text: t("projects.list_all_intro") }), day.element, error,
    h("button", { type: "submit", class: "button button--primary", text: t("projects.list_all") }));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.textContent = "";
    if (!day.input.value || day.input.value < tomorrow) {
      day.check(t("projects.share_day_missing"))?.focus();
      return;
    }
    const drafts = project.items.filter((/** @type {any} */ i) => i.listing_status === "draft").length;
    await act("/list-all", "POST", { share_day: day.input.value, version: project.version },
              () => t("projects.listed", { count: drafts }), error);
  });
  return form;
}

/** @param {Function} act @returns {HTMLElement} */
function restSection(act) {
  const choice = checkedField("project-rest", "projects.rest_to",
    h("select", { name: "outcome" }, ...ENDS.map((value) => h("option", { value, text: t(`projects.outcome.${value}`) }))));
  const error = h("p", { class: "project-view__error", role: "alert" });
  const form = h("form", { class: "project-view__section", "aria-labelledby": "project-rest-title" },
    h("h2", { id: "project-rest-title", text: t("projects.rest") }),
    h("p", { text: t("projects.rest_intro") }), choice.element, error,
    h("button", { type: "submit", class: "button button--primary", text: t("projects.rest_apply") }));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const outcome = choice.input.value;
    act("/rest", "POST", { outcome }, () => t("projects.rest_done", { outcome: t(`projects.outcome.${outcome}`) }), error);
  });
  return form;
}

/**
 * "Avsluta projektet": offered once every item has its end; the project is then read only.
 * @param {any} project @param {Function} act @returns {HTMLElement}
 */
function closeSection(project, act) {
  const undecided = project.items.filter((/** @type {any} */ i) => !i.taken && !i.outcome).length;
  const error = h("p", { class: "project-view__error", role: "alert" });
  return h("section", { class: "project-view__section", "aria-labelledby": "project-close-title" },
    h("h2", { id: "project-close-title", text: t("projects.close") }),
    undecided
      ? h("p", { text: t("projects.close_wait", { count: undecided }) })
      : h("p", { text: t("projects.close_intro") }),
    undecided ? null : h("button", { type: "button", class: "button button--primary", text: t("projects.close_button"),
      onclick: () => act("/close", "POST", { version: project.version }, () => t("projects.closed_done"), error) }),
    error);
}

/** @param {string} base @returns {HTMLElement} */
function reportSection(base) {
  const section = h("section", { class: "project-view__section project-view__report", "aria-labelledby": "project-report",
                                 "aria-busy": "true" },
    h("h2", { id: "project-report", text: t("projects.report") }));
  api(`${base}/report`).then((/** @type {any} */ report) => {
    section.removeAttribute("aria-busy");
    const number = (/** @type {number} */ n) => new Intl.NumberFormat(getLanguage() === "en" ? "en-GB" : "sv-SE").format(n);
    const fact = (/** @type {string} */ key, /** @type {string} */ value) =>
      [h("dt", { text: t(key) }), h("dd", { text: value })];
    section.append(
      h("dl", { class: "project-view__figures" },
        ...fact("projects.report_items", number(report.items)),
        ...fact("projects.report_reused", number(report.outcomes.reused)),
        ...fact("projects.report_co2e", t("projects.kg", { kg: number(report.co2e_kg) })),
        ...fact("projects.report_money", money(report.saved_ore)),
        ...fact("projects.report_waste", t("projects.kg_waste", { kg: number(report.waste_kg) }))),
      h("h3", { text: t("projects.where") }),
      h("table", { class: "project-view__where" },
        h("tbody", {}, ...["reused", ...ENDS, "open"].map((key) => h("tr", {},
          h("th", { scope: "row", text: t(key === "open" ? "projects.open" : `projects.outcome.${key}`) }),
          h("td", { text: number(report.outcomes[key]) }))))),
      h("p", { class: "project-view__factors", text: report.factors.length
        ? t("projects.factors", { sources: report.factors.map((/** @type {any} */ f) => f.source).join("; ") })
        : t("projects.no_factors") }));
  }).catch((error) => {
    if (!(error instanceof ApiError)) throw error;
    section.removeAttribute("aria-busy");
    section.append(h("p", { class: "project-view__error", text: errorText(error) }));
  });
  return section;
}
