/**
 * The admin's setting for how long the municipality's conversations keep their messages: its own
 * days within the server's bounds, or empty for the installation's default. The daily clean-up
 * deletes older messages (and their photos) by this value.
 */
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { api } from "../api.js";
import { adminPage } from "./admin-page.js";

/** @returns {HTMLElement} */
export function retentionView() {
  const input = /** @type {HTMLInputElement} */ (h("input", {
    id: "retention-days", class: "field__input retention-view__input", type: "number", inputmode: "numeric",
    min: 30, max: 3650, step: 1, "aria-describedby": "retention-hint retention-error" }));
  const hint = h("p", { class: "retention-view__hint", id: "retention-hint" });
  const error = h("p", { class: "field__error retention-view__error", id: "retention-error" });
  const save = h("button", { type: "submit", class: "button button--primary", text: t("retention.save") });
  const form = h("form", { class: "retention-view__form", novalidate: true, hidden: true },
    h("label", { class: "field__label", for: "retention-days", text: t("retention.days") }), hint, input, error, save);
  const page = adminPage({ id: "retention-view", titleKey: "retention.title", intro: t("retention.intro") }, form);
  let bounds = { min: 30, max: 3650 };

  /** @param {any} answer a RetentionRead */
  function show(answer) {
    bounds = { min: answer.min_days, max: answer.max_days };
    input.min = String(bounds.min);
    input.max = String(bounds.max);
    input.value = answer.own_days === null ? "" : String(answer.own_days);
    hint.textContent = t("retention.hint", { min: bounds.min, max: bounds.max, days: answer.default_days });
    form.hidden = false;
  }

  async function load() {
    page.busy(true);
    try {
      show(await api("/api/conversations/retention"));
    } catch (failure) {
      page.refuse(failure);
    } finally {
      page.busy(false);
    }
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.textContent = "";
    input.removeAttribute("aria-invalid");
    const text = input.value.trim();
    const days = text === "" ? null : Number(text);
    if (days !== null && !(Number.isInteger(days) && days >= bounds.min && days <= bounds.max)) {
      // Said beside the field, before the server is asked.
      error.textContent = t("retention.out_of_bounds", { min: bounds.min, max: bounds.max });
      input.setAttribute("aria-invalid", "true");
      input.focus();
      return;
    }
    save.setAttribute("disabled", "");
    try {
      const answer = await api("/api/conversations/retention", { method: "PUT", body: { own_days: days } });
      show(answer);
      page.say(t(answer.own_days === null ? "retention.saved_default" : "retention.saved", { days: answer.days }));
    } catch (failure) {
      page.refuse(failure);
    } finally {
      save.removeAttribute("disabled");
    }
  });

  queueMicrotask(load);
  return page.element;
}
