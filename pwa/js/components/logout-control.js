/**
 * Logging out on a phone that others use too. What this person queued is sent first while there
 * is a network; what is still unsent is named, and they choose: log out and leave it on the
 * phone for their next login (nobody else can send it), delete it and log out, or stay.
 */
import { h } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { ApiError } from "../api.js";
import { currentOwner } from "../outbox/owner.js";
import { discardOwn } from "../outbox/store.js";
import { announce } from "../outbox/queue.js";
import { sendBeforeLogout } from "../outbox/sync.js";

/**
 * @param {object} props
 * @param {() => Promise<void>} props.onLogout rejects with ApiError when it cannot reach the server
 * @returns {HTMLElement}
 */
export function logoutControl({ onLogout }) {
  const status = h("p", { id: "logout-error", class: "home-view__error", "aria-live": "assertive" });
  const logout = h("button", { type: "button", class: "button button--secondary home-view__logout", text: t("home.logout") });
  const question = h("div", { class: "logout-control__question", hidden: true });
  let busy = false;

  /** @param {string} key the button's text while working */
  function working(key) {
    busy = true;
    status.textContent = "";
    logout.setAttribute("aria-disabled", "true");
    logout.textContent = t(key);
  }
  function idle() {
    busy = false;
    logout.removeAttribute("aria-disabled");
    logout.textContent = t("home.logout");
  }

  /** @param {() => Promise<void>} [before] e.g. deleting the unsent scans */
  async function leave(before) {
    question.hidden = true;
    logout.hidden = false;
    working("home.logout_busy");
    try {
      if (before) await before();
      await onLogout();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      idle();
      logout.setAttribute("aria-describedby", "logout-error");
      status.textContent = errorText(error);
    }
  }

  /** @param {{scans: number, photos: number}} unsent */
  function ask(unsent) {
    const cancel = button("logout.cancel", "button--secondary", () => {
      question.hidden = true;
      logout.hidden = false;
      idle();
      logout.focus();
    });
    const anyway = button("logout.anyway", "button--primary", () => leave());
    const discard = button("logout.discard", "button--secondary logout-control__discard", () =>
      leave(async () => {
        const owner = await currentOwner();
        if (owner) await discardOwn(owner);
        announce();
      }),
    );
    question.replaceChildren(
      h("p", { id: "logout-unsent", class: "logout-control__unsent", text: unsentText(unsent) }),
      h("p", { id: "logout-kept", text: t("logout.kept") }),
      h("div", { class: "logout-control__actions" }, anyway, cancel, discard),
    );
    question.hidden = false;
    logout.hidden = true; // the question's own buttons are the way on
    anyway.focus();
  }

  logout.addEventListener("click", async () => {
    if (busy) return;
    working("logout.sending");
    const unsent = await sendBeforeLogout().catch(() => ({ scans: 0, photos: 0 }));
    if (unsent.scans || unsent.photos) ask(unsent);
    else await leave();
  });

  question.setAttribute("role", "alertdialog");
  question.setAttribute("aria-labelledby", "logout-unsent");
  question.setAttribute("aria-describedby", "logout-kept");
  return h("div", { class: "logout-control" }, status, question, logout);
}

/**
 * "3 skanningar och 1 foto har inte skickats än – logga ut ändå?"
 * @param {{scans: number, photos: number}} unsent
 */
function unsentText({ scans, photos }) {
  const parts = [scans ? t("logout.scans", { count: scans }) : "", photos ? t("logout.photos", { count: photos }) : ""];
  const what = parts.filter(Boolean).join(` ${t("logout.and")} `);
  return t("logout.unsent", { what, count: scans + photos });
}

/**
 * @param {string} key
 * @param {string} variant
 * @param {() => void} onClick
 */
function button(key, variant, onClick) {
  return h("button", { type: "button", class: `button ${variant}`, text: t(key), onclick: onClick });
}
