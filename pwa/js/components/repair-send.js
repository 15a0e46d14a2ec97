/**
 * "Skicka till reparation" on an item's page: what the item needs, sent as a repair the AME's
 * queue (/reparationer) shows. An item already waiting says so instead of offering the form.
 */
import { h } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { api, ApiError } from "../api.js";

/**
 * @param {{itemId: string, open?: {needs: string} | null}} props open: the item's open repair, if any
 * @returns {HTMLElement}
 */
export function repairSend({ itemId, open = null }) {
  if (open) return waiting(open.needs);
  const needs = /** @type {HTMLTextAreaElement} */ (h("textarea", { id: "repair-needs", name: "needs", rows: 3,
    maxlength: 500, required: true, "aria-describedby": "repair-needs-hint repair-needs-error" }));
  const error = h("p", { class: "repair-send__error", id: "repair-needs-error", "aria-live": "polite" });
  const form = h("form", { class: "repair-send__form", novalidate: true },
    h("label", { for: "repair-needs", text: t("repair.send_needs") }),
    h("p", { class: "repair-send__hint", id: "repair-needs-hint", text: t("repair.send_hint") }), needs, error,
    h("button", { type: "submit", class: "button button--primary", text: t("repair.send_save") }));
  const box = h("details", { class: "repair-send" }, h("summary", { class: "repair-send__summary", text: t("repair.send") }), form);
  const id = crypto.randomUUID();  // a retry of the same sending answers the same repair
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = needs.value.trim();
    if (!text) {
      error.textContent = t("repair.needs_missing");
      needs.setAttribute("aria-invalid", "true");
      needs.focus();
      return;
    }
    error.textContent = "";
    needs.removeAttribute("aria-invalid");
    try {
      await api("/api/repairs", { method: "POST", body: { id, item_id: itemId, needs: text } });
      const done = waiting(text);
      done.prepend(h("p", { role: "status", text: t("repair.sent") }));
      box.replaceWith(done);
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      error.textContent = errorText(failure);
    }
  });
  return box;
}

/** @param {string} needs */
function waiting(needs) {
  return h("div", { class: "repair-send repair-send--waiting" },
    h("p", { text: t("repair.in_repair", { needs }) }),
    h("a", { href: "/reparationer", text: t("repair.queue_link") }));
}
