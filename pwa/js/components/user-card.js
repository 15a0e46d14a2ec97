/**
 * One user on the admin's list: unit, roles and whether they can sign in, and behind "Change"
 * their name, unit, roles and language, deactivation (which signs them out everywhere, so the
 * button asks first), reactivation and a new password. Changes carry the version that was read.
 */
import { h } from "../dom.js";
import { errorText, getLanguage, t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { nameProblem, passwordProblem, roleName } from "../admin-rules.js";
import { checkedField, textInput } from "./checked-field.js";
import { confirmButton } from "./confirm-button.js";
import { roleChoices } from "./role-choices.js";
import { languageOptions, unitOptions } from "./user-form.js";

/**
 * @typedef {object} AdminUser as GET /api/users lists them
 * @property {string} id
 * @property {string} email
 * @property {string} name
 * @property {{id: string, name: string, cost_centre: string}} unit
 * @property {string[]} roles
 * @property {boolean} active
 * @property {string} language
 * @property {number} version
 */

/**
 * @typedef {object} CardContext
 * @property {{id: string, name: string, cost_centre: string}[]} units
 * @property {string | undefined} selfId the signed-in admin, who cannot lock themselves out
 * @property {(request: () => Promise<any>, done: (saved: any) => string, user: AdminUser) => Promise<void>} save
 *   sends a change; on success the list shows the saved user and `done` is announced
 */

/**
 * @param {AdminUser} user
 * @param {CardContext} context
 * @returns {HTMLElement}
 */
export function userCard(user, context) {
  const titleId = `user-${user.id}`;
  const self = user.id === context.selfId;
  const sessions = h("p", { class: "user-card__sessions" });
  const details = h("details", { class: "user-card__edit" },
    h("summary", { class: "admin-page__summary", text: t("admin.user_change", { name: user.name }) }));
  // The forms are built when first opened: a long list stays light, and only the open one is in the page.
  details.addEventListener("toggle", () => {
    if (!details.open) return;
    if (!sessions.isConnected) {
      details.append(detailsForm(user, context), h("h4", { text: t("admin.signing_in") }), sessions,
        ...(self ? [h("p", { class: "admin-page__note", text: t("admin.own_account_note") })]
          : [activeControl(user, context), passwordForm(user, context)]));
    }
    showSessions(user, sessions);
  });
  return h("li", { class: `user-card${user.active ? "" : " user-card--inactive"}`, "aria-labelledby": titleId,
                   "data-search": `${user.name} ${user.email}`.toLowerCase() },
    h("h3", { id: titleId, class: "user-card__name", tabindex: "-1", text: user.name }),
    h("p", { class: "user-card__email", text: user.email }),
    h("dl", { class: "user-card__facts" },
      fact(t("admin.unit"), user.unit.cost_centre
        ? t("admin.unit_option", { name: user.unit.name, cost_centre: user.unit.cost_centre }) : user.unit.name),
      fact(t("admin.roles"), user.roles.map(roleName).join(", ")),
      fact(t("admin.state"), t(user.active ? "admin.state_active" : "admin.state_inactive"))),
    details);
}

/** @param {string} term @param {string} value */
function fact(term, value) {
  return h("div", { class: "user-card__fact" }, h("dt", { text: term }), h("dd", { text: value }));
}

/** @param {AdminUser} user @param {CardContext} context */
function detailsForm(user, context) {
  const prefix = `user-${user.id}`;
  const name = checkedField(`${prefix}-name`, "admin.user_name",
    textInput({ name: "name", maxlength: "200", value: user.name, required: true }));
  const unit = checkedField(`${prefix}-unit`, "admin.unit",
    h("select", { name: "unit_id" }, unitOptions(context.units, user.unit.id)));
  const roles = roleChoices(`${prefix}-role`, user.roles);
  const language = checkedField(`${prefix}-language`, "admin.language",
    h("select", { name: "language" }, languageOptions(user.language)));
  const problem = h("p", { class: "admin-page__problem", role: "alert" });
  const form = h("form", { class: "admin-form", novalidate: true }, name.element, unit.element, roles.element,
    language.element, problem,
    h("button", { type: "submit", class: "button button--primary", text: t("admin.save") }));

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    problem.textContent = "";
    const values = { name: name.input.value.trim(), unit_id: unit.input.value, roles: roles.values(),
                     language: language.input.value };
    const firstBad = [name.check(nameProblem(values.name, "admin.user_name_missing")),
                      roles.check(values.roles.length ? "" : t("admin.roles_missing"))].find(Boolean);
    if (firstBad) {
      firstBad.focus();
      return;
    }
    /** @type {Record<string, any>} */
    const body = { version: user.version };
    if (values.name !== user.name) body.name = values.name;
    if (values.unit_id !== user.unit.id) body.unit_id = values.unit_id;
    if ([...values.roles].sort().join() !== [...user.roles].sort().join()) body.roles = values.roles;
    if (values.language !== user.language) body.language = values.language;
    if (Object.keys(body).length === 1) {
      problem.textContent = t("admin.nothing_changed");
      return;
    }
    await context.save(() => api(`/api/users/${user.id}`, { method: "PATCH", body }),
      (saved) => t("admin.user_saved", { name: saved.name }), user).catch(shownIn(problem));
  });
  return form;
}

/** @param {AdminUser} user @param {CardContext} context */
function activeControl(user, context) {
  const problem = h("p", { class: "admin-page__problem", role: "alert" });
  const change = (/** @type {boolean} */ active) => context.save(
    () => api(`/api/users/${user.id}`, { method: "PATCH", body: { version: user.version, active } }),
    (saved) => t(active ? "admin.user_reactivated" : "admin.user_deactivated", { name: saved.name }), user,
  ).catch(shownIn(problem));
  const control = user.active
    ? confirmButton({ label: t("admin.deactivate", { name: user.name }),
                      question: t("admin.deactivate_question", { name: user.name }),
                      yes: t("admin.deactivate_yes"), onConfirm: () => change(false) })
    : h("button", { type: "button", class: "button button--secondary", text: t("admin.reactivate", { name: user.name }),
                    onclick: () => change(true) });
  return h("div", { class: "user-card__active" },
    h("p", { class: "user-card__hint", text: t(user.active ? "admin.deactivate_hint" : "admin.reactivate_hint") }),
    problem, control);
}

/** @param {AdminUser} user @param {CardContext} context */
function passwordForm(user, context) {
  const password = checkedField(`user-${user.id}-password`, "admin.new_password",
    textInput({ name: "password", maxlength: "200", autocomplete: "new-password", spellcheck: "false" }),
    "admin.new_password_hint");
  const problem = h("p", { class: "admin-page__problem", role: "alert" });
  const form = /** @type {HTMLFormElement} */ (h("form", { class: "admin-form user-card__password", novalidate: true },
    password.element, problem,
    h("button", { type: "submit", class: "button button--secondary",
                  text: t("admin.set_password", { name: user.name }) })));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    problem.textContent = "";
    const value = password.input.value;
    if (password.check(passwordProblem(value))) {
      password.input.focus();
      return;
    }
    await context.save(() => api(`/api/users/${user.id}/password`, { method: "POST", body: { password: value } }),
      () => t("admin.password_set", { name: user.name }), user).catch(shownIn(problem));
  });
  return form;
}

/**
 * How many devices the user is signed in on and when they were last seen (GET .../sessions).
 * @param {AdminUser} user @param {HTMLElement} line
 */
async function showSessions(user, line) {
  line.textContent = t("common.loading");
  try {
    /** @type {{last_seen_at: string}[]} */
    const rows = await api(`/api/users/${user.id}/sessions`);
    if (!rows.length) {
      line.textContent = t("admin.sessions_none");
      return;
    }
    const latest = rows.map((r) => Date.parse(r.last_seen_at)).reduce((a, b) => Math.max(a, b));
    const when = new Intl.DateTimeFormat(getLanguage() === "en" ? "en-GB" : "sv-SE",
      { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Stockholm" }).format(new Date(latest));
    line.textContent = t("admin.sessions", { count: rows.length, when });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    line.textContent = errorText(error);
  }
}

/** @param {HTMLElement} problem @returns {(error: unknown) => void} */
function shownIn(problem) {
  return (error) => {
    if (!(error instanceof ApiError)) throw error;
    problem.textContent = errorText(error);
  };
}
