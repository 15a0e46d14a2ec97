/**
 * The question before a pickup of an item on none of the driver's jobs: take it anyway (the
 * scan is queued, flagged, and a coordinator decides) or leave it (nothing is recorded).
 */
import { h } from "../dom.js";
import { t } from "../i18n.js";

/**
 * @param {object} props
 * @param {string} props.title the item's title
 * @param {() => void} props.onConfirm
 * @param {() => void} props.onDecline
 * @returns {HTMLElement}
 */
export function outsideJobsQuestion({ title, onConfirm, onDecline }) {
  return h(
    "section",
    { class: "scan-result", role: "alertdialog", "aria-labelledby": "outside-jobs-title",
      "aria-describedby": "outside-jobs-note", "data-testid": "outside-jobs" },
    h("h2", { id: "outside-jobs-title", class: "scan-result__title", text: t("pickup.outside_question") }),
    h("p", { id: "outside-jobs-note", class: "scan-result__note", text: t("pickup.outside_note", { title }) }),
    h(
      "div",
      { class: "scan-result__actions" },
      h("button", { type: "button", class: "button button--primary scan-result__action", text: t("pickup.outside_confirm"),
                    onclick: onConfirm }),
      h("button", { type: "button", class: "button button--secondary scan-result__action", text: t("pickup.outside_decline"),
                    onclick: onDecline }),
    ),
  );
}
