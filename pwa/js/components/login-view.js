/**
 * The login form. Field mistakes are shown next to the field and the first one gets focus;
 * answers from the server (wrong credentials, too many tries) are announced through a live
 * region that both fields point to with aria-describedby.
 */
import { h } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { ApiError } from "../api.js";

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
  email.input.addEventListener("input", () => (draft.email = email.input.value));

  const status = h("p", {
    id: "login-error",
    class: "login-view__error",
    "aria-live": "assertive",
    "aria-atomic": "true",
  });
  const submit = h("button", { type: "submit", class: "button button--primary login-view__submit" });
  const label = h("span", { text: t("login.submit") });
  submit.append(label);

  let busy = false;
  /** @param {boolean} on */
  function setBusy(on) {
    busy = on;
    submit.setAttribute("aria-disabled", String(on));
    form.setAttribute("aria-busy", String(on));
    label.textContent = on ? t("login.busy") : t("login.submit");
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
    password.element,
    status,
    submit,
  );

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
