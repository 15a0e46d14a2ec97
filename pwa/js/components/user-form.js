/**
 * A new user (POST /api/users): name, e-mail address (the login name), unit, roles, language and
 * the first password, which the admin hands over. Or an invitation (POST /api/invitations): the
 * same without a password; the person chooses theirs from the e-mailed link. Every field is
 * checked on the phone first and the first mistake gets focus; a taken address or a unit gone
 * meanwhile is told at its field.
 */
import { h } from "../dom.js";
import { errorText, LANGUAGE_NAMES, LANGUAGES, t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { emailProblem, nameProblem, passwordProblem } from "../admin-rules.js";
import { checkedField, textInput } from "./checked-field.js";
import { roleChoices } from "./role-choices.js";

/** @typedef {{id: string, name: string, cost_centre: string}} UnitRef */

/**
 * The units as options, each with its cost centre so two similar names can be told apart.
 * @param {UnitRef[]} units
 * @param {string} [selected] a unit id
 * @returns {HTMLElement[]}
 */
export function unitOptions(units, selected = "") {
  return units.map((u) => h("option", { value: u.id, selected: u.id === selected,
    text: u.cost_centre ? t("admin.unit_option", { name: u.name, cost_centre: u.cost_centre }) : u.name }));
}

/** @param {string} selected @returns {HTMLElement[]} */
export function languageOptions(selected) {
  return LANGUAGES.map((lang) => h("option", { value: lang, text: LANGUAGE_NAMES[lang], selected: lang === selected }));
}

/**
 * @param {object} props
 * @param {UnitRef[]} props.units
 * @param {(user: any) => Promise<void> | void} props.onCreated called with the user the server made
 * @param {boolean} [props.invite] send an invitation by e-mail instead of setting a first password
 * @returns {HTMLFormElement}
 */
export function userForm({ units, onCreated, invite = false }) {
  const prefix = invite ? "user-invite" : "user-new";
  const name = checkedField(`${prefix}-name`, "admin.user_name",
    textInput({ name: "name", maxlength: "200", autocomplete: "off", required: true }));
  const email = checkedField(`${prefix}-email`, "admin.email",
    textInput({ name: "email", type: "email", inputmode: "email", maxlength: "254", spellcheck: "false",
                required: true }), "admin.email_hint");
  const unit = checkedField(`${prefix}-unit`, "admin.unit",
    h("select", { name: "unit_id", required: true },
      h("option", { value: "", text: t("admin.choose_unit") }), unitOptions(units)));
  const roles = roleChoices(`${prefix}-role`, ["employee"]);
  const language = checkedField(`${prefix}-language`, "admin.language",
    h("select", { name: "language" }, languageOptions("sv")));
  const password = checkedField("user-new-password", "admin.first_password",
    textInput({ name: "password", maxlength: "200", autocomplete: "new-password", spellcheck: "false",
                required: true }), "admin.first_password_hint");
  const problem = h("p", { class: "admin-page__problem", role: "alert" });
  const submit = h("button", { type: "submit", class: "button button--primary",
                                text: t(invite ? "admin.invite_send" : "admin.user_create") });
  const form = /** @type {HTMLFormElement} */ (h("form", { class: "admin-form", novalidate: true },
    invite ? h("p", { class: "admin-page__note", text: t("admin.invite_about") }) : null,
    name.element, email.element, unit.element, roles.element, language.element,
    invite ? null : password.element, problem, submit));
  /** The new user's id, kept until they exist so a retried send cannot make two. */
  let clientId = crypto.randomUUID();
  let busy = false;

  function collect() {
    /** @type {Record<string, any>} */
    const body = { id: clientId, name: name.input.value.trim(), email: email.input.value.trim(),
                   unit_id: unit.input.value, roles: roles.values(), language: language.input.value };
    if (!invite) body.password = password.input.value;
    const firstBad = [
      name.check(nameProblem(body.name, "admin.user_name_missing")),
      email.check(emailProblem(body.email)),
      unit.check(body.unit_id ? "" : t("admin.unit_missing")),
      roles.check(body.roles.length ? "" : t("admin.roles_missing")),
      invite ? null : password.check(passwordProblem(body.password)),
    ].find(Boolean);
    if (!firstBad) return body;
    firstBad.focus();
    return null;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (busy) return;
    problem.textContent = "";
    const body = collect();
    if (!body) return;
    busy = true;
    submit.setAttribute("aria-disabled", "true");
    try {
      const made = await api(invite ? "/api/invitations" : "/api/users", { method: "POST", body });
      clientId = crypto.randomUUID();
      form.reset();
      await onCreated(invite ? { id: made.user_id, email: made.email, name: body.name } : made);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.code === "email_taken") email.check(errorText(error))?.focus();
      else if (error.code === "unknown_unit") unit.check(errorText(error))?.focus();
      else problem.textContent = errorText(error);
    } finally {
      busy = false;
      submit.removeAttribute("aria-disabled");
    }
  });
  return form;
}
