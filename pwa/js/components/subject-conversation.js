/**
 * The person's conversation about a listing, a booking or a transport job, inline on its page or card: the latest messages
 * and a box to write. Nothing is started by looking; the first message sent starts it. Sending
 * here needs the network; the full conversation (linked) also queues offline.
 */
import { h, replaceChildren } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { formatTime } from "./inbox-view.js";

const LATEST = 5;
let counter = 0;

/**
 * @param {object} props
 * @param {"listing" | "booking" | "job"} props.kind
 * @param {string} props.subjectId
 * @returns {HTMLElement}
 */
export function subjectConversation({ kind, subjectId }) {
  const n = ++counter;
  const titleId = `subject-talk-${n}`;
  const boxId = `subject-talk-box-${n}`;
  const list = h("ol", { class: "subject-talk__list" });
  const link = h("p", { class: "subject-talk__link" });
  const status = h("p", { class: "subject-talk__status", role: "status", "aria-live": "polite" });
  const error = h("p", { class: "subject-talk__error", id: `${boxId}-error`, role: "alert" });
  const box = h("textarea", { id: boxId, class: "field__input", rows: 3, maxlength: 4000,
                              "aria-describedby": `${boxId}-hint ${boxId}-error` });
  const send = h("button", { type: "submit", class: "button button--primary", text: t("talk.send") });
  const form = h("form", { class: "subject-talk__form" },
    h("label", { class: "field__label", for: boxId, text: t("talk.write") }),
    h("p", { class: "subject-talk__hint", id: `${boxId}-hint`, text: t("talk.write_hint") }), box, error, send);
  /** @type {string | null} */
  let conversationId = null;

  async function load() {
    try {
      const query = `subject_kind=${kind}&subject_id=${encodeURIComponent(subjectId)}&limit=${LATEST}`;
      const page = await api(`/api/conversations/about?${query}`);
      conversationId = page.id;
      replaceChildren(list, ...[...page.messages].reverse().map(message));
      link.replaceChildren(h("a", { href: `/meddelanden/${page.id}`, text: t("talk.whole") }));
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      if (failure.status === 404) status.textContent = t("talk.none_yet");
      else status.textContent = failure.status === 0 ? t("talk.load_failed") : errorText(failure);
    }
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (send.getAttribute("aria-disabled") === "true") return;  // a second press while the first is sent
    const body = /** @type {HTMLTextAreaElement} */ (box).value;
    error.textContent = "";
    box.removeAttribute("aria-invalid");
    send.setAttribute("aria-disabled", "true");
    try {
      if (conversationId === null) {
        const started = await api("/api/conversations", { method: "POST", body: { subject_kind: kind, subject_id: subjectId } });
        conversationId = started.id;
      }
      await api(`/api/conversations/${conversationId}/messages`, {
        method: "POST", body: { client_id: crypto.randomUUID(), body } });
      /** @type {HTMLTextAreaElement} */ (box).value = "";
      await load();
      status.textContent = t("talk.sent");
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      error.textContent = failure.status === 0 ? t("talk.load_failed") : errorText(failure);
      box.setAttribute("aria-invalid", "true");
      box.focus();
    } finally {
      send.removeAttribute("aria-disabled");
    }
  });

  queueMicrotask(load);
  return h("section", { class: "subject-talk", "aria-labelledby": titleId },
    h("h2", { id: titleId, text: t("talk.title") }), status, list, link, form);
}

/** @param {any} m a MessageRead */
function message(m) {
  return h("li", { class: `subject-talk__message${m.mine ? " subject-talk__message--mine" : ""}` },
    h("p", { class: "subject-talk__meta" }, `${m.mine ? t("talk.you") : m.author.name}, `,
      h("time", { datetime: m.created_at, text: formatTime(new Date(m.created_at)) })),
    h("p", { class: "subject-talk__body", text: m.hidden && !m.body ? t("talk.hidden") : m.body }));
}
