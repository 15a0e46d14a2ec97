/**
 * One conversation: its messages oldest to newest (the server pages newest first), who takes part,
 * and the box to write in. Opening it marks it read. A message can be reported; the municipality's
 * coordinators can hide one.
 */
import { h, replaceChildren } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { currentUser } from "../session.js";
import { formatTime } from "./inbox-view.js";

const MAX = 4000;

/**
 * @param {object} props
 * @param {string} props.conversationId
 * @returns {HTMLElement}
 */
export function conversationView({ conversationId }) {
  const base = `/api/conversations/${encodeURIComponent(conversationId)}`;
  const title = h("h1", { id: "conversation-title", text: t("talk.title") });
  const people = h("p", { class: "conversation-view__people" });
  const status = h("p", { class: "conversation-view__status", role: "status", "aria-live": "polite" });
  const list = h("ol", { class: "conversation-view__list", "aria-labelledby": "conversation-title" });
  const error = h("p", { class: "conversation-view__error", id: "conversation-error" });
  const box = h("textarea", { id: "conversation-body", name: "body", rows: 3, maxlength: MAX, required: true,
                              "aria-describedby": "conversation-hint conversation-error" });
  const photo = /** @type {HTMLInputElement} */ (h("input", { type: "file", id: "conversation-photo", accept: "image/*" }));
  const send = h("button", { type: "submit", class: "button button--primary", text: t("talk.send") });
  const form = h("form", { class: "conversation-view__form", novalidate: true },
    h("label", { for: "conversation-body", text: t("talk.write") }),
    h("p", { class: "conversation-view__hint", id: "conversation-hint", text: t("talk.write_hint") }),
    box, error,
    h("label", { for: "conversation-photo", text: t("talk.photo") }), photo,
    send);
  const coordinator = (currentUser()?.roles ?? []).includes("coordinator");
  /** @type {any[]} */
  let messages = [];
  let clientId = crypto.randomUUID();

  async function load() {
    const view = /** @type {HTMLElement | null} */ (list.closest("section"));
    view?.setAttribute("aria-busy", "true");
    try {
      const page = await api(base);
      title.textContent = t("talk.about", { title: page.subject.title });
      people.textContent = t("talk.with", { names: page.participants.map((/** @type {any} */ p) => p.name).join(", ") });
      messages = page.messages.slice().reverse();
      draw();
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      status.textContent = errorText(failure);
    } finally {
      view?.removeAttribute("aria-busy");
    }
  }

  function draw() {
    replaceChildren(list, ...messages.map((m) => message(m, coordinator, act)));
    if (!messages.length) status.textContent = t("talk.no_messages");
  }

  /** @param {any} m @param {"report" | "hide"} what */
  async function act(m, what) {
    try {
      const changed = await api(`${base}/messages/${m.id}/${what}`, { method: "POST", body: what === "hide" ? {} : undefined });
      messages = messages.map((x) => (x.id === changed.id ? changed : x));
      draw();
      status.textContent = t(what === "hide" ? "talk.now_hidden" : "talk.reported");
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      status.textContent = errorText(failure);
    }
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = /** @type {HTMLTextAreaElement} */ (box).value;
    error.textContent = "";
    box.removeAttribute("aria-invalid");
    send.setAttribute("disabled", "");
    send.textContent = t("talk.sending");
    try {
      let sent = await api(`${base}/messages`, { method: "POST", body: { client_id: clientId, body } });
      const file = photo.files?.[0];
      if (file) {
        const upload = new FormData();
        upload.append("file", file);
        sent = await api(`${base}/messages/${sent.id}/photo`, { method: "POST", body: upload });
        photo.value = "";
      }
      clientId = crypto.randomUUID();
      /** @type {HTMLTextAreaElement} */ (box).value = "";
      messages = [...messages.filter((m) => m.id !== sent.id), sent];
      draw();
      status.textContent = t("talk.sent");
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      error.textContent = errorText(failure);
      box.setAttribute("aria-invalid", "true");
      box.focus();
    } finally {
      send.removeAttribute("disabled");
      send.textContent = t("talk.send");
    }
  });

  queueMicrotask(load);
  return h("section", { class: "conversation-view", "aria-labelledby": "conversation-title" },
    h("p", {}, h("a", { href: "/meddelanden", text: t("talk.back") })), title, people, status, list, form);
}

/**
 * @param {any} m a MessageRead
 * @param {boolean} coordinator
 * @param {(m: any, what: "report" | "hide") => void} act
 */
function message(m, coordinator, act) {
  const hidden = m.hidden && !m.body;
  return h("li", { class: `conversation-view__message${m.mine ? " conversation-view__message--mine" : ""}` },
    h("p", { class: "conversation-view__meta" },
      h("span", { class: "conversation-view__author", text: m.mine ? t("talk.you") : m.author.name }), " · ",
      h("time", { datetime: m.created_at, text: formatTime(new Date(m.created_at)) })),
    h("p", { class: `conversation-view__body${hidden ? " conversation-view__body--hidden" : ""}`,
             text: hidden ? t("talk.hidden") : m.body }),
    m.thumb_url
      ? h("a", { class: "conversation-view__photo", href: m.photo_url, target: "_blank" },
        h("img", { src: m.thumb_url, alt: t("talk.photo_alt", { name: m.mine ? t("talk.you") : m.author.name }) }))
      : null,
    !m.mine && !hidden && !m.reported
      ? h("button", { type: "button", class: "button button--secondary conversation-view__action", text: t("talk.report"),
                      onclick: () => act(m, "report") })
      : null,
    coordinator && !m.hidden
      ? h("button", { type: "button", class: "button button--secondary conversation-view__action", text: t("talk.hide"), onclick: () => act(m, "hide") })
      : null);
}
