/**
 * Anmälda meddelanden: the coordinator's list of messages reported in their municipality's
 * conversations, newest report first. Each shows the text, who reported it and when, a link to the
 * conversation, and two answers: hide the message, or keep it (the report is dismissed). Either
 * way the report leaves the list.
 */
import { h } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { formatTime } from "./inbox-view.js";

const PAGE = 20;

/** @returns {HTMLElement} */
export function reportedMessagesView() {
  const status = h("p", { class: "reported-view__status", role: "status", "aria-live": "polite" });
  const list = h("ul", { class: "reported-view__list", "aria-labelledby": "reported-title" });
  const more = h("button", { type: "button", class: "button button--secondary", text: t("talk.more"), hidden: true });
  const root = h("section", { class: "reported-view", "aria-labelledby": "reported-title" },
    h("p", { class: "reported-view__back" }, h("a", { href: "/arbetsko", text: t("reports.back") })),
    h("h1", { id: "reported-title", tabindex: "-1", text: t("reports.title") }),
    h("p", { class: "reported-view__intro", text: t("reports.intro") }), status, list, more);
  /** @type {string | null} */
  let before = null;

  async function load() {
    root.setAttribute("aria-busy", "true");
    try {
      const query = before === null ? `?limit=${PAGE}` : `?limit=${PAGE}&before=${encodeURIComponent(before)}`;
      const page = await api(`/api/conversations/reports${query}`);
      list.append(...page.items.map((/** @type {any} */ entry) => report(entry, answered)));
      before = page.next_before;
      more.hidden = before === null;
      if (!list.children.length) status.textContent = t("reports.none");
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status.textContent = error.status === 0 ? t("talk.load_failed") : errorText(error);
    } finally {
      root.removeAttribute("aria-busy");
    }
  }

  /** @param {HTMLElement} row @param {string} said what happened, announced */
  function answered(row, said) {
    const next = /** @type {HTMLElement | null} */ (row.nextElementSibling ?? row.previousElementSibling);
    row.remove();
    status.textContent = list.children.length ? said : `${said} ${t("reports.none")}`;
    (next?.querySelector("a") ?? root.querySelector("h1"))?.focus();
  }

  more.addEventListener("click", () => load());
  queueMicrotask(load);
  return root;
}

/**
 * @param {any} entry a ReportEntry
 * @param {(row: HTMLElement, said: string) => void} answered
 */
function report(entry, answered) {
  const m = entry.message;
  const base = `/api/conversations/${entry.conversation_id}/messages/${m.id}`;
  const titleId = `reported-${m.id}`;
  const error = h("p", { class: "reported-view__error", role: "alert" });
  /** @param {"hide" | "dismiss"} what */
  const act = async (what) => {
    error.textContent = "";
    try {
      await api(`${base}/${what}`, { method: "POST", body: what === "hide" ? {} : undefined });
      answered(row, t(what === "hide" ? "talk.now_hidden" : "reports.kept"));
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      error.textContent = errorText(failure);
    }
  };
  const row = h("li", { class: "reported-view__item", "aria-labelledby": titleId },
    h("p", { class: "reported-view__subject" },
      h("span", { class: "reported-view__kind", text: t(`talk.kind.${entry.subject.kind}`) }), " ",
      h("a", { id: titleId, href: `/meddelanden/${entry.conversation_id}`,
               text: t("reports.open", { title: entry.subject.title }) })),
    h("blockquote", { class: "reported-view__body" },
      h("p", { text: m.body || t("reports.photo_only") }),
      h("footer", { text: t("reports.written", { name: m.author.name, when: formatTime(new Date(m.created_at)) }) })),
    h("p", { class: "reported-view__meta" },
      `${t("reports.by", { name: entry.reported_by?.name || t("reports.someone") })}, `,
      h("time", { datetime: entry.reported_at, text: formatTime(new Date(entry.reported_at)) })),
    h("div", { class: "reported-view__actions" },
      h("button", { type: "button", class: "button button--primary", text: t("talk.hide"),
                    "aria-describedby": titleId, onclick: () => act("hide") }),
      h("button", { type: "button", class: "button button--secondary", text: t("reports.keep"),
                    "aria-describedby": titleId, onclick: () => act("dismiss") })),
    error);
  return row;
}
