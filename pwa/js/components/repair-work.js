/**
 * The form on a repair in the queue: who worked (the person themselves, or a person or team the
 * AME keeps), minutes, what was done, parts used, and whether the repair is finished with it.
 * Online only, like the job card's work time: with no network the error says so and keeps the fields.
 */
import { h } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { api, ApiError } from "../api.js";

const MYSELF = "myself";

/**
 * @param {any} repair as GET /api/repairs answers
 * @param {{id: string, name: string}[]} people the AME's participants
 * @param {(repair: any) => void} onSaved called with the repair as the server answers after the work
 * @returns {HTMLElement}
 */
export function repairWork(repair, people, onSaved) {
  const id = `repair-${repair.id}`;
  const who = /** @type {HTMLSelectElement} */ (h("select", { id: `${id}-who`, name: "who" },
    h("option", { value: MYSELF, text: t("repair.myself") }),
    ...people.map((p) => h("option", { value: p.id, text: p.name }))));
  const minutes = /** @type {HTMLInputElement} */ (h("input", { id: `${id}-minutes`, name: "minutes", type: "number",
    min: 1, max: 1440, step: 1, required: true, inputmode: "numeric", "aria-describedby": `${id}-minutes-error` }));
  const minutesError = h("p", { class: "repair-work__error", id: `${id}-minutes-error`, "aria-live": "polite" });
  const done = /** @type {HTMLTextAreaElement} */ (h("textarea", { id: `${id}-done`, name: "done", rows: 2,
    maxlength: 500, required: true, "aria-describedby": `${id}-done-error` }));
  const doneError = h("p", { class: "repair-work__error", id: `${id}-done-error`, "aria-live": "polite" });
  const parts = /** @type {HTMLInputElement} */ (h("input", { id: `${id}-parts`, name: "parts", maxlength: 300 }));
  const finish = /** @type {HTMLInputElement} */ (h("input", { id: `${id}-finish`, name: "finish", type: "checkbox" }));
  const error = h("p", { class: "repair-work__error", role: "alert" });
  const form = h("form", { class: "repair-work__form", novalidate: true },
    h("label", { for: `${id}-who`, text: t("repair.who") }), who,
    h("label", { for: `${id}-minutes`, text: t("repair.minutes") }), minutes, minutesError,
    h("label", { for: `${id}-done`, text: t("repair.what_done") }), done, doneError,
    h("label", { for: `${id}-parts`, text: t("repair.parts") }), parts,
    h("div", { class: "repair-work__finish" }, finish, h("label", { for: `${id}-finish`, text: t("repair.finish") })),
    error, h("button", { type: "submit", class: "button button--primary", text: t("repair.save") }));
  // A field's error goes once the person changes that field.
  minutes.addEventListener("input", () => { minutesError.textContent = ""; minutes.removeAttribute("aria-invalid"); });
  done.addEventListener("input", () => { doneError.textContent = ""; done.removeAttribute("aria-invalid"); });
  let workId = crypto.randomUUID();  // the same work sent twice counts once
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const value = Number(minutes.value);
    const minutesBad = !Number.isInteger(value) || value < 1 || value > 1440;
    const doneBad = !done.value.trim();
    minutesError.textContent = minutesBad ? t("repair.minutes_bad") : "";
    doneError.textContent = doneBad ? t("repair.done_missing") : "";
    minutes.toggleAttribute("aria-invalid", minutesBad);
    done.toggleAttribute("aria-invalid", doneBad);
    if (minutesBad) return minutes.focus();
    if (doneBad) return done.focus();
    error.textContent = "";
    const person = who.value === MYSELF ? { myself: true } : { participant_id: who.value };
    try {
      const saved = await api(`/api/repairs/${repair.id}/work`, { method: "POST", body: {
        id: workId, ...person, minutes: value, done: done.value.trim(), parts: parts.value.trim(), finish: finish.checked } });
      workId = crypto.randomUUID();
      onSaved(saved);
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      error.textContent = failure.status === 0 ? t("repair.offline") : errorText(failure);
    }
  });
  return h("details", { class: "repair-work" },
    h("summary", { class: "repair-work__summary", "aria-label": t("repair.record_on", { title: repair.item_title }),
      text: t("repair.record") }), form);
}
