/**
 * The work queue's bulk actions: tick rows (native checkboxes, so the keyboard and screen readers
 * work as everywhere), then act once. The server applies all or none; when it refuses, the row it
 * names is said next to the button and nothing has changed.
 */
import { h } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { api, ApiError } from "../api.js";

/** The sections with a bulk action, and where each posts. */
export const BULK = /** @type {Record<string, string>} */ ({
  bookings: "/api/bookings/approve",
  stale: "/api/listings/refresh",
  transport: "/api/transport-jobs/assign",
});

/** @typedef {{id: string, ids: string[], quantity: number, title: string}} BulkRow */

/**
 * A checkbox for one (grouped) row: it selects every id behind the row.
 * @param {string} key the section @param {BulkRow} row @param {string} labelId the row's visible name
 */
export function rowCheckbox(key, row, labelId) {
  return h("input", { type: "checkbox", class: "work-queue__pick", value: row.ids.join(" "),
                      "data-title": row.title, "aria-labelledby": labelId, id: `pick-${key}-${row.id}` });
}

/**
 * The section's action bar: select all, the action's button (and for transport a driver and a day).
 * @param {string} key @param {HTMLElement} list the section's rows @param {() => Promise<void>} reload
 * @returns {HTMLElement}
 */
export function bulkBar(key, list, reload) {
  const message = h("p", { class: "work-queue__bulk-message", role: "status", "aria-live": "polite" });
  const picks = () => /** @type {HTMLInputElement[]} */ ([...list.querySelectorAll(".work-queue__pick")]);
  const chosen = () => picks().filter((p) => p.checked);
  const all = /** @type {HTMLInputElement} */ (h("input", { type: "checkbox", id: `pick-all-${key}` }));
  const button = /** @type {HTMLButtonElement} */ (h("button", { type: "button", class: "button button--primary",
                                                                  disabled: true }));
  const plan = key === "transport" ? planFields(key) : null;
  const count = () => chosen().reduce((sum, p) => sum + p.value.split(" ").length, 0);
  const refresh = () => {
    const n = count();
    button.textContent = t(`work.bulk_${key}`, { count: n });
    button.disabled = n === 0;
    all.checked = n > 0 && chosen().length === picks().length;
    all.indeterminate = n > 0 && !all.checked;
  };
  all.addEventListener("change", () => { for (const p of picks()) p.checked = all.checked; refresh(); });
  list.addEventListener("change", refresh);
  button.addEventListener("click", async () => {
    const ids = chosen().flatMap((p) => p.value.split(" "));
    const body = plan ? { ids, ...plan.values() } : { ids };
    if (plan && !plan.valid()) return;
    button.disabled = true;
    try {
      const done = await api(BULK[key], { method: "POST", body });
      await reload();
      const status = /** @type {HTMLElement | null} */ (document.querySelector(".work-queue__status"));
      if (status) status.textContent = t(`work.bulk_done_${key}`, { count: done.done });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      message.textContent = refusal(error, chosen());
      button.disabled = false;
    }
  });
  refresh();
  return h("div", { class: "work-queue__bulk" },
    h("label", { class: "work-queue__all", for: all.id }, all, " ", t("work.bulk_all")),
    plan?.element, button, message);
}

/**
 * Why nothing changed, naming the row the server stopped at when it says which.
 * @param {ApiError} error @param {HTMLInputElement[]} picked
 */
function refusal(error, picked) {
  const row = picked.find((p) => p.value.split(" ").some((id) => error.detail.includes(id)));
  const reason = error.code === "wrong_status" ? t("work.bulk_changed") : errorText(error);
  return row ? t("work.bulk_refused_row", { title: row.dataset.title ?? "", reason }) : t("work.bulk_refused", { reason });
}

/** The driver and the day transport jobs are planned onto. @param {string} key */
function planFields(key) {
  const driver = /** @type {HTMLSelectElement} */ (h("select", { id: `bulk-driver-${key}`, class: "field__input" },
    h("option", { value: "", text: t("work.bulk_pick_driver") })));
  const day = /** @type {HTMLInputElement} */ (h("input", { type: "date", id: `bulk-day-${key}`, class: "field__input",
    required: true }));
  const error = h("p", { class: "field__error", id: `bulk-plan-error-${key}`, hidden: true });
  queueMicrotask(async () => {
    try {
      /** @type {{id: string, name: string}[]} */
      const drivers = await api("/api/transport-jobs/drivers");
      driver.append(...drivers.map((d) => h("option", { value: d.id, text: d.name })));
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  });
  return {
    element: h("div", { class: "work-queue__plan" },
      h("div", { class: "field" }, h("label", { class: "field__label", for: driver.id, text: t("work.bulk_driver") }),
        driver),
      h("div", { class: "field" }, h("label", { class: "field__label", for: day.id, text: t("work.bulk_day") }), day),
      error),
    values: () => ({ driver_id: driver.value, day: day.value }),
    valid() {
      const missing = !driver.value ? driver : !day.value ? day : null;
      error.hidden = !missing;
      error.textContent = missing ? t(missing === driver ? "work.bulk_need_driver" : "work.bulk_need_day") : "";
      for (const control of [driver, day]) {
        if (control === missing) {
          control.setAttribute("aria-invalid", "true");
          control.setAttribute("aria-describedby", error.id);
        } else {
          control.removeAttribute("aria-invalid");
          control.removeAttribute("aria-describedby");
        }
      }
      missing?.focus();
      return !missing;
    },
  };
}
