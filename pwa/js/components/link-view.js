/**
 * Linking a pre-printed label to a new item (/koppla, /koppla/<code>): type or scan the code
 * under the QR, pick the item it is stuck on, and send it as a "link" scan. The check character
 * is validated on the phone, so a typo is caught before anything is sent.
 * Or photograph the item with its label on: the photo queues in the outbox like any intake
 * photo, and the server links the fresh label it reads in it (photo-results says what came of it,
 * and the list of unlabelled items is fetched again).
 */
import { h } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { api } from "../api.js";
import { parseScanned } from "../scan/codes.js";
import { queuePhoto } from "../outbox/photos.js";
import { afterEnqueue } from "../outbox/sync.js";
import { photoResults } from "./photo-results.js";
import { stateName } from "./scan-history.js";

/**
 * @param {{code?: string, navigate: (path: string) => void}} props
 * @returns {HTMLElement}
 */
export function linkView({ code = "", navigate }) {
  const codeError = h("p", { id: "link-code-error", class: "field__error", "aria-live": "assertive" });
  const input = /** @type {HTMLInputElement} */ (h("input", {
    id: "link-code", class: "field__input link-view__code", value: code, autocomplete: "off",
    autocapitalize: "characters", spellcheck: "false", maxlength: 80, "aria-describedby": "link-code-hint",
  }));
  const items = h("div", { class: "link-view__items", "aria-busy": "true" }, h("p", { text: t("common.loading") }));
  const status = h("p", { class: "link-view__status", role: "status", "aria-live": "polite" });

  /** The items still without a label; the one picked stays picked while it is on the list. */
  function loadItems() {
    const picked = /** @type {HTMLInputElement | null} */ (items.querySelector("input[name=item]:checked"))?.value;
    items.setAttribute("aria-busy", "true");
    api("/api/items/unlabelled")
      .then((rows) => {
        items.replaceChildren(rows.length ? itemChoices(rows) : h("p", { text: t("link.no_items") }));
        const radios = /** @type {NodeListOf<HTMLInputElement>} */ (items.querySelectorAll("input[name=item]"));
        const again = [...radios].find((radio) => radio.value === picked);
        if (again) again.checked = true;
      })
      .catch((error) => items.replaceChildren(h("p", { class: "field__error", text: errorText(error) })))
      .finally(() => items.removeAttribute("aria-busy"));
  }
  loadItems();

  /** @param {SubmitEvent} event */
  async function onSubmit(event) {
    event.preventDefault();
    const parsed = parseScanned(input.value);
    if (!parsed.ok) {
      codeError.textContent = t(`link.code_${parsed.reason}`);
      input.setAttribute("aria-invalid", "true");
      input.focus();
      return;
    }
    codeError.textContent = "";
    input.removeAttribute("aria-invalid");
    const chosen = /** @type {HTMLInputElement | null} */ (items.querySelector("input[name=item]:checked"));
    if (!chosen) {
      status.textContent = t("link.pick_item");
      return;
    }
    status.textContent = t("link.busy");
    const event_ = { id: crypto.randomUUID(), code: parsed.code, action: "link", item_id: chosen.value,
      device_time: new Date().toISOString() };
    try {
      const { results: [result] } = await api("/api/scans/batch", { method: "POST", body: { events: [event_] } });
      if (result.status === "rejected") {
        status.textContent = t(`reason.${result.reason}`) === `reason.${result.reason}` ? result.message : t(`reason.${result.reason}`);
        return;
      }
      navigate(`/sak/${encodeURIComponent(chosen.value)}`);
    } catch (error) {
      status.textContent = errorText(error);
    }
  }

  return h(
    "section",
    { class: "link-view", "aria-labelledby": "link-title" },
    h("h1", { id: "link-title", text: t("link.title") }),
    h("p", { text: t("link.intro") }),
    h("p", { text: t("link.photo_intro") }),
    // A label linked from a photo takes its item off the list of unlabelled ones.
    photoResults({ onNewResult: loadItems }),
    h(
      "form",
      { novalidate: true, onsubmit: onSubmit },
      h("div", { class: "field" },
        h("label", { for: "link-code", class: "field__label", text: t("link.code") }),
        h("p", { id: "link-code-hint", class: "link-view__hint", text: t("link.code_hint") }),
        codeError,
        input),
      h("fieldset", { class: "link-view__fieldset" }, h("legend", { class: "field__label", text: t("link.item") }), items),
      status,
      h("button", { type: "submit", class: "button button--primary", text: t("link.submit") }),
    ),
  );
}

/** @param {{id: string, title: string, state: string}[]} rows */
function itemChoices(rows) {
  return h("ul", { class: "link-view__list" }, rows.map((row, index) => h("li", {},
    h("div", { class: "link-view__pick" },
      h("input", { type: "radio", name: "item", id: `link-item-${index}`, value: row.id, class: "link-view__radio" }),
      h("label", { for: `link-item-${index}`, class: "link-view__choice" },
        h("span", { class: "link-view__choice-title", text: row.title }),
        h("span", { class: "link-view__choice-state", text: stateName(row.state) }))),
    photoButton(row, index))));
}

/**
 * "Fotografera med etiketten": the camera, then the photo waits in the outbox for a network.
 * @param {{id: string, title: string}} row @param {number} index
 */
function photoButton(row, index) {
  const id = `link-photo-${index}`;
  const note = h("p", { class: "link-view__photo-note", role: "status" });
  const input = /** @type {HTMLInputElement} */ (h("input", {
    id, class: "link-view__file", type: "file", accept: "image/*", capture: "environment",
    // The visible text is the same on every row; the name says which item it photographs.
    "aria-label": t("link.photo_item", { title: row.title }),
  }));
  input.addEventListener("change", async () => {
    const [file] = input.files ?? [];
    if (!file) return;
    note.textContent = t("link.photo_preparing");
    try {
      await queuePhoto(row.id, file, { title: row.title, label: true });
      note.textContent = t("link.photo_saved");
      afterEnqueue();
    } catch {
      note.textContent = t("error.generic");
    }
    input.value = "";  // the same row can be photographed again
  });
  return h("div", { class: "link-view__photo" },
    input,
    h("label", { for: id, class: "button button--secondary", text: t("link.photo") }),
    note);
}
