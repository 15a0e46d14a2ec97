/**
 * "Dagens körningar": the driver's day as kept on the phone, fetched on its own when online, and
 * the button that fetches it again. Everything shown comes from IndexedDB, so the list looks the
 * same with or without a network.
 */
import { h } from "../dom.js";
import { getLanguage, t } from "../i18n.js";
import { fetchDay, onDayFetched, refreshDay } from "../offline/day-fetch.js";
import { loadShift } from "../offline/shift.js";
import { currentUser } from "../session.js";
import { clockWarning } from "./clock-warning.js";
import { jobCard } from "./job-card.js";
import { outboxStatus } from "./outbox-status.js";

/** @returns {HTMLElement} */
export function shiftView() {
  const body = h("div", { class: "shift-view__body" });
  const status = h("p", { class: "shift-view__status", role: "status", "aria-live": "polite" });
  const take = h("button", { type: "button", class: "button button--primary shift-view__take", text: t("shift.take") });
  let busy = false;
  take.addEventListener("click", async () => {
    if (busy) return;
    busy = true;
    take.setAttribute("aria-disabled", "true");
    take.textContent = t("shift.taking");
    status.textContent = "";
    try {
      renderShift(body, await fetchDay());
    } catch {
      status.textContent = t("shift.failed");
    } finally {
      busy = false;
      take.removeAttribute("aria-disabled");
      take.textContent = t("shift.take");
    }
  });
  // Every day stored while this screen is open shows here (app start, a push, back online);
  // the listener goes with the screen.
  const stop = onDayFetched((shift) => {
    if (body.isConnected) renderShift(body, shift);
    else stop();
  });
  // The stored day shows at once; online, today's is fetched behind it so a job the
  // coordinator planned or moved since shows (or goes) without a tap.
  loadShift().then((shift) => {
    renderShift(body, shift);
    return refreshDay("open", currentUser(), Boolean(shift));
  }).catch(() => renderShift(body, undefined));
  return h(
    "section",
    { class: "shift-view", "aria-labelledby": "shift-title" },
    h("h1", { id: "shift-title", text: t("shift.title") }),
    clockWarning(),
    outboxStatus(),
    take,
    status,
    body,
  );
}

/**
 * @param {HTMLElement} body
 * @param {import("../offline/shift.js").Shift | undefined} shift
 */
function renderShift(body, shift) {
  if (!shift) {
    body.replaceChildren(h("p", { class: "shift-view__empty", text: t("shift.never") }));
    return;
  }
  const locale = getLanguage() === "sv" ? "sv-SE" : "en-GB";
  const time = new Date(shift.fetchedAt).toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" });
  const jobs = shift.jobs.length
    ? h("ol", { class: "shift-view__jobs" }, shift.jobs.map((job) => jobCard(job, shift.states)))
    : h("p", { class: "shift-view__empty", text: t(shift.jobsAvailable ? "shift.empty" : "shift.jobs_unavailable") });
  body.replaceChildren(
    h("p", { class: "shift-view__fetched", "data-testid": "shift-fetched", text: t("shift.fetched", { time }) }),
    h("p", { class: "shift-view__locations", text: t("shift.locations", { count: shift.locations.length }) }),
    jobs,
  );
}
