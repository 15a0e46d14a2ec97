/**
 * A stocktake's result: missing, unexpected and found items with their titles and photos, and
 * (while it is open) "Tillämpa", which asks first and says what it will move and flag.
 */
import { h } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { stateName } from "./scan-history.js";
import { confirmButton } from "./confirm-button.js";

/**
 * @param {object} props
 * @param {any} props.answer StocktakeRead
 * @param {() => Promise<void>} props.onApply
 * @param {() => void} props.onContinue back to counting
 * @returns {HTMLElement}
 */
export function stocktakeResult({ answer, onApply, onContinue }) {
  const open = answer.status === "open";
  const problem = h("p", { class: "stocktake-view__feedback", "data-kind": "error", role: "alert" });
  const status = h("p", { class: "stocktake-view__status", tabindex: "-1", "data-testid": "stocktake-status",
                          text: t(`stocktake.status.${answer.status}`, {
                            name: answer.finished_by_name ?? "–",
                            time: answer.finished_at ? new Date(answer.finished_at).toLocaleString("sv-SE") : "" }) });
  const actions = open
    ? h("div", { class: "stocktake-view__actions" },
      confirmButton({
        label: t("stocktake.apply"),
        className: "button--primary",
        question: t("stocktake.apply_question", { moved: answer.unexpected_count, missing: answer.missing_count }),
        yes: t("stocktake.apply_yes"),
        onConfirm: async () => {
          try {
            await onApply();
          } catch (error) {
            problem.textContent = errorText(error);
          }
        },
      }),
      h("button", { type: "button", class: "button button--secondary", text: t("stocktake.continue"), onclick: onContinue }))
    : null;
  return h("div", { class: "stocktake-result" },
    h("p", { class: "stocktake-view__path", text: answer.location_path.join(" › ") }),
    status,
    h("div", { class: "stocktake-result__groups" },
      group("missing", answer.missing_count, answer.missing, open),
      group("unexpected", answer.unexpected_count, answer.unexpected, open),
      group("found", answer.found_count, answer.found, open)),
    problem,
    actions);
}

/**
 * @param {"found" | "missing" | "unexpected"} verdict
 * @param {number} total
 * @param {any[]} items
 * @param {boolean} open
 */
function group(verdict, total, items, open) {
  const id = `stocktake-${verdict}`;
  return h("section", { class: `stocktake-result__group stocktake-result__group--${verdict}`, "aria-labelledby": id,
                        "data-testid": id },
    h("h2", { id, text: t(`stocktake.verdict.${verdict}`, { count: total }) }),
    items.length
      ? h("ul", { class: "stocktake-result__list" }, items.map((item) => row(verdict, item, open)))
      : h("p", { class: "stocktake-view__hint", text: t("stocktake.none") }),
    total > items.length ? h("p", { class: "stocktake-view__hint", text: t("stocktake.more", { count: total - items.length }) })
      : null);
}

/** @param {string} verdict @param {any} item @param {boolean} open */
function row(verdict, item, open) {
  const note = verdict === "unexpected"
    ? item.reason
      ? t("stocktake.not_moved", { state: stateName(item.state) })
      : open ? t("stocktake.registered_at", { place: item.location_name ?? t("item.no_place") }) : t("stocktake.moved_here")
    : verdict === "missing" && !open ? t("stocktake.flagged") : null;
  return h("li", { class: "stocktake-result__item" },
    item.thumbnail_url
      ? h("img", { src: item.thumbnail_url, alt: "", width: 48, height: 48, loading: "lazy" })
      : h("span", { class: "stocktake-result__nophoto", "aria-hidden": "true" }),
    h("span", { class: "stocktake-result__text" },
      h("a", { href: `/sak/${item.id}`, text: item.title }),
      note ? h("span", { class: "stocktake-result__note", text: note }) : null));
}
