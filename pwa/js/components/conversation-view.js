/**
 * One conversation: its messages oldest to newest (the server pages newest first), who takes part,
 * and the box to write in. Opening it marks it read. A message can be reported; the municipality's
 * coordinators can hide one. A message written with no network (or while earlier ones still wait)
 * is queued on the phone with its photo (outbox/message-queue.js) and shown at once, marked as waiting, until the
 * server has it; one the server refused stays, with why, until the writer removes it.
 */
import { h, replaceChildren } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { currentUser } from "../session.js";
import { formatTime } from "./inbox-view.js";
import { currentOwner } from "../outbox/owner.js";
import { onOutboxChange } from "../outbox/queue.js";
import { discardMessage, queueMessage, queuedMessages } from "../outbox/message-queue.js";
import { PHOTO_MAX_BYTES, anyWaiting, photoProblem, shownQueued } from "../outbox/message-policy.js";
import { afterEnqueue } from "../outbox/sync.js";

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
  // The browser's own file input speaks the browser's language ("Choose File"): it stays hidden
  // and a button in the app's language opens it; the chosen photo is shown with its name.
  const photo = /** @type {HTMLInputElement} */ (h("input", { type: "file", id: "conversation-photo", accept: "image/*",
                                                              hidden: true }));
  const chosen = h("div", { class: "conversation-view__chosen", hidden: true });
  const attach = h("button", { type: "button", class: "button button--secondary conversation-view__attach",
                               text: t("talk.attach"), onclick: () => photo.click() });
  photo.addEventListener("change", () => showChosen());
  const send = h("button", { type: "submit", class: "button button--primary", text: t("talk.send") });
  const form = h("form", { class: "conversation-view__form", novalidate: true },
    h("label", { for: "conversation-body", text: t("talk.write") }),
    h("p", { class: "conversation-view__hint", id: "conversation-hint", text: t("talk.write_hint") }),
    box, error, photo, attach, chosen,
    send);

  /** The chosen photo's preview and name with a way to take it off, or nothing. */
  function showChosen() {
    const file = photo.files?.[0];
    chosen.hidden = !file;
    attach.textContent = t(file ? "talk.attach_other" : "talk.attach");
    if (!file) {
      chosen.replaceChildren();
      return;
    }
    const src = URL.createObjectURL(file);
    const preview = h("img", { class: "conversation-view__preview", src, alt: "" });
    preview.addEventListener("load", () => URL.revokeObjectURL(src), { once: true });
    preview.addEventListener("error", () => URL.revokeObjectURL(src), { once: true });
    chosen.replaceChildren(preview,
      h("p", { class: "conversation-view__chosen-name", text: t("talk.photo_chosen", { name: file.name }) }),
      h("button", { type: "button", class: "button button--secondary conversation-view__action", text: t("talk.photo_remove"),
                    onclick: () => { photo.value = ""; showChosen(); attach.focus(); } }));
  }
  const coordinator = (currentUser()?.roles ?? []).includes("coordinator");
  /** @type {any[]} */
  let messages = [];
  /** @type {import("../outbox/message-policy.js").QueuedMessage[]} this conversation's messages on the phone */
  let queued = [];
  /** Whether the status says a message waits on the phone (it changes once nothing does). */
  let saidQueued = false;
  /** Whether the server's page arrived (a conversation that failed to load is not "empty"). */
  let loaded = false;
  let clientId = crypto.randomUUID();

  /** @param {{quiet?: boolean}} [options] quiet: a failed fetch keeps what is shown and says nothing */
  async function load({ quiet = false } = {}) {
    const view = /** @type {HTMLElement | null} */ (list.closest("section"));
    if (!quiet) view?.setAttribute("aria-busy", "true");
    try {
      const page = await api(base);
      title.textContent = t("talk.about", { title: page.subject.title });
      people.textContent = t("talk.with", { names: page.participants.map((/** @type {any} */ p) => p.name).join(", ") });
      messages = page.messages.slice().reverse();
      loaded = true;
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      if (!quiet) status.textContent = errorText(failure);
    }
    try {
      await readQueue();
      draw(!quiet);
    } finally {
      if (!quiet) view?.removeAttribute("aria-busy");
    }
  }

  async function readQueue() {
    const delivered = messages.map((m) => String(m.client_id));
    queued = shownQueued(await queuedMessages().catch(() => []), conversationId, await currentOwner(), delivered);
  }

  /** @param {boolean} [say] whether an empty conversation may say so (a quiet refresh leaves the status alone) */
  function draw(say = true) {
    replaceChildren(list, ...messages.map((m) => message(m, coordinator, act)),
                    ...queued.map((q) => waiting(q, discard)));
    if (say && loaded && !messages.length && !queued.length) status.textContent = t("talk.no_messages");
  }

  /** @param {import("../outbox/message-policy.js").QueuedMessage} q */
  async function discard(q) {
    await discardMessage(/** @type {number} */ (q.seq));
    await readQueue();
    draw(false);
    status.textContent = t("talk.discarded");
    box.focus();
  }

  /** "No network, it will be sent" stays only while something of mine still waits here. */
  function settled() {
    if (!saidQueued || queued.some((q) => !q.refused)) return;
    saidQueued = false;
    status.textContent = t("talk.queue_sent");
  }

  /** Whether a message written now must queue: no network, or earlier ones still wait (order). */
  async function mustQueue() {
    if (!navigator.onLine) return true;
    return anyWaiting(await queuedMessages().catch(() => []), await currentOwner());
  }

  /**
   * Keep the message, and its photo, on the phone to send when the network is back.
   * @param {string} body
   * @param {File | undefined} file
   * @returns {Promise<boolean>} false when the phone could not keep it (no storage, nobody signed in)
   */
  async function keep(body, file) {
    try {
      await queueMessage({ conversationId, clientId, body, photo: file ?? null });
    } catch (failure) {
      console.warn("delbar: could not queue the message", failure);
      return false;
    }
    clientId = crypto.randomUUID();
    /** @type {HTMLTextAreaElement} */ (box).value = "";
    photo.value = "";
    showChosen();
    await readQueue();
    draw();
    status.textContent = t(file ? "talk.queued_with_photo" : "talk.queued");
    saidQueued = true;
    afterEnqueue();
    return true;
  }

  /** @param {string} text why the message was not sent, beside the box */
  function refuse(text) {
    error.textContent = text;
    box.setAttribute("aria-invalid", "true");
    box.focus();
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
    if (!body.trim()) {
      // Said here, not by the server: a message queued offline would otherwise wait only to be refused.
      refuse(t("error.empty_message"));
      return;
    }
    send.setAttribute("disabled", "");
    send.textContent = t("talk.sending");
    const file = photo.files?.[0];
    const problem = photoProblem(file);
    if (problem) {
      // Said before sending or queueing: a photo the server will refuse never waits on the phone.
      refuse(problem === "photo_too_large"
        ? t("talk.photo_too_large", { mb: Math.round(PHOTO_MAX_BYTES / 1024 / 1024) }) : t("error.not_an_image"));
      send.removeAttribute("disabled");
      send.textContent = t("talk.send");
      return;
    }
    try {
      if (await mustQueue()) {
        if (!(await keep(body, file))) refuse(t("error.network_error"));
        return;
      }
      let sent = await api(`${base}/messages`, { method: "POST", body: { client_id: clientId, body } });
      if (file) {
        const upload = new FormData();
        upload.append("file", file);
        sent = await api(`${base}/messages/${sent.id}/photo`, { method: "POST", body: upload });
        photo.value = "";
        showChosen();
      }
      clientId = crypto.randomUUID();
      /** @type {HTMLTextAreaElement} */ (box).value = "";
      messages = [...messages.filter((m) => m.id !== sent.id), sent];
      draw();
      status.textContent = t("talk.sent");
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      // No answer, or a server in trouble: the message waits on the phone (its client id makes a
      // message the server did take one message); its photo waits with it.
      const later = failure.status === 0 || failure.status >= 500;
      if (!later || !(await keep(body, file))) refuse(errorText(failure));
    } finally {
      send.removeAttribute("disabled");
      send.textContent = t("talk.send");
    }
  });

  queueMicrotask(load);
  // The queue sent or refused a message (this tab, another, the worker): show the server's page.
  const stop = onOutboxChange(() => (view.isConnected ? load({ quiet: true }).then(settled).catch(() => {}) : stop()));
  const view = h("section", { class: "conversation-view", "aria-labelledby": "conversation-title" },
    h("p", {}, h("a", { href: "/meddelanden", text: t("talk.back") })), title, people, status, list, form);
  return view;
}

/**
 * A message of mine still on the phone: waiting for the network, or refused with the reason (or,
 * its text sent, its photo refused).
 * @param {import("../outbox/message-policy.js").QueuedMessage} q
 * @param {(q: import("../outbox/message-policy.js").QueuedMessage) => void} discard
 */
function waiting(q, discard) {
  const reason = q.refused ? (q.refused.error === "not_found" ? t("talk.gone") : errorText({ code: q.refused.error })) : "";
  return h("li", { class: "conversation-view__message conversation-view__message--mine conversation-view__message--queued" },
    h("p", { class: "conversation-view__meta" },
      h("span", { class: "conversation-view__author", text: t("talk.you") }), " · ",
      h("time", { datetime: q.at, text: formatTime(new Date(q.at)) })),
    // A refused photo whose text was sent: the text is above, as the server's; this is the photo alone.
    q.refused?.photoOnly ? null : h("p", { class: "conversation-view__body", text: q.body }),
    q.photo ? queuedPhoto(q.photo, q.refused ? "talk.photo_not_sent" : "talk.photo_waiting") : null,
    q.refused
      ? h("p", { class: "conversation-view__refused",
                 text: t(q.refused.photoOnly ? "talk.photo_refused" : "talk.refused", { reason }) })
      : h("p", { class: "conversation-view__waiting", text: t("talk.waiting") }),
    q.refused
      ? h("button", { type: "button", class: "button button--secondary conversation-view__action", text: t("talk.discard"),
                      onclick: () => discard(q) })
      : null);
}

/**
 * A photo waiting with its message, or refused, shown from the phone's copy (the URL is freed once
 * it loaded); a file the browser cannot draw either is left out, the text beside it says why.
 * @param {Blob} blob
 * @param {string} altKey
 */
function queuedPhoto(blob, altKey) {
  const src = URL.createObjectURL(blob);
  const img = h("img", { class: "conversation-view__queued-photo", src, alt: t(altKey) });
  img.addEventListener("load", () => URL.revokeObjectURL(src), { once: true });
  img.addEventListener("error", () => {
    URL.revokeObjectURL(src);
    img.hidden = true;
  }, { once: true });
  return img;
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
