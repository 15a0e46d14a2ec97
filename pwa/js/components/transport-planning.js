/**
 * The coordinator's planning list: jobs nobody drives yet → a driver and a day. Assigned jobs
 * stay listed below so a plan can be changed. Below them, the transport fee jobs are charged at.
 */
import { h } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { isoDay } from "./booking-form.js";
import { transportTariff } from "./transport-tariff.js";
import { workHours } from "./work-hours.js";

/** @returns {HTMLElement} */
export function transportPlanning() {
  const status = h("p", { class: "transport-planning__status", role: "status", "aria-live": "polite" });
  const list = h("ul", { class: "transport-planning__list" });
  const section = h("section", { class: "transport-planning", "aria-labelledby": "planning-title" },
    h("h1", { id: "planning-title", text: t("jobs.title") }), status, list, workHours(), transportTariff());

  async function load() {
    section.setAttribute("aria-busy", "true");
    try {
      /** @type {[any[], any[]]} */
      const [jobs, drivers] = await Promise.all([api("/api/transport-jobs?status=open"),
                                                 api("/api/transport-jobs/drivers")]);
      list.replaceChildren(...jobs.map((job) => row(job, drivers, assign)));
      if (!jobs.length) status.textContent = t("jobs.none");
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status.textContent = errorText(error);
    } finally {
      section.removeAttribute("aria-busy");
    }
  }

  /** @param {any} job @param {string} driverId @param {string} day */
  async function assign(job, driverId, day) {
    try {
      await api(`/api/transport-jobs/${job.id}/assign`, { method: "POST",
                                                          body: { driver_id: driverId, day, version: job.version } });
      status.textContent = t("jobs.assigned");
      await load();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status.textContent = errorText(error);
    }
  }

  queueMicrotask(load);
  return section;
}

/** @param {any} job @param {{id: string, name: string}[]} drivers @param {Function} assign */
function row(job, drivers, assign) {
  const id = `job-${job.id}`;
  const driver = h("select", { id: `${id}-driver`, name: "driver" },
    h("option", { value: "", text: t("jobs.pick_driver") }),
    drivers.map((d) => h("option", { value: d.id, text: d.name, selected: job.driver?.id === d.id })));
  const day = h("input", { type: "date", id: `${id}-day`, min: isoDay(0), value: job.day ?? job.wanted_date ?? "" });
  const button = h("button", { type: "submit", class: "button button--primary", text: t("jobs.assign") });
  const form = h("form", { class: "transport-planning__form" },
    h("label", { for: `${id}-driver`, text: t("jobs.driver") }), driver,
    h("label", { for: `${id}-day`, text: t("jobs.day") }), day, button);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!driver.value || !day.value) return;
    assign(job, driver.value, day.value);
  });
  const items = job.items.map((/** @type {any} */ item) => item.title).join(", ");
  return h("li", { class: "transport-planning__item" },
    h("article", { "aria-labelledby": id },
      h("h2", { id, class: "transport-planning__title", text: job.leg === "return"
        ? t("jobs.return_from", { address: job.pickup.address }) : job.delivery.address }),
      h("p", { text: t(`jobs.status_${job.status}`) + (job.driver ? ` – ${job.driver.name}, ${job.day}` : "") }),
      h("p", { text: t("jobs.route", { from: job.pickup.address || job.pickup.name || t("jobs.pickup_unknown"), to: job.delivery.address }) }),
      h("p", { text: t("jobs.wanted", { date: job.wanted_date ?? "–" }) }),
      details(job),
      h("p", { text: items }),
      form));
}

/** When in the day, who takes it, their phone and the room, as the requester gave them. @param {any} job */
function details(job) {
  const who = [job.recipient_name, job.recipient_phone, job.room].filter(Boolean).join(", ");
  const window = job.time_window ? t("jobs.window", { window: job.time_window.replace("-", "–") }) : "";
  if (!who && !window) return null;
  return h("p", { text: t("jobs.details", { window: window && who ? `${window} · ` : window, who }) });
}
