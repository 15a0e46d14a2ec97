/**
 * The counter of what waits in the outbox, kept current from every tab and the worker.
 * A polite live region: a driver with a screen reader hears when the queue empties.
 */
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { counts, onOutboxChange } from "../outbox/queue.js";
import { countPhotos } from "../outbox/store.js";

/** @returns {HTMLElement} */
export function outboxStatus() {
  const waiting = h("p", { class: "outbox-status__waiting", "data-testid": "outbox-waiting" });
  const attention = h("a", { class: "outbox-status__attention", href: "/behover-atgard", hidden: true });
  const element = h("div", { class: "outbox-status", role: "status" }, waiting, attention);

  async function refresh() {
    if (!element.isConnected && element.dataset.mounted) return stop();
    const [{ waiting: n, attention: bad }, photos] = await Promise.all([counts(), countPhotos()]);
    element.dataset.mounted = "true";
    element.dataset.waiting = String(n);
    waiting.textContent = [
      n ? t("outbox.waiting", { count: n }) : t("outbox.all_sent"),
      photos ? t("outbox.photos", { count: photos }) : "",
    ].filter(Boolean).join(". ");
    waiting.classList.toggle("outbox-status__waiting--busy", n > 0);
    attention.hidden = bad === 0;
    attention.textContent = t("outbox.attention", { count: bad });
  }
  const stop = onOutboxChange(() => refresh().catch(() => {}));
  refresh().catch(() => {});
  return element;
}
