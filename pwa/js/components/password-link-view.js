/**
 * Passwords by e-mail, without signing in: asking for a link when the password is forgotten
 * (/glomt-losenord), and choosing a password from the link in the e-mail (/losenord?nyckel=…),
 * which is also where an invited person sets their first one. The server answers the same
 * whether or not an address has an account, so this screen says the same too.
 */
import { h } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { emailProblem, passwordProblem } from "../admin-rules.js";
import { checkedField, textInput } from "./checked-field.js";

/** @param {string} id @param {string} titleKey @param {string} introKey @param {...any} children */
function page(id, titleKey, introKey, ...children) {
  return h("section", { class: "login-view", "aria-labelledby": `${id}-title` },
    h("h1", { id: `${id}-title`, text: t(titleKey) }),
    h("p", { class: "login-view__intro", text: t(introKey) }),
    ...children);
}

/**
 * Run a form's submit once at a time, saying on its button that it is working.
 * @param {HTMLFormElement} form @param {HTMLElement} submit @param {string} busyKey
 * @param {() => Promise<void>} work
 */
function onSubmit(form, submit, busyKey, work) {
  let busy = false;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    const label = submit.textContent;
    submit.setAttribute("aria-disabled", "true");
    submit.textContent = t(busyKey);
    form.setAttribute("aria-busy", "true");
    try {
      await work();
    } finally {
      busy = false;
      submit.removeAttribute("aria-disabled");
      submit.textContent = label;
      form.removeAttribute("aria-busy");
    }
  });
}

/** @returns {HTMLElement} */
export function forgotPasswordView() {
  const email = checkedField("forgot-email", "login.email",
    textInput({ type: "email", inputmode: "email", autocomplete: "username", autocapitalize: "none",
                spellcheck: "false", maxlength: "254", required: true }));
  const status = h("p", { class: "login-view__notice", role: "status", "aria-live": "polite", hidden: true });
  const problem = h("p", { class: "login-view__error", role: "alert" });
  const submit = h("button", { type: "submit", class: "button button--primary login-view__submit",
                               text: t("password.send_link") });
  const form = /** @type {HTMLFormElement} */ (h("form", { class: "login-view__form", novalidate: true },
    email.element, problem, submit));
  onSubmit(form, submit, "password.sending", async () => {
    problem.textContent = "";
    const address = email.input.value.trim();
    const bad = email.check(emailProblem(address));
    if (bad) {
      bad.focus();
      return;
    }
    try {
      await api("/api/password-links", { method: "POST", body: { email: address } });
      status.textContent = t("password.link_sent", { email: address });
      status.hidden = false;
      form.hidden = true;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      problem.textContent = error.status === 0 ? t("password.offline") : errorText(error);
    }
  });
  return page("forgot", "password.forgot_title", "password.forgot_intro", form, status,
              h("p", { class: "login-view__forgot" }, h("a", { href: "/login", text: t("password.back_to_login") })));
}

/**
 * @param {object} props
 * @param {string} props.token the link's key (?nyckel=)
 * @returns {HTMLElement}
 */
export function passwordLinkView({ token }) {
  const password = checkedField("link-password", "password.new",
    textInput({ type: "password", autocomplete: "new-password", maxlength: "200", required: true }),
    "password.new_hint");
  const again = checkedField("link-password-again", "password.again",
    textInput({ type: "password", autocomplete: "new-password", maxlength: "200", required: true }));
  const who = h("p", { class: "login-view__notice", role: "status", "aria-live": "polite" });
  const problem = h("p", { class: "login-view__error", role: "alert" });
  const submit = h("button", { type: "submit", class: "button button--primary login-view__submit",
                               text: t("password.save") });
  const form = /** @type {HTMLFormElement} */ (h("form", { class: "login-view__form", novalidate: true, hidden: true },
    h("input", { type: "email", name: "username", autocomplete: "username", hidden: true, id: "link-username" }),
    password.element, again.element, problem, submit));
  const done = h("p", { class: "login-view__forgot", hidden: true }, h("a", { class: "button button--primary", href: "/login",
                                                  text: t("password.to_login") }));
  const section = page("link", "password.link_title", "password.link_intro", who, form, done);
  section.setAttribute("aria-busy", "true");

  /** @param {unknown} error */
  function refused(error) {
    if (!(error instanceof ApiError)) throw error;
    form.hidden = true;
    who.textContent = error.code === "invalid_link" || error.status === 400 ? t("password.link_invalid")
      : error.status === 0 ? t("password.offline") : errorText(error);
    done.hidden = false;
  }

  api(`/api/password-links/${encodeURIComponent(token)}`).then((link) => {
    who.textContent = t(link.purpose === "invite" ? "password.welcome" : "password.for", { email: link.email });
    /** @type {HTMLInputElement} */ (form.querySelector("#link-username")).value = link.email;
    form.hidden = false;
  }, refused).finally(() => section.removeAttribute("aria-busy"));

  onSubmit(form, submit, "password.saving", async () => {
    problem.textContent = "";
    const first = password.input.value;
    const bad = [
      password.check(passwordProblem(first)),
      again.check(first && again.input.value !== first ? t("password.mismatch") : ""),
    ].find(Boolean);
    if (bad) {
      bad.focus();
      return;
    }
    try {
      await api("/api/password-links/password", { method: "POST", body: { token, password: first } });
      form.hidden = true;
      who.textContent = t("password.saved");
      done.hidden = false;
    } catch (error) {
      if (error instanceof ApiError && error.code !== "invalid_link" && error.status !== 0) {
        problem.textContent = errorText(error);
        return;
      }
      refused(error);
    }
  });
  return section;
}
