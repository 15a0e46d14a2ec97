/**
 * What the owners of a listing see to manage it: a link to edit it, and the lifecycle buttons —
 * publish a draft, pause, resume, and close (after a confirmation: a closed listing cannot
 * reopen). The same moves the server allows (backend/catalog/listings.py TRANSITIONS); each
 * carries the listing's version, so a change someone else made first is refused, not overwritten.
 */
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { confirmButton } from "./confirm-button.js";

/** The steps offered from each status, in button order. */
const STEPS = {
  draft: ["publish", "close"],
  published: ["pause", "close"],
  paused: ["resume", "close"],
  closed: [],
};
const TARGET = { publish: "published", pause: "paused", resume: "published", close: "closed" };

/**
 * @param {object} props
 * @param {any} props.listing a ListingRead or a my-listings row (id, title, status, version)
 * @param {(listing: any, message: string) => void} props.onChanged the listing after the move, and what to say
 * @param {(error: ApiError) => void} props.onError the refusal (stale_version: someone else changed it first)
 * @param {boolean} [props.named] label the group with the listing's title (several on one page)
 * @returns {HTMLElement}
 */
export function listingActions({ listing, onChanged, onError, named = false }) {
  const steps = STEPS[/** @type {keyof typeof STEPS} */ (listing.status)] ?? [];
  let busy = false;

  /** @param {string} step */
  async function move(step) {
    if (busy) return;
    busy = true;
    try {
      const body = { status: TARGET[/** @type {keyof typeof TARGET} */ (step)], version: listing.version };
      const changed = await api(`/api/listings/${encodeURIComponent(listing.id)}/status`, { method: "POST", body });
      onChanged(changed, t(`catalog.done_${step}`));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      onError(error);
    } finally {
      busy = false;
    }
  }

  const buttons = steps.map((step) => step === "close"
    ? confirmButton({ label: t("catalog.action_close"), question: t("catalog.close_question"),
                      yes: t("catalog.close_yes"), onConfirm: () => move(step) })
    : h("button", { type: "button", class: `button ${step === "pause" ? "button--secondary" : "button--primary"}`,
                    "data-step": step, text: t(`catalog.action_${step}`), onclick: () => move(step) }));
  return h("div", { class: "listing-actions", role: "group",
                    "aria-label": named ? t("catalog.actions_for", { title: listing.title }) : t("catalog.actions") },
    h("a", { class: "button button--secondary", href: `/annons/${listing.id}/andra`, text: t("catalog.edit") }),
    buttons);
}

/**
 * Whether a refused move means the page shows an old version (reload it, then say so).
 * @param {ApiError} error
 */
export function isStale(error) {
  return error.code === "stale_version" || error.code === "bad_transition";
}
