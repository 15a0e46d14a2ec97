/**
 * "Arbetstid" on a driver's job card: who did the job (the driver themselves, or a person or team
 * the AME keeps) and how many minutes it took, sent to the job's work record. It is sent online
 * only: with no network the form says so and keeps what was typed, to be sent again later.
 */
import { h } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { api, ApiError } from "../api.js";

const MYSELF = "myself";

/**
 * @param {any} job as GET /api/transport-jobs answers
 * @returns {HTMLElement}
 */
export function jobWork(job) {
  const id = `job-work-${job.id}`;
  const who = /** @type {HTMLSelectElement} */ (h("select", { id: `${id}-who`, name: "who", required: true },
    h("option", { value: MYSELF, text: t("job_work.myself") })));
  const minutes = /** @type {HTMLInputElement} */ (h("input", { id: `${id}-minutes`, name: "minutes", type: "number",
    min: 1, max: 1440, step: 1, required: true, inputmode: "numeric", "aria-describedby": `${id}-error` }));
  const error = h("p", { class: "job-work__error", id: `${id}-error`, "aria-live": "polite" });
  const status = h("p", { class: "job-work__status", role: "status", "aria-live": "polite" });
  const form = h("form", { class: "job-work__form", novalidate: true },
    h("label", { for: `${id}-who`, text: t("job_work.who") }), who,
    h("label", { for: `${id}-minutes`, text: t("job_work.minutes") }), minutes, error,
    h("button", { type: "submit", class: "button button--primary", text: t("job_work.save") }), status);
  const box = /** @type {HTMLDetailsElement} */ (h("details", { class: "job-work" },
    h("summary", { class: "job-work__summary", text: t("job_work.title") }), form));
  let listed = false;
  box.addEventListener("toggle", () => {
    if (!box.open || listed) return;
    listed = true;
    // The AME's people and teams; with no network (and none kept) the driver can still name themselves.
    api("/api/ame-participants").then((/** @type {{id: string, name: string}[]} */ people) => {
      who.append(...people.map((p) => h("option", { value: p.id, text: p.name })));
    }).catch(() => { listed = false; });
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    status.textContent = "";
    const value = Number(minutes.value);
    if (!Number.isInteger(value) || value < 1 || value > 1440) {
      error.textContent = t("job_work.invalid");
      minutes.setAttribute("aria-invalid", "true");
      minutes.focus();
      return;
    }
    error.textContent = "";
    minutes.removeAttribute("aria-invalid");
    if (!navigator.onLine) {
      error.textContent = t("job_work.offline");
      return;
    }
    const entry = who.value === MYSELF ? { myself: true } : { participant_id: who.value };
    try {
      await api(`/api/transport-jobs/${job.id}/work`, { method: "POST",
        body: { work: [{ id: crypto.randomUUID(), ...entry, minutes: value }] } });
      status.textContent = t("job_work.saved", { minutes: value, who: who.selectedOptions[0]?.text ?? "" });
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      error.textContent = failure.status === 0 ? t("job_work.offline") : errorText(failure);
    }
  });
  return box;
}
