/**
 * A place's page (/plats/<id>): what it is, its label, and everything scanned at or moved to it.
 */
import { h } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { api } from "../api.js";
import { fact } from "./item-view.js";
import { scanHistory } from "./scan-history.js";

/**
 * @param {{locationId: string, navigate: (path: string) => void}} props
 * @returns {HTMLElement}
 */
export function locationView({ locationId, navigate }) {
  const id = encodeURIComponent(locationId);
  const status = h("p", { class: "item-view__error", "aria-live": "assertive" });
  const body = h("div", { class: "item-view__body", "aria-busy": "true" }, h("p", { text: t("common.loading") }));
  const heading = h("h1", { id: "place-title", text: t("place.title") });

  async function printLabel() {
    status.textContent = "";
    try {
      await api(`/api/locations/${id}/code`, { method: "POST" });
      navigate(`/skriv-ut?location=${id}`);
    } catch (error) {
      status.textContent = errorText(error);
    }
  }

  Promise.all([api(`/api/locations/${id}`), api(`/api/locations/${id}/history`)])
    .then(([place, history]) => {
      heading.textContent = place.name;
      body.replaceChildren(
        h("dl", { class: "item-view__facts" },
          fact(t("place.kind"), t(`place.kind.${place.kind}`)),
          place.address ? fact(t("place.address"), place.address) : null),
        h("div", { class: "item-view__actions" },
          h("button", { type: "button", class: "button button--secondary", text: t("place.print"), onclick: printLabel })),
        status,
        h("h2", { text: t("history.title") }),
        scanHistory({ entries: history, showItem: true }),
      );
    })
    .catch((error) => body.replaceChildren(h("p", { class: "item-view__error", role: "alert", text: errorText(error) })))
    .finally(() => body.removeAttribute("aria-busy"));

  return h("section", { class: "item-view", "aria-labelledby": "place-title" }, heading, body);
}
