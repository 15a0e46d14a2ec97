/**
 * The login form, in two steps: the e-mail address first ("Fortsätt"); an address whose
 * municipality signs in through its own identity provider then gets "Logga in med <name>",
 * any other the password field. Field mistakes are shown next to the field and the first one
 * gets focus; answers from the server (wrong credentials, too many tries, a refused single
 * sign-on) are announced through a live region that the fields point to with aria-describedby.
 */
import { h } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { api, ApiError } from "../api.js";

// Why a sign-in through the provider came back refused (/login?sso_error=…); others read as "other".
const SSO_ERRORS = ["bad_state", "state_expired", "state_used", "provider_unreachable", "provider_refused",
  "code_refused", "bad_signature", "bad_token", "token_expired", "wrong_audience", "wrong_issuer", "bad_nonce",
  "no_email", "email_unverified", "email_domain", "other_municipality", "inactive", "no_provider",
  "provider_misconfigured", "rate_limited"];

// The typed e-mail survives a re-render (switching language); the password never does.
const draft = { email: "" };

/**
 * @param {object} props
 * @param {(email: string, password: string) => Promise<void>} props.onLogin rejects with ApiError
 * @param {string | null} [props.notice] shown above the form (e.g. the server is unreachable)
 * @returns {HTMLElement}
 */
export function loginView({ onLogin, notice = null }) {
  const email = field({
    id: "login-email",
    label: t("login.email"),
    type: "email",
    autocomplete: "username",
    inputmode: "email",
    autocapitalize: "none",
    spellcheck: "false",
    value: draft.email,
  });
  const password = field({
    id: "login-password",
    label: t("login.password"),
    type: "password",
    autocomplete: "current-password",
  });
  const passwordStep = h("div", { class: "login-view__password", hidden: true }, password.element);
  const ssoIntro = h("p", { id: "login-sso-intro", class: "login-view__sso-intro" });
  const ssoLink = /** @type {HTMLAnchorElement} */ (h("a", {
    class: "button button--primary login-view__sso", href: "/", "aria-describedby": "login-sso-intro" }));
  // Staff outside the directory may have a Delbar password on an address of the same domain.
  const usePassword = h("button", { type: "button", class: "button button--secondary login-view__use-password",
    text: t("login.use_password"), onclick: () => { show("password"); password.input.focus(); } });
  const ssoStep = h("div", { class: "login-view__sso-step", hidden: true }, ssoIntro, ssoLink, usePassword);
  /** @type {"email" | "password" | "sso"} */
  let step = "email";
  email.input.addEventListener("input", () => {
    draft.email = email.input.value;
    if (step !== "email") show("email");
  });

  const status = h("p", {
    id: "login-error",
    class: "login-view__error",
    "aria-live": "assertive",
    "aria-atomic": "true",
  });
  const submit = h("button", { type: "submit", class: "button button--primary login-view__submit" });
  const label = h("span", { text: t("login.continue") });
  submit.append(label);

  /** @param {"email" | "password" | "sso"} next */
  function show(next) {
    step = next;
    passwordStep.hidden = next !== "password";
    ssoStep.hidden = next !== "sso";
    submit.hidden = next === "sso";
    label.textContent = next === "password" ? t("login.submit") : t("login.continue");
  }

  /** Ask where this address signs in; a server that cannot say leaves the password, which always works. */
  async function route() {
    const address = email.input.value.trim();
    /** @type {{display_name: string, start_url: string} | null} */
    let provider = null;
    setBusy(true);
    try {
      provider = (await api(`/api/sso/discover?email=${encodeURIComponent(address)}`, { csrf: false })).provider;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    }
    setBusy(false);
    if (provider) {
      const next = new URLSearchParams(location.search).get("next");
      ssoLink.href = provider.start_url + (next && next.startsWith("/") ? `&next=${encodeURIComponent(next)}` : "");
      ssoLink.textContent = t("login.sso_button", { name: provider.display_name });
      ssoIntro.textContent = t("login.sso_intro", { name: provider.display_name });
      show("sso");
      ssoLink.focus();
    } else {
      show("password");
      password.input.focus();
    }
  }

  let busy = false;
  /** @param {boolean} on */
  function setBusy(on) {
    busy = on;
    submit.setAttribute("aria-disabled", String(on));
    form.setAttribute("aria-busy", String(on));
    label.textContent = on ? t("login.busy") : step === "password" ? t("login.submit") : t("login.continue");
  }

  /** @param {string} message  @param {boolean} credentialsWrong */
  function showStatus(message, credentialsWrong) {
    status.textContent = message;
    for (const f of [email, password]) {
      f.setDescribedBy(message ? "login-error" : null);
      if (credentialsWrong) f.input.setAttribute("aria-invalid", "true");
    }
  }

  /** @param {SubmitEvent} event */
  async function onSubmit(event) {
    event.preventDefault();
    if (busy) return;
    showStatus("", false);
    if (step === "sso") {
      location.assign(ssoLink.href);
      return;
    }
    if (step === "email") {
      const wrong = email.check(validateEmail(email.input.value));
      if (wrong) wrong.focus();
      else await route();
      return;
    }
    const problems = [
      email.check(validateEmail(email.input.value)),
      password.check(password.input.value ? "" : t("login.password_missing")),
    ];
    const firstBad = problems.find(Boolean);
    if (firstBad) {
      firstBad.focus();
      return;
    }
    setBusy(true);
    try {
      await onLogin(email.input.value.trim(), password.input.value);
      draft.email = "";
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setBusy(false);
      password.input.value = "";
      showStatus(errorText(error), error.code === "invalid_credentials");
    }
  }

  const form = h(
    "form",
    { class: "login-view__form", novalidate: true, "aria-labelledby": "login-title", onsubmit: onSubmit },
    email.element,
    passwordStep,
    status,
    ssoStep,
    submit,
  );
  const refused = new URLSearchParams(location.search).get("sso_error");
  if (refused) {
    showStatus(t(`login.sso_error.${SSO_ERRORS.includes(refused) ? refused : "other"}`), false);
  }

  return h(
    "section",
    { class: "login-view", "aria-labelledby": "login-title" },
    h("h1", { id: "login-title", text: t("login.title") }),
    h("p", { class: "login-view__intro", text: t("login.intro") }),
    notice ? h("p", { class: "login-view__notice", role: "status", text: notice }) : null,
    form,
    h("p", { class: "login-view__forgot" }, h("a", { href: "/glomt-losenord", text: t("login.forgot") })),
  );
}

/** @param {string} value */
function validateEmail(value) {
  const trimmed = value.trim();
  if (!trimmed) return t("login.email_missing");
  if (!/^[^\s@]+@[^\s@]+$/.test(trimmed)) return t("login.email_invalid");
  return "";
}

/**
 * A labelled input with its own error text.
 * @param {{id: string, label: string, value?: string} & Record<string, string>} options
 */
function field({ id, label, value = "", ...attrs }) {
  const errorId = `${id}-error`;
  const input = /** @type {HTMLInputElement} */ (
    h("input", { id, name: id.replace("login-", ""), class: "field__input", required: true, ...attrs })
  );
  input.value = value;
  const error = h("p", { id: errorId, class: "field__error", hidden: true });
  let formError = /** @type {string | null} */ (null);

  function describe() {
    const ids = [error.hidden ? null : errorId, formError].filter(Boolean);
    if (ids.length) input.setAttribute("aria-describedby", ids.join(" "));
    else input.removeAttribute("aria-describedby");
  }

  return {
    input,
    element: h("div", { class: "field" }, h("label", { for: id, class: "field__label", text: label }), error, input),
    /** @param {string} message empty when the value is fine @returns {HTMLInputElement | null} */
    check(message) {
      error.textContent = message;
      error.hidden = !message;
      if (message) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
      describe();
      return message ? input : null;
    },
    /** @param {string | null} id the form-level message this field should point to */
    setDescribedBy(id) {
      formError = id;
      describe();
    },
  };
}
