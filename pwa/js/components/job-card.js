/**
 * One run on the driver's day: where to pick up (down to the shelf), where to deliver and when,
 * who takes it and how to call them, the way there, the items and the requester's note,
 * "Arbetstid" to record who did the job and how long it took, and once delivered, the
 * recipient's receipt.
 * It draws only what the stored day holds, so it looks the same offline; what is not known
 * (no phone, no time window, no note) is left out rather than shown as a placeholder. The job's
 * conversation (driver, recipient, coordinators) opens inline from the card, fetched when opened.
 */
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { mapsHref, telHref } from "../contact-links.js";
import { jobItems } from "../offline/shift.js";
import { deliveryProof } from "./delivery-proof.js";
import { jobWork } from "./job-work.js";
import { subjectConversation } from "./subject-conversation.js";

/**
 * @typedef {object} JobPlace
 * @property {string} [name]
 * @property {string} [address]
 * @property {string[]} [path] names from the site down to the place (site, room, shelf)
 */

/**
 * @param {any} job as GET /api/transport-jobs answers
 * @param {Record<string, string>} states item id → state after this phone's own scans
 * @returns {HTMLElement}
 */
export function jobCard(job, states) {
  // The borrower's end of the trip (their room, who to call): where it goes, or for a loan's
  // return trip, where it is fetched.
  const back = job.leg === "return";
  const when = job.time_window ? t("jobs.window", { window: String(job.time_window).replace("-", "–") }) : "";
  return h(
    "li",
    { class: "job-card", "data-testid": "shift-job" },
    h(
      "dl",
      { class: "job-card__route" },
      when ? [h("dt", { text: t("shift.when") }), h("dd", { class: "job-card__when", text: when })] : null,
      h("dt", { text: t("shift.pickup") }),
      h("dd", {}, back ? stop(job.pickup, job.room, job) : stop(job.pickup)),
      h("dt", { text: t("shift.delivery") }),
      h("dd", {}, back ? stop(job.delivery) : stop(job.delivery, job.room, job)),
      job.note ? [h("dt", { text: t("shift.note") }), h("dd", { class: "job-card__note", text: job.note })] : null,
    ),
    h("h2", { class: "job-card__items-title", text: t("shift.items") }),
    h("ul", { class: "job-card__items" }, jobItems([job]).map((item) => itemRow(item, states[item.id] ?? item.state))),
    h("a", {
      class: "button button--secondary job-card__scan",
      href: `/skanna?uppgift=jobb&jobb=${encodeURIComponent(job.id)}`,
      text: t("shift.scan_job"),
    }),
    deliveryProof(job, states),
    jobWork(job),
    jobTalk(job.id),
  );
}

/**
 * The job's conversation, folded: opening it fetches the latest messages (nothing while closed,
 * so a day of many jobs asks nothing until the driver wants it).
 * @param {string} jobId
 * @returns {HTMLElement}
 */
function jobTalk(jobId) {
  const details = h("details", { class: "job-card__talk" },
    h("summary", { class: "job-card__talk-toggle", text: t("shift.talk") }));
  details.addEventListener("toggle", () => {
    if (details.open && !details.querySelector(".subject-talk")) {
      details.append(subjectConversation({ kind: "job", subjectId: jobId }));
    }
  });
  return details;
}

/**
 * A place named down to the shelf (most exact first: "Hylla B3, Rum 2, AME-lagret"), or a bare
 * address; for the delivery, who takes it; then the buttons: call them, find the way.
 * @param {JobPlace | string | null | undefined} where
 * @param {string} [room] where in the building (the delivery's room)
 * @param {any} [job] the job, for the delivery's recipient
 * @returns {Array<HTMLElement | null>}
 */
function stop(where, room = "", job = null) {
  const place = typeof where === "string" ? { address: where } : where ?? {};
  const named = placeName(place);
  const address = place.address ?? "";
  const call = job ? telHref(job.recipient_phone) : null;
  const way = mapsHref(address);
  if (!named && !address) return [h("p", { class: "job-card__place", text: "–" })];
  return [
    named ? h("p", { class: "job-card__place", text: named }) : null,
    address ? h("p", { class: named ? "job-card__address" : "job-card__place", text: address }) : null,
    room ? h("p", { class: "job-card__address", text: room }) : null,
    job?.recipient_name
      ? h("p", { class: "job-card__person", text: t("shift.recipient", { name: job.recipient_name }) })
      : null,
    call || way ? h(
      "div",
      { class: "job-card__actions" },
      call ? h("a", {
        class: "button button--primary job-card__action",
        href: call,
        "data-testid": "job-call",
        text: t("shift.call", { phone: job.recipient_phone.trim() }),
      }) : null,
      way ? h("a", {
        class: "button button--secondary job-card__action",
        href: way,
        target: "_blank",
        rel: "noopener noreferrer",
        "aria-label": t("shift.directions_to", { address }),
        "data-testid": "job-directions",
        text: t("shift.directions"),
      }) : null,
    ) : null,
  ];
}

/**
 * @param {JobPlace} place
 * @returns {string} the place's names, most exact first; "" for a bare address
 */
function placeName(place) {
  const path = Array.isArray(place.path) && place.path.length ? place.path : [place.name ?? ""];
  return [...path].reverse().filter(Boolean).join(", ");
}

/**
 * @param {import("../offline/shift.js").ShiftItem & {place?: JobPlace | null}} item
 * @param {string} state
 * @returns {HTMLElement}
 */
function itemRow(item, state) {
  const place = item.place ? placeName(item.place) : "";
  return h(
    "li",
    { class: "job-card__item" },
    item.thumbnail_url
      ? h("img", { class: "job-card__thumb", src: item.thumbnail_url, alt: "", width: 56, height: 56, loading: "lazy" })
      : h("span", { class: "job-card__thumb job-card__thumb--none", "aria-hidden": "true" }),
    h(
      "span",
      { class: "job-card__item-text" },
      h("span", { class: "job-card__item-title", text: item.title }),
      place ? h("span", { class: "job-card__item-place", "data-testid": "job-item-place", text: t("shift.item_place", { place }) }) : null,
      h("span", { class: "job-card__item-state", text: t(`state.${state}`) }),
    ),
  );
}
