/**
 * What came of the intake photos uploaded from this phone: the label the server linked from
 * the photo, or why it linked none. The newest is spoken (a polite live region), older ones
 * are listed below it; the person can clear the list once read.
 */
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { onOutboxChange } from "../outbox/queue.js";
import { currentOwner } from "../outbox/owner.js";
import { clearPhotoResults, listPhotoResults } from "../outbox/photos.js";

const SHOWN = 5;
const STATUSES = ["linked", "already_linked", "item_labelled", "belongs_elsewhere", "unknown", "several", "none"];

/**
 * @param {{onNewResult?: () => void}} [props] told when a photo's result arrives while shown
 * @returns {HTMLElement}
 */
export function photoResults({ onNewResult } = {}) {
  const newest = h("p", { class: "photo-results__newest", role: "status", "data-testid": "photo-result" });
  const earlier = h("ul", { class: "photo-results__earlier" });
  const clear = h("button", { type: "button", class: "button button--secondary", text: t("photo_result.clear") });
  const element = h(
    "section",
    { class: "photo-results", "aria-labelledby": "photo-results-title", hidden: true },
    h("h2", { id: "photo-results-title", class: "photo-results__title", text: t("photo_result.title") }),
    newest,
    earlier,
    clear,
  );
  clear.addEventListener("click", async () => {
    await clearPhotoResults(await currentOwner());
    newest.textContent = "";
  });

  async function refresh() {
    if (!element.isConnected && element.dataset.mounted) return stop();
    const firstLook = !element.dataset.mounted;
    element.dataset.mounted = "true";
    const results = (await listPhotoResults(await currentOwner())).slice(0, SHOWN);
    element.hidden = results.length === 0;
    const [first, ...rest] = results.map(resultText);
    // Only a new result changes the live region, so it is read once.
    if (first !== undefined && newest.textContent !== first) {
      newest.textContent = first;
      if (!firstLook) onNewResult?.();
    }
    earlier.replaceChildren(...rest.map((text) => h("li", { text })));
  }
  const stop = onOutboxChange(() => refresh().catch(() => {}));
  refresh().catch(() => {});
  return element;
}

/**
 * "Fotot av Skåp är uppladdat. Etiketten 7K3M9QXR är nu kopplad till saken."
 * @param {import("../outbox/photos.js").PhotoResult} result
 * @returns {string}
 */
export function resultText({ title, label, refused, receipt }) {
  if (receipt) return receiptText(title ?? "", refused);
  if (refused) {
    const why = refused.error === "item_has_no_listing" ? t("photo_result.no_listing") : t("photo_result.refused_other");
    return `${title ? t("photo_result.refused", { title }) : t("photo_result.refused_plain")} ${why}`;
  }
  const uploaded = title ? t("photo_result.uploaded", { title }) : t("photo_result.uploaded_plain");
  if (!label) return uploaded;
  // A status from a newer server than this app: say what the server said rather than nothing.
  const said = STATUSES.includes(label.status) ? t(`photo_label.${label.status}`, { code: label.code ?? "" }) : label.message;
  return `${uploaded} ${said}`;
}

/**
 * "Kvittensen för Skolgatan 3 är skickad." or why it was not saved.
 * @param {string} title
 * @param {{error: string, detail: string}} [refused]
 * @returns {string}
 */
export function receiptText(title, refused) {
  if (!refused) return t("proof.result_sent", { title });
  const known = ["already_proved", "not_delivered"].includes(refused.error);
  return `${t("proof.result_refused", { title })} ${known ? t(`proof.refused.${refused.error}`) : t("photo_result.refused_other")}`;
}
