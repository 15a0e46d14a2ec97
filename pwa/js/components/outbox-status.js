/**
 * The counter of what waits in the outbox, kept current from every tab and the worker.
 * A polite live region: a driver with a screen reader hears when the queue empties.
 * What other people queued on this phone is counted apart: it waits for them to sign in.
 * Conversation messages written with no network are counted beside the scans.
 */
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { counts, onOutboxChange } from "../outbox/queue.js";

/** @returns {HTMLElement} */
export function outboxStatus() {
  const waiting = h("p", { class: "outbox-status__waiting", "data-testid": "outbox-waiting" });
  const others = h("ul", { class: "outbox-status__others", "data-testid": "outbox-others", hidden: true });
  const attention = h("a", { class: "outbox-status__attention", href: "/behover-atgard", hidden: true });
  const element = h("div", { class: "outbox-status", role: "status" }, waiting, others, attention);

  async function refresh() {
    if (!element.isConnected && element.dataset.mounted) return stop();
    const { waiting: n, attention: bad, photos, messages, intakes, others: people } = await counts();
    element.dataset.mounted = "true";
    element.dataset.waiting = String(n);
    element.dataset.messages = String(messages);
    waiting.textContent = [
      intakes ? t("outbox.intakes", { count: intakes }) : "",
      n ? t("outbox.waiting", { count: n }) : t(people.length ? "outbox.all_yours_sent" : "outbox.all_sent"),
      photos ? t("outbox.photos", { count: photos }) : "",
      messages ? t("outbox.messages", { count: messages }) : "",
    ].filter(Boolean).join(". ");
    waiting.classList.toggle("outbox-status__waiting--busy", n + messages + intakes > 0);
    others.hidden = people.length === 0;
    others.replaceChildren(...people.map((person) => h("li", { text: waitingFor(person) })));
    attention.hidden = bad === 0;
    attention.textContent = t("outbox.attention", { count: bad });
  }
  const stop = onOutboxChange(() => refresh().catch(() => {}));
  refresh().catch(() => {});
  return element;
}

/** @param {import("../outbox/owner.js").Waiting} person */
function waitingFor({ name, scans, photos }) {
  return [
    scans ? t("outbox.others_scans", { count: scans, name }) : "",
    photos ? t("outbox.others_photos", { count: photos, name }) : "",
    t("outbox.others_when", { name }),
  ].filter(Boolean).join(" ");
}
