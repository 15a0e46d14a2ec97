/**
 * "Behöver åtgärd": scans the server rejected, each with its reason and a way to resolve it.
 * Only the signed-in person's own: on a shared phone, nobody retries or deletes another's scans.
 */
import { h } from "../dom.js";
import { getLanguage, t } from "../i18n.js";
import { discardAttention, listAttention, requeueAttention } from "../outbox/store.js";
import { announce, onOutboxChange } from "../outbox/queue.js";
import { currentOwner } from "../outbox/owner.js";
import { afterEnqueue } from "../outbox/sync.js";

/** @returns {HTMLElement} */
export function attentionView() {
  const list = h("ul", { class: "attention-view__list" });
  const status = h("p", { class: "attention-view__status", role: "status" });
  const view = h(
    "section",
    { class: "attention-view", "aria-labelledby": "attention-title" },
    h("h1", { id: "attention-title", text: t("attention.title") }),
    h("p", { text: t("attention.intro") }),
    status,
    list,
  );

  async function render() {
    const items = await listAttention(await currentOwner());
    list.replaceChildren(...items.map((item) => entry(item, onResolved)));
    if (!items.length) list.replaceChildren(h("li", { class: "attention-view__empty", text: t("attention.empty") }));
  }
  /** @param {string} key */
  function onResolved(key) {
    status.textContent = t(key);
    announce();
    render();
  }
  const stop = onOutboxChange(() => (view.isConnected ? render() : stop()));
  render();
  return view;
}

/**
 * @param {import("../outbox/store.js").Attention} item
 * @param {(messageKey: string) => void} onResolved
 */
function entry(item, onResolved) {
  const time = new Date(item.event.device_time).toLocaleString(getLanguage() === "sv" ? "sv-SE" : "en-GB", {
    dateStyle: "short",
    timeStyle: "short",
  });
  const action = t(`action.${item.event.action}`, { place: item.event.location_code ?? "" });
  return h(
    "li",
    { class: "attention-view__item", "data-testid": "attention-item" },
    h("h2", { class: "attention-view__what", text: `${action}: ${item.title || item.event.code}` }),
    h("p", { class: "attention-view__meta", text: `${t("scan.code", { code: item.event.code })} · ${t("attention.scanned", { time })}` }),
    h("p", { class: "attention-view__reason", text: reasonText(item) }),
    item.state ? h("p", { text: t("attention.state_now", { state: t(`state.${item.state}`) }) }) : null,
    h(
      "div",
      { class: "attention-view__actions" },
      h("button", {
        type: "button",
        class: "button button--primary",
        text: t("attention.retry"),
        onclick: async () => {
          if (await requeueAttention(item.id, crypto.randomUUID())) afterEnqueue();
          onResolved("attention.retried");
        },
      }),
      h("button", {
        type: "button",
        class: "button button--secondary",
        text: t("attention.discard"),
        onclick: async () => {
          await discardAttention(item.id);
          onResolved("attention.discarded");
        },
      }),
    ),
  );
}

/**
 * Our Swedish text for a reason code we know; the server's own sentence otherwise.
 * @param {{reason: string | null, message: string | null}} item
 */
export function reasonText({ reason, message }) {
  const key = `reason.${reason}`;
  const known = t(key);
  if (reason && known !== key) return known;
  if (message) return message;
  return t("reason.other", { reason: reason ?? "?" });
}
