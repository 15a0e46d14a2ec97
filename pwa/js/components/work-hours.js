/**
 * The AME's hours on finished transport jobs: who did the job (a person or a team, by a display name
 * only) and how many minutes it took. The report sums them per month, kind of task and municipality.
 */
import { h } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { api, ApiError } from "../api.js";

/** How many finished jobs are offered at once (the newest the server lists). */
const SHOWN = 10;

/** @typedef {{id: string, name: string, kind: string}} Participant */

/** @returns {HTMLElement} */
export function workHours() {
  const status = h("p", { class: "work-hours__status", role: "status", "aria-live": "polite" });
  const list = h("ul", { class: "work-hours__jobs" });
  const name = h("input", { class: "field__input", id: "work-participant-name", maxlength: 100, required: true,
    autocomplete: "off" });
  const kind = h("select", { id: "work-participant-kind", class: "field__input" },
    ["team", "person"].map((k) => h("option", { value: k, text: t(`work_hours.kind_${k}`) })));
  const add = h("form", { class: "work-hours__add" },
    h("label", { class: "field__label", for: "work-participant-name", text: t("work_hours.participant_name") }), name,
    h("label", { class: "field__label", for: "work-participant-kind", text: t("work_hours.participant_kind") }), kind,
    h("button", { type: "submit", class: "button button--secondary", text: t("work_hours.add_participant") }));
  const section = h("section", { class: "work-hours", "aria-labelledby": "work-hours-title" },
    h("h2", { id: "work-hours-title", text: t("work_hours.title") }),
    h("p", { text: t("work_hours.intro") }), add, status, list);

  add.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!name.value.trim()) return;
    try {
      await api("/api/ame-participants", { method: "POST", body: { id: crypto.randomUUID(), name: name.value.trim(),
                                                                   kind: kind.value } });
      status.textContent = t("work_hours.participant_added", { name: name.value.trim() });
      name.value = "";
      await load();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status.textContent = errorText(error);
    }
  });

  async function load() {
    try {
      /** @type {[any[], Participant[]]} */
      const [jobs, participants] = await Promise.all([api("/api/transport-jobs?status=done"),
                                                      api("/api/ame-participants")]);
      list.replaceChildren(...jobs.slice(0, SHOWN).map((job) => jobForm(job, participants, status)));
      if (!jobs.length) list.replaceChildren(h("li", { text: t("work_hours.no_jobs") }));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status.textContent = errorText(error);
    }
  }

  queueMicrotask(load);
  return section;
}

/**
 * Who did the work and how many minutes it took, checked here before `send` gets the entry.
 * @param {object} props
 * @param {string} props.id the form's id prefix
 * @param {Participant[]} props.participants
 * @param {HTMLElement} props.status where the outcome is said
 * @param {Node[]} [props.before] fields shown first (the kind of work on an item)
 * @param {(work: {id: string, participant_id: string, minutes: number}[]) => Promise<unknown>} props.send
 * @returns {HTMLFormElement}
 */
function workForm({ id, participants, status, before = [], send }) {
  const who = h("select", { class: "field__input", id: `${id}-who`, required: true },
    h("option", { value: "", text: t("work_hours.pick") }),
    participants.map((p) => h("option", { value: p.id, text: p.name })));
  const minutes = h("input", { class: "field__input", id: `${id}-minutes`, type: "number", min: 1, max: 1440, step: 1,
    required: true, inputmode: "numeric" });
  const form = /** @type {HTMLFormElement} */ (h("form", { class: "work-hours__form" }, ...before,
    h("label", { class: "field__label", for: `${id}-who`, text: t("work_hours.who") }), who,
    h("label", { class: "field__label", for: `${id}-minutes`, text: t("work_hours.minutes") }), minutes,
    h("button", { type: "submit", class: "button button--primary", text: t("work_hours.save") })));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const value = Number(minutes.value);
    if (!who.value || !Number.isInteger(value) || value < 1 || value > 1440) {
      status.textContent = t("work_hours.invalid");
      return;
    }
    try {
      await send([{ id: crypto.randomUUID(), participant_id: who.value, minutes: value }]);
      status.textContent = t("work_hours.saved", { minutes: value });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status.textContent = errorText(error);
    }
  });
  return form;
}

/** @param {any} job @param {Participant[]} participants @param {HTMLElement} status */
function jobForm(job, participants, status) {
  const id = `work-${job.id}`;
  const form = workForm({ id, participants, status,
    send: (work) => api(`/api/transport-jobs/${job.id}/work`, { method: "POST", body: { work } }) });
  const title = job.leg === "return" ? t("jobs.return_from", { address: job.pickup.address }) : job.delivery.address;
  return h("li", { class: "work-hours__job" },
    h("h3", { id, class: "work-hours__job-title", text: title }),
    h("p", { text: job.driver ? `${job.driver.name}, ${job.day ?? ""}` : "" }), form);
}

/**
 * Work on one item's intake or repair, for warehouse staff and coordinators (others see nothing:
 * the participant list answers them 403).
 * @param {{itemId: string}} props
 * @returns {HTMLElement}
 */
export function itemWork({ itemId }) {
  const section = h("div", { class: "work-hours" });
  api("/api/ame-participants").then((/** @type {Participant[]} */ participants) => {
    if (!participants.length) return;
    const status = h("p", { class: "work-hours__status", role: "status", "aria-live": "polite" });
    const kind = h("select", { id: "item-work-kind", class: "field__input" },
      ["intake", "repair"].map((k) => h("option", { value: k, text: t(`report.work_kind_${k}`) })));
    const form = workForm({ id: "item-work", participants, status,
      before: [h("label", { class: "field__label", for: "item-work-kind", text: t("work_hours.item_kind") }), kind],
      send: (work) => api("/api/work-entries", { method: "POST", body: { kind: kind.value, item_id: itemId, work } }) });
    section.replaceChildren(h("section", { "aria-labelledby": "item-work-title" },
      h("h2", { id: "item-work-title", text: t("work_hours.item_title") }), form, status));
  }).catch(() => {
    // Not a recorder (403) or offline: the item page is whole without this form.
  });
  return section;
}
